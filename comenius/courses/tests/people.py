"""A course made through the services, as central support and a lead would make it."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from comenius.courses import services
from comenius.courses.models import Activity, Course


def course_data(title: str = "Teaching outdoors", **overrides: Any) -> services.CourseData:
    today = timezone.localdate()
    values: dict[str, Any] = {
        "title": title,
        "summary": "Four weeks of lessons outside the classroom.",
        "description": "Short readings, one task, one quiz and a discussion.",
        "language": "en",
        "starts_on": today - timedelta(days=1),
        "ends_on": today + timedelta(days=60),
        "capacity": None,
        "expected_hours": Decimal("6"),
        "quiz_pass_percent": 70,
    }
    values.update(overrides)
    return services.CourseData(**values)


def make_course(carla: Any, lead: Any, title: str = "Teaching outdoors", **overrides: Any) -> Course:
    """A published course with one module: a page, a task, a two-question quiz and a discussion."""
    course = services.create_course(carla, course_data(title, **overrides), [lead])
    module = services.add_module(lead, course, "Why go outside?")
    services.add_page(lead, module, "Reading", "<h2>Outdoor learning</h2><p>Fresh air.</p><script>x()</script>")
    services.add_activity(lead, module, "task", "Plan a lesson", "Describe one outdoor lesson.")
    quiz = services.add_activity(lead, module, "quiz", "Check yourself", "")
    services.add_question(lead, quiz, "Which is a measuring task?", [("Counting trees", True), ("Sleeping", False)])
    services.add_question(lead, quiz, "Where?", [("Outside", True), ("Nowhere", False)])
    services.add_activity(lead, module, "discussion", "Share an idea", "Tell the others.")
    services.set_published(lead, course, True)
    return course


def activity(course: Course, kind: str) -> Activity:
    return Activity.objects.get(module__course=course, kind=kind)


def right_answers(quiz: Activity) -> dict[int, int]:
    return {q.pk: q.choices.get(is_correct=True).pk for q in quiz.questions.all()}
