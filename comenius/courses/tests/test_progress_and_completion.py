"""Course progress and completion are computed from the activities; quizzes are marked automatically; the
capacity holds; completion gives a certificate; leads see everyone's progress."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from comenius.certificates.models import Certificate
from comenius.core.errors import DomainError
from comenius.courses import access, services
from comenius.courses.models import ContentPage, Enrolment, TaskSubmission
from comenius.courses.tests.people import activity, course_data, make_course, right_answers
from comenius.devdata.testing import Cast, client_for, count_queries

pytestmark = pytest.mark.django_db


def test_quiz_marking(cast: Cast):
    course = make_course(cast.carla, cast.mette)
    quiz = activity(course, "quiz")
    right = right_answers(quiz)
    assert services.mark_quiz(quiz, right) == 100
    first, second = list(quiz.questions.all())
    wrong = first.choices.get(is_correct=False).pk
    assert services.mark_quiz(quiz, {first.pk: wrong, second.pk: right[second.pk]}) == 50
    assert services.mark_quiz(quiz, {}) == 0
    assert services.mark_quiz(quiz, {first.pk: right[second.pk]}) == 0  # another question's answer


def test_progress_and_completion_come_from_the_activities(cast: Cast):
    course = make_course(cast.carla, cast.mette)
    enrolment = services.enrol(cast.lucia, course)
    progress = access.progress_of(enrolment)
    assert (progress.done_count, progress.total, progress.percent) == (0, 3, 0)
    # A quiz below the pass mark is not done; the best attempt counts.
    quiz = activity(course, "quiz")
    first, second = list(quiz.questions.all())
    half = {first.pk: first.choices.get(is_correct=False).pk, second.pk: second.choices.get(is_correct=True).pk}
    services.answer_quiz(cast.lucia, quiz, half)
    assert quiz.pk not in access.progress_of(enrolment).done
    services.answer_quiz(cast.lucia, quiz, right_answers(quiz))
    assert quiz.pk in access.progress_of(enrolment).done
    # A submitted task is done only once a lead accepts it.
    task = activity(course, "task")
    submission = services.submit_task(cast.lucia, task, "We map the schoolyard.")
    assert task.pk not in access.progress_of(enrolment).done
    with pytest.raises(DomainError):
        services.review_task(cast.lucia, submission, True)  # not a lead
    with pytest.raises(DomainError):
        services.review_task(cast.mette, submission, False, "")  # returning needs feedback
    services.review_task(cast.mette, submission, False, "Add the age group.")
    assert TaskSubmission.objects.get().state == "returned"
    submission = services.submit_task(cast.lucia, task, "We map the schoolyard with 10-year-olds.")
    services.review_task(cast.mette, submission, True)
    progress = access.progress_of(enrolment)
    assert progress.done_count == 2 and [a.kind for a in progress.remaining] == ["discussion"]
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None and not Certificate.objects.exists()
    # The last activity completes the course, and the certificate is issued once.
    services.contribute(cast.lucia, activity(course, "discussion"), "Counting leaves works with the youngest.")
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    certificate = Certificate.objects.get()
    assert (certificate.member, certificate.kind, certificate.subject_id) == (
        cast.lucia,
        "courses.completion",
        course.pk,
    )
    assert certificate.hours == 6
    services.contribute(cast.lucia, activity(course, "discussion"), "Once more.")
    assert Certificate.objects.count() == 1
    page = client_for(cast.lucia).get(reverse("courses:detail", args=[course.pk])).content.decode()
    assert reverse("certificates:pdf", args=[certificate.pk]) in page


def test_optional_activities_do_not_hold_completion_back(cast: Cast):
    course = services.create_course(cast.carla, course_data(), [cast.mette])
    module = services.add_module(cast.mette, course, "Only")
    services.add_activity(cast.mette, module, "discussion", "Say hello", "")
    services.add_activity(cast.mette, module, "task", "Extra", "", required=False)
    services.set_published(cast.mette, course, True)
    enrolment = services.enrol(cast.otto, course)
    services.contribute(cast.otto, activity(course, "discussion"), "Hello")
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None


def test_capacity_and_dates_hold(cast: Cast):
    course = make_course(cast.carla, cast.mette, capacity=1)
    services.enrol(cast.lucia, course)
    assert services.enrol(cast.lucia, course).course_id == course.pk  # twice: the same enrolment
    with pytest.raises(DomainError):
        services.enrol(cast.otto, course)
    course.refresh_from_db()
    assert course.enrolled_count == 1
    services.withdraw(cast.lucia, course)
    services.enrol(cast.otto, course)
    assert Enrolment.objects.filter(course=course).count() == 1
    with pytest.raises(DomainError):
        services.enrol(cast.nina, course)  # not validated
    later = make_course(cast.carla, cast.mette, title="Later", starts_on=timezone.localdate() + timedelta(days=5))
    services.enrol(cast.lucia, later)
    with pytest.raises(DomainError):
        services.answer_quiz(cast.lucia, activity(later, "quiz"), {})  # not started yet


def test_pages_are_sanitised_and_leads_see_everyones_progress(cast: Cast):
    course = make_course(cast.carla, cast.mette)
    assert "<script>" not in ContentPage.objects.get().body
    assert "<h2>Outdoor learning</h2>" in ContentPage.objects.get().body
    services.enrol(cast.lucia, course)
    services.enrol(cast.otto, course)
    services.contribute(cast.otto, activity(course, "discussion"), "Hi")
    url = reverse("courses:participants", args=[course.pk])
    page = client_for(cast.mette).get(url).content.decode()
    assert "Lucía García" in page and "Otto Berg" in page
    few = count_queries(client_for(cast.mette), url)
    services.enrol(cast.mette, course)  # a lead may take the course too
    services.contribute(cast.mette, activity(course, "discussion"), "Welcome")
    assert count_queries(client_for(cast.mette), url) == few
    assert client_for(cast.lucia).get(url).status_code == 404


def test_a_participant_takes_the_course_through_the_pages(cast: Cast):
    course = make_course(cast.carla, cast.mette)
    lucia = client_for(cast.lucia)
    assert lucia.get(reverse("courses:activity", args=[course.pk, activity(course, "quiz").pk])).status_code == 404
    lucia.post(reverse("courses:enrol", args=[course.pk]))
    quiz = activity(course, "quiz")
    answers = {f"q{question}": choice for question, choice in right_answers(quiz).items()}
    response = lucia.post(reverse("courses:activity", args=[course.pk, quiz.pk]), answers)
    assert response.status_code == 302
    task = activity(course, "task")
    lucia.post(reverse("courses:activity", args=[course.pk, task.pk]), {"text": "A lesson by the lake."})
    submission = TaskSubmission.objects.get()
    review = client_for(cast.mette).post(
        reverse("courses:review", args=[course.pk, submission.pk]), {"decision": "accept"}
    )
    assert review.status_code == 302
    discussion = activity(course, "discussion")
    lucia.post(reverse("courses:activity", args=[course.pk, discussion.pk]), {"body": "Lakes are great."})
    assert Enrolment.objects.get(user=cast.lucia).completed_at is not None
    page = lucia.get(reverse("courses:detail", args=[course.pk])).content.decode()
    assert "<progress" in page
