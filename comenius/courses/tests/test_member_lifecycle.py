"""Courses in the member lifecycle: export, deletion and account merge."""

from __future__ import annotations

import pytest

from comenius.core import lifecycle
from comenius.courses import access, services
from comenius.courses.models import Course, Enrolment, QuizAttempt
from comenius.courses.tests.people import activity, make_course, right_answers
from comenius.devdata.testing import Cast

pytestmark = pytest.mark.django_db


def test_export_delete_and_merge(cast: Cast):
    course = make_course(cast.carla, cast.mette)
    services.enrol(cast.lucia, course)
    services.enrol(cast.otto, course)
    services.answer_quiz(cast.otto, activity(course, "quiz"), right_answers(activity(course, "quiz")))
    attempts = access.own_data(cast.otto).data["course_quiz_attempts"]
    assert [row["score"] for row in attempts] == [100]  # type: ignore[attr-defined]
    # Merge Otto into Lucía: one enrolment stays, with his quiz attempt.
    services.merge_member(cast.lucia, cast.otto)
    enrolment = Enrolment.objects.get(course=course)
    assert enrolment.user == cast.lucia and QuizAttempt.objects.get().enrolment == enrolment
    assert Course.objects.get().enrolled_count == 1
    services.forget_member(cast.lucia, lifecycle.Deletion("Former member"))
    assert not Enrolment.objects.exists() and Course.objects.get().enrolled_count == 0
