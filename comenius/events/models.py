"""Events: online seminars, webinars, workshops, conferences and partner-finding fairs, with registration
(first come first served with a waiting list, or application with selection), reminders, attendance and
certificates, and calendar feeds."""

from __future__ import annotations

import secrets
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from comenius.core.models import Country


class EventKind(models.TextChoices):
    SEMINAR = "seminar", _("Online seminar")
    WEBINAR = "webinar", _("Webinar")
    WORKSHOP = "workshop", _("Workshop")
    CONFERENCE = "conference", _("Conference")
    FAIR = "fair", _("Partner-finding fair")


class Level(models.TextChoices):
    """School levels an event is for (a partner-finding fair is held per level)."""

    EARLY_CHILDHOOD = "early_childhood", _("Early childhood")
    PRIMARY = "primary", _("Primary")
    SECONDARY = "secondary", _("Secondary")
    VOCATIONAL = "vocational", _("Vocational")


class Organiser(models.TextChoices):
    CENTRAL = "central", _("Central support")
    NSO = "nso", _("National support organisation")
    GROUP = "group", _("Group")


class Mode(models.TextChoices):
    OPEN = "open", _("First come, first served (with a waiting list)")
    APPLICATION = "application", _("Application, the organiser selects")


class EventState(models.TextChoices):
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class EventQuerySet(models.QuerySet["Event"]):
    def published(self) -> EventQuerySet:
        return self.filter(state=EventState.PUBLISHED)


class Event(models.Model):
    """One event. Times are stored in UTC and entered and shown in `time_zone`, the organiser's zone; readers
    also see them in their own zone."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000)
    kind = models.CharField(_("kind"), max_length=12, choices=EventKind.choices)
    language = models.CharField(_("language"), max_length=5)
    levels = models.JSONField(_("school levels"), default=list, blank=True)
    subjects = models.JSONField(_("subjects"), default=list, blank=True)
    organiser = models.CharField(_("organised by"), max_length=10, choices=Organiser.choices)
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )  # national events: the NSO's country, whose members only may register
    group = models.ForeignKey(
        "groups.Group", null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )  # events of a group, organised by its moderators
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    time_zone = models.CharField(_("time zone"), max_length=60, default="Europe/Brussels")
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)  # None: no limit
    mode = models.CharField(_("registration"), max_length=12, choices=Mode.choices, default=Mode.OPEN)
    application_deadline = models.DateTimeField(_("applications until"), null=True, blank=True)
    hours = models.DecimalField(_("hours on the certificate"), max_digits=5, decimal_places=1, null=True, blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    state = models.CharField(max_length=10, choices=EventState.choices, default=EventState.PUBLISHED)
    hidden_at = models.DateTimeField(null=True, blank=True)  # hidden by a moderator: only its organisers see it
    creation_key = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)  # the iCalendar SEQUENCE/LAST-MODIFIED
    sequence = models.PositiveIntegerField(default=0)  # iCalendar SEQUENCE: bumped when the time changes

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="events_ends_after_start"
            ),
            models.UniqueConstraint(
                fields=["created_by", "creation_key"],
                condition=~models.Q(creation_key=""),
                name="events_one_event_per_creation_key",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"pk": self.pk})

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def is_cancelled(self) -> bool:
        return self.state == EventState.CANCELLED

    @property
    def is_online(self) -> bool:
        return bool(self.online_url)

    def duration(self) -> timedelta:
        return self.ends_at - self.starts_at

    def certificate_hours(self) -> float:
        """The hours a certificate states: as set, else the event's length rounded to half hours."""
        if self.hours is not None:
            return float(self.hours)
        return max(0.5, round(self.duration().total_seconds() / 1800) / 2)


class RegistrationState(models.TextChoices):
    CONFIRMED = "confirmed", _("Registered")
    WAITING = "waiting", _("On the waiting list")
    OFFERED = "offered", _("Offered a place")
    APPLIED = "applied", _("Applied")
    NOT_SELECTED = "not_selected", _("Not selected")
    CANCELLED = "cancelled", _("Cancelled")
    REMOVED = "removed", _("Removed by the organiser")
    EXPIRED = "expired", _("Offer expired")


# States that hold a place (an offer keeps the place until it expires) and states still in the running.
HOLDS_PLACE = (RegistrationState.CONFIRMED, RegistrationState.OFFERED)
LIVE = (RegistrationState.CONFIRMED, RegistrationState.OFFERED, RegistrationState.WAITING, RegistrationState.APPLIED)


class Registration(models.Model):
    """One person's registration for one event (one row per pair: registering again reuses it)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations")
    state = models.CharField(max_length=12, choices=RegistrationState.choices)
    motivation = models.CharField(_("why you want to take part"), max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    queued_at = models.DateTimeField()  # the waiting list's order: when the person (re)joined it
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(default=False)
    attended_marked_at = models.DateTimeField(null=True, blank=True)
    reminded_day_at = models.DateTimeField(null=True, blank=True)
    reminded_hour_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["queued_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="events_one_registration_per_person")]
        indexes = [models.Index(fields=["event", "state", "queued_at"], name="events_registration_queue")]

    def __str__(self) -> str:
        return f"{self.user} – {self.event} ({self.state})"

    @property
    def holds_place(self) -> bool:
        return self.state in HOLDS_PLACE

    @property
    def is_live(self) -> bool:
        return self.state in LIVE


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A member's personal, secret iCalendar address of every event they registered for. Revoking gives a new
    token: the old address answers 404 from then on."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_feed")
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"
