"""Notifications, what each member chose about them, and what was sent when.

- `Notification`: one item for one recipient. Its text is stored as the message id and parameters (JSON), so
  it is shown in the reader's language of the day; `target_kind`/`target_id` name the object (checked against
  the owning app's access before it is shown), `group_*` the project or group it belongs to (the digest's
  headings, watch levels). `delivery` is what the service decided when it was made; `emailed_at` and
  `digested_at` what happened since.
- `Preference`: a member's delivery for one type (no row: the type's default).
- `NotificationSettings`: digest frequency and the member's time zone (one row per member, made on demand).
- `Watch`: watching / muted for one object (no row: normal).
- `DigestClaim`: one row per member and digest period; its unique constraint is what makes a second run of
  the digest task in the same period send nothing.
- `SuppressedAddress`: an address that bounced or complained: nothing is e-mailed to it any more.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comenius.notifications.registry import Delivery


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    type = models.CharField(_("type"), max_length=80)
    message = models.JSONField(_("message"), default=dict)  # {"text": encoded msgid, "params": {...}}
    url = models.CharField(_("link"), max_length=500, blank=True)
    target_kind = models.CharField(max_length=80, blank=True)
    target_id = models.BigIntegerField(null=True, blank=True)
    group_kind = models.CharField(max_length=80, blank=True)
    group_id = models.BigIntegerField(null=True, blank=True)
    group_label = models.CharField(max_length=300, blank=True)
    delivery = models.CharField(max_length=10, choices=Delivery.choices)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    digested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notif_recipient_recent"),
            models.Index(fields=["recipient"], condition=models.Q(read_at__isnull=True), name="notif_unread"),
            # The digest run reads only what waits for it.
            models.Index(
                fields=["recipient", "created_at"],
                condition=models.Q(delivery="digest", digested_at__isnull=True),
                name="notif_digest_waiting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.type} → {self.recipient_id}"


class Preference(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    type = models.CharField(max_length=80)
    delivery = models.CharField(max_length=10, choices=Delivery.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "type"], name="notif_one_preference_per_type")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.type}: {self.delivery}"


class DigestFrequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")
    NEVER = "never", _("Never (keep them in Comenius)")


class NotificationSettings(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    digest_frequency = models.CharField(
        _("digest"), max_length=10, choices=DigestFrequency.choices, default=DigestFrequency.DAILY
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default=settings.TIME_ZONE)
    undeliverable_seen_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user_id}: {self.digest_frequency}, {self.time_zone}"


class WatchLevel(models.TextChoices):
    WATCHING = "watching", _("Watching: e-mail me about everything")
    NORMAL = "normal", _("Normal: as my preferences say")
    MUTED = "muted", _("Muted: tell me nothing about it")


class Watch(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=80)
    object_id = models.BigIntegerField()
    level = models.CharField(max_length=10, choices=WatchLevel.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind", "object_id"], name="notif_one_watch_per_object")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}#{self.object_id}: {self.level}"


class DigestClaim(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=20)  # "d2026-12-01" or "w2026-49", in the member's time zone
    run = models.CharField(max_length=32)  # the run that won the claim (a second run's insert is ignored)
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "period"], name="notif_one_digest_per_period")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.period}"


class SuppressedAddress(models.Model):
    email = models.CharField(max_length=254, unique=True)  # stored lower-case
    reason = models.CharField(max_length=20)  # "bounce" | "complaint" | "manual"
    detail = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.email
