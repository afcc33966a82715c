"""Who sees which courses, and the participant's progress — computed from the activities, never stored.

- Validated members see published courses and take part in those they enrolled in; a course's leads and
  central support see every participant's progress and review tasks. Central support sees drafts too.
- NSO officers, pending members and visitors do not reach courses; pupils never do (404).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max, Prefetch, QuerySet
from django.http import Http404

from comenius.accounts.models import Role, User
from comenius.core.lifecycle import ExportPart
from comenius.courses.models import (
    Activity,
    ActivityKind,
    ContentPage,
    Course,
    CourseLead,
    CoursePost,
    Enrolment,
    Module,
    QuizAttempt,
    SubmissionState,
    TaskSubmission,
)


def is_central(user: Any) -> bool:
    return getattr(user, "is_authenticated", False) and user.role == Role.CENTRAL


def reaches_courses(user: Any) -> bool:
    return getattr(user, "is_authenticated", False) and (user.is_validated_member or user.role == Role.CENTRAL)


def leads_course_id(user: Any, course_id: int) -> bool:
    """A lead of this course (certificates asks this before a revocation)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return CourseLead.objects.filter(course_id=course_id, user=user).exists()


@dataclass
class CourseSeat:
    user: User
    course: Course
    enrolment: Enrolment | None
    lead: bool = False
    central: bool = False

    @property
    def manages(self) -> bool:
        """Leads and central support: progress of everyone, reviews, the course's content."""
        return self.lead or self.central

    @property
    def participates(self) -> bool:
        return self.enrolment is not None

    @property
    def reads_content(self) -> bool:
        return self.participates or self.manages


def seat_for(user: Any, course_id: int) -> CourseSeat:
    if not reaches_courses(user):
        raise Http404
    course = Course.objects.filter(pk=course_id).first()
    if course is None:
        raise Http404
    central = is_central(user)
    lead = CourseLead.objects.filter(course=course, user=user).exists()
    if not course.is_published and not (central or lead):
        raise Http404
    enrolment = Enrolment.objects.filter(course=course, user=user).first()
    return CourseSeat(user=user, course=course, enrolment=enrolment, lead=lead, central=central)


def require(condition: bool) -> None:
    if not condition:
        raise Http404


def course_list(viewer: User) -> QuerySet[Course]:
    """Published courses, the ones still open first; central support also sees drafts."""
    courses = Course.objects.all() if is_central(viewer) else Course.objects.filter(is_published=True)
    return courses.order_by("-ends_on", "title")


def enrolled_ids(viewer: User, course_ids: Iterable[int]) -> set[int]:
    return set(
        Enrolment.objects.filter(user=viewer, course_id__in=list(course_ids)).values_list("course_id", flat=True)
    )


def led_courses(user: User) -> QuerySet[Course]:
    return Course.objects.filter(leads__user=user).order_by("-starts_on")


def modules_of(course: Course) -> list[Module]:
    """Modules with their pages and activities (three queries, whatever the size)."""
    return list(
        course.modules.prefetch_related(
            Prefetch("pages", queryset=ContentPage.objects.only("id", "title", "module_id", "position")),
            Prefetch("activities", queryset=Activity.objects.all()),
        )
    )


def page_for(seat: CourseSeat, pk: int) -> ContentPage:
    require(seat.reads_content)
    found = ContentPage.objects.filter(pk=pk, module__course=seat.course).select_related("module").first()
    if found is None:
        raise Http404
    return found


def activity_for(seat: CourseSeat, pk: int) -> Activity:
    require(seat.reads_content)
    found = Activity.objects.filter(pk=pk, module__course=seat.course).select_related("module").first()
    if found is None:
        raise Http404
    return found


CONTENT_KINDS: dict[str, type[Module] | type[ContentPage] | type[Activity]] = {
    "module": Module,
    "page": ContentPage,
    "activity": Activity,
}


def content_item_for(seat: CourseSeat, kind: str, pk: int) -> Module | ContentPage | Activity:
    """A module, page or activity of the seat's course, for those who change the content (the course's leads
    and central support); 404 for everyone else and for another course's content."""
    require(seat.manages)
    model = CONTENT_KINDS.get(kind)
    if model is None:
        raise Http404
    found: Module | ContentPage | Activity | None
    if model is Module:
        found = Module.objects.filter(pk=pk, course=seat.course).select_related("course").first()
    elif model is ContentPage:
        found = ContentPage.objects.filter(pk=pk, module__course=seat.course).select_related("module__course").first()
    else:
        found = Activity.objects.filter(pk=pk, module__course=seat.course).select_related("module__course").first()
    if found is None:
        raise Http404
    return found


# --- progress ---------------------------------------------------------------------------------------------------


@dataclass
class Progress:
    """Where one participant stands: which required activities are done, which remain, quiz scores."""

    required: list[Activity]
    done: set[int]
    best_scores: dict[int, int] = field(default_factory=dict)
    submissions: dict[int, TaskSubmission] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return len(self.required)

    @property
    def done_count(self) -> int:
        return len([a for a in self.required if a.pk in self.done])

    @property
    def percent(self) -> int:
        return 100 if not self.required else round(100 * self.done_count / self.total)

    @property
    def remaining(self) -> list[Activity]:
        return [a for a in self.required if a.pk not in self.done]

    @property
    def complete(self) -> bool:
        return self.done_count == self.total


def _activities(course: Course) -> list[Activity]:
    return list(
        Activity.objects.filter(module__course=course).order_by("module__position", "module_id", "position", "id")
    )


def progress_for_many(
    course: Course, enrolments: list[Enrolment], pass_percent: int | None = None
) -> dict[int, Progress]:
    """Progress of many participants in four queries (activities, accepted tasks, best quiz scores, discussion
    posts), independent of how many there are. An activity is done when: a task's submission was accepted by a
    lead; a quiz's best attempt reached the course's pass mark; the participant wrote in a discussion."""
    activities = _activities(course)
    required = [a for a in activities if a.required]
    threshold = course.quiz_pass_percent if pass_percent is None else pass_percent
    ids = [e.pk for e in enrolments]
    user_of = {e.pk: e.user_id for e in enrolments}
    done: dict[int, set[int]] = defaultdict(set)
    scores: dict[int, dict[int, int]] = defaultdict(dict)
    submissions: dict[int, dict[int, TaskSubmission]] = defaultdict(dict)
    activity_ids = [a.pk for a in activities]
    for submission in TaskSubmission.objects.filter(enrolment_id__in=ids, activity_id__in=activity_ids).defer("text"):
        submissions[submission.enrolment_id][submission.activity_id] = submission
        if submission.state == SubmissionState.ACCEPTED:
            done[submission.enrolment_id].add(submission.activity_id)
    best = (
        QuizAttempt.objects.filter(enrolment_id__in=ids, activity_id__in=activity_ids)
        .values("enrolment_id", "activity_id")
        .annotate(best=Max("score"))
    )
    for row in best:
        scores[row["enrolment_id"]][row["activity_id"]] = row["best"]
        if row["best"] >= threshold:
            done[row["enrolment_id"]].add(row["activity_id"])
    discussion_ids = [a.pk for a in activities if a.kind == ActivityKind.DISCUSSION]
    if discussion_ids:
        wrote = set(
            CoursePost.objects.filter(
                activity_id__in=discussion_ids, author_id__in=set(user_of.values()), hidden_at__isnull=True
            ).values_list("activity_id", "author_id")
        )
        for enrolment_id, user_id in user_of.items():
            done[enrolment_id].update(a for a in discussion_ids if (a, user_id) in wrote)
    return {
        e: Progress(required=required, done=done[e], best_scores=scores[e], submissions=submissions[e]) for e in ids
    }


def progress_of(enrolment: Enrolment) -> Progress:
    return progress_for_many(enrolment.course, [enrolment])[enrolment.pk]


def participants(seat: CourseSeat) -> list[tuple[Enrolment, Progress]]:
    """Leads and central support: every participant with their progress (bounded queries)."""
    require(seat.manages)
    enrolments = list(
        Enrolment.objects.filter(course=seat.course).select_related("user__country").order_by("user__first_name")[:1000]
    )
    progress = progress_for_many(seat.course, enrolments)
    return [(e, progress[e.pk]) for e in enrolments]


def submissions_to_review(seat: CourseSeat) -> QuerySet[TaskSubmission]:
    require(seat.manages)
    return (
        TaskSubmission.objects.filter(activity__module__course=seat.course, state=SubmissionState.SUBMITTED)
        .select_related("activity", "enrolment__user")
        .order_by("submitted_at")
    )


def submission_for(seat: CourseSeat, pk: int) -> TaskSubmission:
    """The participant's own, or any of the course's for its leads and central support."""
    found = (
        TaskSubmission.objects.filter(pk=pk, activity__module__course=seat.course)
        .select_related("activity", "enrolment__user", "reviewed_by")
        .first()
    )
    if found is None or not (seat.manages or (seat.enrolment is not None and found.enrolment_id == seat.enrolment.pk)):
        raise Http404
    return found


def thread(seat: CourseSeat, activity: Activity) -> QuerySet[CoursePost]:
    posts = CoursePost.objects.filter(activity=activity).select_related("author")
    return posts if seat.manages else posts.filter(hidden_at__isnull=True)


# --- the member's own data --------------------------------------------------------------------------------------


def own_data(user: Any) -> ExportPart:
    enrolments = Enrolment.objects.filter(user=user).values("course__title", "enrolled_at", "completed_at")
    submissions = TaskSubmission.objects.filter(enrolment__user=user)
    data: dict[str, object] = {
        "course_enrolments": list(enrolments),
        "course_tasks": list(
            submissions.values("activity__title", "text", "filename", "submitted_at", "state", "feedback")
        ),
        "course_quiz_attempts": list(
            QuizAttempt.objects.filter(enrolment__user=user).values("activity__title", "score", "submitted_at")
        ),
        "course_posts": list(CoursePost.objects.filter(author=user).values("activity__title", "body", "created_at")),
        "courses_led": list(CourseLead.objects.filter(user=user).values_list("course__title", flat=True)),
    }
    files = {f"courses/{s.pk}-{s.filename}": s.file for s in submissions.exclude(file="")}
    return ExportPart(data, files)
