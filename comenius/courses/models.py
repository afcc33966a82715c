"""Courses: short, mostly asynchronous "learning events" (DOMAIN.md, "Groups, events, professional development").

Central support makes a course and names its leads. A course has modules; a module has content pages
(sanitised rich text) and activities: a task (submitted as text or a file, reviewed by a lead), a short quiz
(marked automatically) or a discussion thread. Members enrol (optionally up to a capacity) between the start
and the end. Completion is computed from the activities by the course's rule — every required activity done,
each quiz passed at `quiz_pass_percent` — never typed in; on completion the member gets a certificate
(`comenius.certificates`).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from comenius.core.vocabulary import Language


class Course(models.Model):
    title = models.CharField(_("title"), max_length=150)
    summary = models.CharField(_("summary"), max_length=500)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    language = models.CharField(_("language"), max_length=5, choices=Language.choices, default=Language.EN)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    expected_hours = models.DecimalField(_("expected hours"), max_digits=4, decimal_places=1)
    quiz_pass_percent = models.PositiveSmallIntegerField(_("quiz pass mark (%)"), default=70)
    is_published = models.BooleanField(_("published"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Kept by the services under the course's row lock: the capacity check reads it.
    enrolled_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        indexes = [models.Index(fields=["is_published", "starts_on"], name="course_list")]

    def __str__(self) -> str:
        return self.title

    @property
    def places_left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.enrolled_count, 0)


class CourseLead(models.Model):
    """A course lead ("moderator" of the course): sees every participant's progress and reviews tasks."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="leads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="courses_led")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["course", "user"], name="one_lead_row")]

    def __str__(self) -> str:
        return f"{self.user_id} leads {self.course_id}"


class Module(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules")
    title = models.CharField(_("title"), max_length=150)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class ContentPage(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="pages")
    title = models.CharField(_("title"), max_length=150)
    body = models.TextField(_("text"), blank=True)  # HTML sanitised with nh3 on save (services)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class ActivityKind(models.TextChoices):
    TASK = "task", _("Task")
    QUIZ = "quiz", _("Quiz")
    DISCUSSION = "discussion", _("Discussion")


class Activity(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("kind"), max_length=10, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=150)
    instructions = models.TextField(_("instructions"), max_length=5000, blank=True)
    required = models.BooleanField(_("needed to complete the course"), default=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=500)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text[:40]


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("answer"), max_length=300)
    is_correct = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text[:40]


class Enrolment(models.Model):
    """One row per person and course. `completed_at` is set by `services.refresh_completion` only."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrolments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments")
    enrolled_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["course", "user"], name="one_enrolment_each")]
        indexes = [models.Index(fields=["user", "-enrolled_at"], name="enrolment_user")]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.course_id}"


class SubmissionState(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for review")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned for changes")


def submission_upload_to(instance: TaskSubmission, filename: str) -> str:
    return f"courses/{instance.activity_id}/{secrets.token_hex(16)}"


class TaskSubmission(models.Model):
    """A participant's answer to a task: text, a file (checked under core.uploads.SPACE_MATERIAL) or both.
    One per participant and task; sending again replaces it and waits for review again."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="submissions")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="submissions")
    text = models.TextField(_("your answer"), max_length=10000, blank=True)
    file = models.FileField(upload_to=submission_upload_to, blank=True)
    filename = models.CharField(max_length=150, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    submitted_at = models.DateTimeField()
    state = models.CharField(max_length=10, choices=SubmissionState.choices, default=SubmissionState.SUBMITTED)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    feedback = models.TextField(_("feedback"), max_length=3000, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["activity", "enrolment"], name="one_submission_each")]
        indexes = [models.Index(fields=["state", "submitted_at"], name="submission_review")]

    def __str__(self) -> str:
        return f"{self.enrolment_id} → {self.activity_id}"


class QuizAttempt(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="attempts")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attempts")
    answers = models.JSONField(default=dict)  # question id → choice id
    score = models.PositiveSmallIntegerField()  # percent of questions answered right
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"{self.enrolment_id}: {self.score} %"


class CoursePost(models.Model):
    """A contribution to a discussion activity."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(_("your contribution"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["activity", "created_at"], name="course_post_thread")]

    def __str__(self) -> str:
        return self.body[:40]
