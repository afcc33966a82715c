"""Shared data with no domain of its own: the country registry, the audit log, periodic task runs and
prepared downloads."""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from comenius.core import audit


class CountryQuerySet(models.QuerySet["Country"]):
    def participating(self) -> CountryQuerySet:
        return self.filter(is_active=True)


class Country(models.Model):
    """A participating country. Data, not code: operators add or retire countries in the admin."""

    code = models.CharField(_("code"), max_length=2, primary_key=True, help_text=_("ISO 3166-1 alpha-2"))
    name = models.CharField(_("name"), max_length=100, help_text=_("English name; shown translated."))
    languages = models.JSONField(_("official languages"), default=list, help_text=_("ISO 639-1 codes"))
    consent_age = models.PositiveSmallIntegerField(
        _("age of digital consent"), default=16, help_text=_("Below this age a pupil needs parental consent.")
    )
    nso_name = models.CharField(_("national support organisation"), max_length=200)
    is_active = models.BooleanField(_("participating"), default=True)
    # Validation methods the NSO offers. NSO review is always available.
    evidence_upload_enabled = models.BooleanField(_("members may upload evidence"), default=True)
    head_confirmation_enabled = models.BooleanField(_("head of institution may confirm"), default=True)
    trusted_email_domains = models.TextField(
        _("trusted e-mail domains"),
        blank=True,
        help_text=_("One domain per line. A member with a confirmed address there is validated at once."),
    )

    objects = CountryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        # Plain text (select options, the admin, e-mails): the name alone; pages show `flag` beside it.
        return self.display_name

    @property
    def display_name(self) -> str:
        """The country's name in the active language (the catalog carries the translations)."""
        from django.utils.translation import gettext

        return gettext(self.name)

    @property
    def flag(self) -> str:
        """The country's flag as a small decorative image from our static files (`static/flags/<code>.svg`,
        simplified drawings): flag emoji show as empty boxes where no emoji font is installed and as letter
        pairs on Windows (issue 11). Always shown next to the name, so its text alternative is empty."""
        from django.templatetags.static import static
        from django.utils.html import format_html

        return format_html(
            '<img class="flag" src="{}" alt="" width="21" height="14">', static(f"flags/{self.code.lower()}.svg")
        )

    def trusted_domains(self) -> set[str]:
        return {line.strip().lower().lstrip("@") for line in self.trusted_email_domains.splitlines() if line.strip()}


class AuditEvent(models.Model):
    """Who did what, when and why: every NSO decision and every moderation lands here."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("action"), max_length=60, db_index=True)
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    target_type = models.CharField(max_length=60)
    target_id = models.CharField(max_length=40)
    target_label = models.CharField(max_length=300)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["country", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_label}"

    @property
    def action_label(self) -> str:
        """The decision in the reader's words (core/audit.py)."""
        return audit.label(self.action)


class PeriodicTaskRun(models.Model):
    """When a periodic task (`core.tasks.register_periodic`) last ran and when it is due again: one row per
    task, moved on by a conditional update so that several workers never run it twice in one interval."""

    name = models.CharField(max_length=100, primary_key=True)
    last_run_at = models.DateTimeField(null=True, blank=True)
    next_run_at = models.DateTimeField()

    class Meta:
        verbose_name = _("periodic task")
        verbose_name_plural = _("periodic tasks")

    def __str__(self) -> str:
        return self.name


def download_upload_to(instance: PreparedDownload, filename: str) -> str:
    # Never under a guessable name, and never served from /media/: only `core:download` sends it.
    return f"downloads/{instance.owner_id}/{secrets.token_hex(16)}.zip"


class DownloadStatus(models.TextChoices):
    PREPARING = "preparing", _("Being prepared")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class PreparedDownload(models.Model):
    """A file made in the background for one person (a space export, their own data): requested on a page,
    built by a task (`core.downloads`), downloaded through an access-checked view, deleted when it expires."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    subject_id = models.CharField(max_length=40, blank=True)
    language = models.CharField(max_length=10)
    status = models.CharField(max_length=10, choices=DownloadStatus.choices, default=DownloadStatus.PREPARING)
    file = models.FileField(upload_to=download_upload_to, blank=True)
    filename = models.CharField(max_length=150, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "kind", "subject_id", "-created_at"], name="download_latest")]
        verbose_name = _("prepared download")
        verbose_name_plural = _("prepared downloads")

    def __str__(self) -> str:
        return f"{self.kind} {self.subject_id} ({self.status})"


class SubmissionKey(models.Model):
    """A form's one-time key (core.submissions): the first submit that carries it stores its row and the key in one
    transaction; a retried submit with the same key (a double click, a reload after a lost answer) finds the row
    instead of storing a second one. Kept for a day (`core.prune_submission_keys`)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.UUIDField()
    scope = models.CharField(max_length=40)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="submission_key_once")]
        verbose_name = _("submission key")
        verbose_name_plural = _("submission keys")

    def __str__(self) -> str:
        return f"{self.scope} {self.key}"
