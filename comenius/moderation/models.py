"""Reports of content or members, and what moderators decided about them.

A report names its target by kind (see `registry.py`) and id, keeps a snapshot of the content as it was
reported (moderators see it in context even after an edit), and is routed by the author's country: the NSO
of that country and central support handle it (project-space content will go to the space's teacher
administrators). Every decision also lands in the audit log.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from comenius.core.models import Country


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    INAPPROPRIATE = "inappropriate", _("Rude, hurtful or inappropriate")
    CHILD_SAFETY = "child_safety", _("A child may be in danger")
    COPYRIGHT = "copyright", _("Copies someone else's work")
    PERSONAL_DATA = "personal_data", _("Shares personal data")
    OTHER = "other", _("Something else")


class ReportState(models.TextChoices):
    OPEN = "open", _("Open")
    DISMISSED = "dismissed", _("Dismissed")
    ACTIONED = "actioned", _("Acted on")


class Action(models.TextChoices):
    DISMISS = "dismiss", _("Dismiss the report")
    HIDE = "hide", _("Hide the content")
    RESTORE = "restore", _("Show the content again")
    DELETE = "delete", _("Delete the content")
    WARN = "warn", _("Warn the author")
    SUSPEND = "suspend", _("Suspend the member")
    BAN = "ban", _("Ban the member")


class Report(models.Model):
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="reports_made"
    )
    kind = models.CharField(_("kind"), max_length=20)
    object_id = models.PositiveBigIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="reports_about"
    )
    country = models.ForeignKey(Country, null=True, on_delete=models.SET_NULL, related_name="+")
    # Content of a project space goes to that space's teacher administrators (and central support).
    space = models.ForeignKey("spaces.Space", null=True, blank=True, on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(_("reason"), max_length=20, choices=ReportReason.choices)
    comment = models.CharField(_("comment"), max_length=1000, blank=True)
    snapshot = models.TextField(blank=True)
    state = models.CharField(max_length=10, choices=ReportState.choices, default=ReportState.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    action = models.CharField(max_length=10, choices=Action.choices, blank=True)
    decision_reason = models.CharField(max_length=1000, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            # One open report per person and target: a double click or a second report adds nothing.
            models.UniqueConstraint(
                fields=["reporter", "kind", "object_id"], condition=Q(state="open"), name="one_open_report_each"
            ),
        ]
        indexes = [
            models.Index(fields=["state", "country", "created_at"], name="report_queue"),
            models.Index(fields=["kind", "object_id"], name="report_target"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.object_id} ({self.get_reason_display()})"
