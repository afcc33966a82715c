"""Permission-matrix rows for every course URL (merged into site/tests/test_permission_matrix.py).

The cast's course: "Teaching outdoors", made by Carla (central support) with Mette as its lead, published;
Lucía is enrolled (with a task submitted), Otto is not. Validated members see the list and the course page;
content is for participants, leads and central support; progress and reviews for Mette and Carla. NSO officers,
pending members, visitors and pupils do not reach courses."""

from __future__ import annotations

from typing import Any

ROLES = ["anon", "mette", "lucia", "otto", "nina", "pia", "jonas", "ana", "carla"]
MEMBERS = ["mette", "lucia", "otto"]
OFFICERS = ["jonas", "ana", "carla"]


def NO_ARGS(cast: Any) -> dict[str, Any]:  # noqa: N802 - the matrix's name for it
    return {}


def per_group(anon: int, members: int, nina: int, pia: int, officers: int, **overrides: int) -> dict[str, int]:
    table = {"anon": anon, "nina": nina, "pia": pia, **dict.fromkeys(MEMBERS, members)}
    return {**table, **dict.fromkeys(OFFICERS, officers), **overrides}


def the_course(cast: Any) -> Any:
    from comenius.core.uploads import CheckedFile
    from comenius.courses import services
    from comenius.courses.models import Course
    from comenius.courses.tests.people import activity, make_course

    course = Course.objects.filter(title="Teaching outdoors").first()
    if course is None:
        course = make_course(cast.carla, cast.mette)
        services.enrol(cast.lucia, course)
        task = activity(course, "task")
        services.submit_task(
            cast.lucia, task, "In the park.", CheckedFile(b"%PDF-1.4\n%%EOF\n", "application/pdf", "plan.pdf")
        )
        services.contribute(cast.lucia, activity(course, "discussion"), "We count birds.")
    return course


def course_args(cast: Any) -> dict[str, Any]:
    return {"course_id": the_course(cast).pk}


def page_args(cast: Any) -> dict[str, Any]:
    from comenius.courses.models import ContentPage

    course = the_course(cast)
    return {"course_id": course.pk, "pk": ContentPage.objects.get(module__course=course).pk}


def activity_args(cast: Any) -> dict[str, Any]:
    from comenius.courses.tests.people import activity

    course = the_course(cast)
    return {"course_id": course.pk, "pk": activity(course, "quiz").pk}


def content_args(cast: Any) -> dict[str, Any]:
    from comenius.courses.tests.people import activity

    course = the_course(cast)
    return {"course_id": course.pk, "kind": "activity", "pk": activity(course, "task").pk}


def post_args(cast: Any) -> dict[str, Any]:
    from comenius.courses.models import CoursePost

    course = the_course(cast)
    return {"course_id": course.pk, "pk": CoursePost.objects.get(activity__module__course=course).pk}


def submission_args(cast: Any) -> dict[str, Any]:
    from comenius.courses.models import TaskSubmission

    course = the_course(cast)
    return {"course_id": course.pk, "pk": TaskSubmission.objects.get(activity__module__course=course).pk}


MEMBERS_AND_CENTRAL = per_group(302, 200, 302, 404, 404, carla=200)
CONTENT = per_group(302, 200, 302, 404, 404, otto=404, carla=200)
LEADS = per_group(302, 404, 302, 404, 404, mette=200, carla=200)
POST_ONLY = per_group(302, 405, 302, 404, 404, carla=405)
# Changing the content: the course's lead and central support; GET of a POST-only door answers 405 to them.
LEADS_POST_ONLY = per_group(302, 404, 302, 404, 404, mette=405, carla=405)

ROWS = {
    "courses:list": (NO_ARGS, MEMBERS_AND_CENTRAL),
    "courses:new": (NO_ARGS, per_group(302, 404, 302, 404, 404, carla=200)),
    "courses:detail": (course_args, MEMBERS_AND_CENTRAL),
    "courses:enrol": (course_args, POST_ONLY),
    "courses:withdraw": (course_args, POST_ONLY),
    "courses:manage": (course_args, LEADS),
    "courses:edit_content": (content_args, LEADS),
    "courses:move_content": (content_args, LEADS_POST_ONLY),
    "courses:delete_content": (content_args, LEADS_POST_ONLY),
    "courses:page": (page_args, CONTENT),
    "courses:activity": (activity_args, CONTENT),
    "courses:hide_post": (post_args, POST_ONLY),
    "courses:submission_file": (submission_args, CONTENT),
    "courses:participants": (course_args, LEADS),
    "courses:review_queue": (course_args, LEADS),
    "courses:review": (submission_args, LEADS),
}
