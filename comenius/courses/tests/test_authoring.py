"""Changing a course's content after it was made: edit, move up/down (plain forms), delete; only its leads and
central support; participants' progress stays what their work says (deleting worked-on activities is refused,
changing what is required re-computes completion, a completed course stays completed)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from comenius.certificates.models import Certificate
from comenius.core.errors import DomainError
from comenius.core.models import AuditEvent
from comenius.courses import access, services
from comenius.courses.models import Activity, ContentPage, Module
from comenius.courses.tests.people import activity, make_course, right_answers
from comenius.devdata.testing import Cast, client_for

pytestmark = pytest.mark.django_db


def content_url(name: str, course, kind: str, pk: int) -> str:
    return reverse(f"courses:{name}", kwargs={"course_id": course.pk, "kind": kind, "pk": pk})


def services_message() -> str:
    """The refusal, in the language of the request that showed it (Mette reads Danish)."""
    from django.utils import translation

    with translation.override("da"):
        return translation.gettext(
            "Participants have already worked on this. Deleting it would lose their work and change their "
            "progress: make the activity optional instead."
        )


def titles(module: Module) -> list[str]:
    return list(Activity.objects.filter(module=module).order_by("position", "id").values_list("title", flat=True))


def test_a_lead_edits_modules_pages_and_activities(cast: Cast):
    course = make_course(cast.carla, cast.mette)
    module = Module.objects.get(course=course)
    page = ContentPage.objects.get(module=module)
    task = activity(course, "task")
    mette = client_for(cast.mette)
    form = mette.get(content_url("edit_content", course, "page", page.pk)).content.decode()
    assert "Outdoor learning" in form  # the current text, to change
    response = mette.post(content_url("edit_content", course, "module", module.pk), {"title": "Why go out?"})
    assert response.status_code == 302
    mette.post(
        content_url("edit_content", course, "page", page.pk),
        {"title": "Reading first", "body": "<p>New text</p><script>alert(1)</script>"},
    )
    mette.post(
        content_url("edit_content", course, "activity", task.pk),
        {"title": "Plan one lesson", "instructions": "Describe it in 200 words.", "required": "on"},
    )
    module.refresh_from_db()
    page.refresh_from_db()
    task.refresh_from_db()
    assert module.title == "Why go out?"
    assert page.title == "Reading first" and "New text" in page.body and "script" not in page.body
    assert (task.title, task.instructions, task.required, task.kind) == (
        "Plan one lesson",
        "Describe it in 200 words.",
        True,
        "task",
    )
    assert AuditEvent.objects.filter(action="course.content_changed", actor=cast.mette).count() == 3
    # A title is needed: a clear error, nothing changed.
    bad = mette.post(content_url("edit_content", course, "module", module.pk), {"title": "  "})
    assert bad.status_code == 400
    module.refresh_from_db()
    assert module.title == "Why go out?"
    # The content list offers edit links and move buttons.
    manage = mette.get(reverse("courses:manage", args=[course.pk])).content.decode()
    assert content_url("edit_content", course, "activity", task.pk) in manage
    assert content_url("move_content", course, "activity", task.pk) in manage


def test_move_up_and_down_without_script(cast: Cast):
    course = make_course(cast.carla, cast.mette)
    module = Module.objects.get(course=course)
    quiz = activity(course, "quiz")
    mette = client_for(cast.mette)
    assert titles(module) == ["Plan a lesson", "Check yourself", "Share an idea"]
    response = mette.post(content_url("move_content", course, "activity", quiz.pk), {"direction": "up"})
    assert response.status_code == 302 and response["Location"].endswith(f"#activity-{quiz.pk}")
    assert titles(module) == ["Check yourself", "Plan a lesson", "Share an idea"]
    mette.post(content_url("move_content", course, "activity", quiz.pk), {"direction": "up"})  # already first
    assert titles(module) == ["Check yourself", "Plan a lesson", "Share an idea"]
    mette.post(content_url("move_content", course, "activity", quiz.pk), {"direction": "down"})
    mette.post(content_url("move_content", course, "activity", quiz.pk), {"direction": "down"})
    assert titles(module) == ["Plan a lesson", "Share an idea", "Check yourself"]
    mette.post(content_url("move_content", course, "activity", quiz.pk), {"direction": "sideways"})
    assert titles(module) == ["Plan a lesson", "Share an idea", "Check yourself"]
    # Modules too; the participant's course page follows the new order.
    second = services.add_module(cast.mette, course, "Back inside")
    mette.post(content_url("move_content", course, "module", second.pk), {"direction": "up"})
    assert list(course.modules.values_list("title", flat=True)) == ["Back inside", "Why go outside?"]
    assert AuditEvent.objects.filter(action="course.reordered").count() == 4
    services.enrol(cast.lucia, course)
    page = client_for(cast.lucia).get(reverse("courses:detail", args=[course.pk])).content.decode()
    assert page.index("Back inside") < page.index("Why go outside?")


def test_only_leads_and_central_support_change_the_content(cast: Cast):
    course = make_course(cast.carla, cast.mette)
    other = make_course(cast.carla, cast.otto, title="Coding with pupils")
    task = activity(course, "task")
    services.enrol(cast.lucia, course)
    urls = [
        ("get", content_url("edit_content", course, "activity", task.pk), {}),
        ("post", content_url("edit_content", course, "activity", task.pk), {"title": "Mine now"}),
        ("post", content_url("move_content", course, "activity", task.pk), {"direction": "down"}),
        ("post", content_url("delete_content", course, "activity", task.pk), {}),
    ]
    for person in (cast.otto, cast.lucia):  # another member (a lead elsewhere), a participant
        client = client_for(person)
        for method, url, data in urls:
            assert getattr(client, method)(url, data).status_code == 404, (person, url)
    task.refresh_from_db()
    assert task.title == "Plan a lesson" and Activity.objects.filter(pk=task.pk).exists()
    # Another course's activity through this course's address, an unknown kind: 404 for the lead too.
    foreign = activity(other, "task")
    assert client_for(cast.mette).get(content_url("edit_content", course, "activity", foreign.pk)).status_code == 404
    assert client_for(cast.mette).get(content_url("edit_content", course, "question", task.pk)).status_code == 404
    with pytest.raises(DomainError):
        services.update_activity(cast.otto, task, "Mine", "", True)
    # Central support may.
    assert client_for(cast.carla).post(urls[1][1], {"title": "Plan a lesson outside"}).status_code == 302
    task.refresh_from_db()
    assert task.title == "Plan a lesson outside"


def test_progress_stays_valid_when_the_content_changes(cast: Cast):
    course = make_course(cast.carla, cast.mette)
    task, quiz, discussion = activity(course, "task"), activity(course, "quiz"), activity(course, "discussion")
    lucia = services.enrol(cast.lucia, course)
    otto = services.enrol(cast.otto, course)
    services.review_task(cast.mette, services.submit_task(cast.lucia, task, "In the park."), True)
    services.answer_quiz(cast.lucia, quiz, right_answers(quiz))
    assert access.progress_of(lucia).done_count == 2
    mette = client_for(cast.mette)

    # What Lucía worked on cannot be deleted (nor its module): a clear message, nothing goes.
    for kind, pk in (("activity", task.pk), ("activity", quiz.pk), ("module", task.module_id)):
        response = mette.post(content_url("delete_content", course, kind, pk), follow=True)
        assert response.redirect_chain[-1][0] == content_url("edit_content", course, kind, pk)
        shown = [(m.level_tag, m.message) for m in response.context["messages"]]
        assert shown == [("error", services_message())], shown
    assert Activity.objects.filter(module__course=course).count() == 3
    # Reordering and renaming change nothing in her progress.
    services.move(cast.mette, discussion, up=True)
    services.update_activity(cast.mette, task, "Plan one lesson", "", True)
    progress = access.progress_of(lucia)
    assert (progress.done_count, progress.total, [a.pk for a in progress.remaining]) == (2, 3, [discussion.pk])

    # A new required activity nobody touched can be deleted again; completion is re-computed.
    extra = services.add_activity(cast.mette, task.module, "task", "Extra reading", "")
    assert access.progress_of(lucia).total == 4
    # The discussion becomes optional: Lucía has done everything else she needs — except the extra task.
    mette.post(
        content_url("edit_content", course, "activity", discussion.pk), {"title": "Share an idea", "instructions": ""}
    )
    lucia.refresh_from_db()
    assert lucia.completed_at is None and access.progress_of(lucia).total == 3
    assert mette.post(content_url("delete_content", course, "activity", extra.pk)).status_code == 302
    lucia.refresh_from_db()
    otto.refresh_from_db()
    assert lucia.completed_at is not None and otto.completed_at is None  # the rule holds for her, not for Otto
    assert Certificate.objects.filter(member=cast.lucia).count() == 1
    assert AuditEvent.objects.filter(action="course.content_deleted").count() == 1
    # Making the discussion required again: Lucía stays completed (her certificate stays issued); Otto must do it.
    services.update_activity(cast.mette, discussion, "Share an idea", "", True)
    lucia.refresh_from_db()
    assert lucia.completed_at is not None and access.progress_of(otto).total == 3


def test_a_published_course_keeps_an_activity_and_pages_can_go(cast: Cast):
    course = make_course(cast.carla, cast.mette)
    page = ContentPage.objects.get(module__course=course)
    services.delete_content(cast.mette, page)
    assert not ContentPage.objects.filter(pk=page.pk).exists()
    for kind in ("task", "quiz"):
        services.delete_content(cast.mette, activity(course, kind))
    with pytest.raises(DomainError):
        services.delete_content(cast.mette, activity(course, "discussion"))
    services.set_published(cast.mette, course, False)
    services.delete_content(cast.mette, Module.objects.get(course=course))
    assert not Activity.objects.filter(module__course=course).exists()
