"""Ambassadors and mentors: experienced members an NSO appoints for a term to help newcomers in their regions.

The regions themselves are data in the repository (`regions.py`); an appointment names them by code.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comenius.core.models import Country


class AmbassadorKind(models.TextChoices):
    AMBASSADOR = "ambassador", _("Ambassador")
    MENTOR = "mentor", _("Mentor")


class AppointmentState(models.TextChoices):
    OFFERED = "offered", _("Waiting for the member to accept")
    ACTIVE = "active", _("Active")
    DECLINED = "declined", _("Declined")
    ENDED = "ended", _("Ended")


LIVE_STATES = (AppointmentState.OFFERED, AppointmentState.ACTIVE)


class HelpWay(models.TextChoices):
    WORKSHOPS = "workshops", _("Starter workshops")
    ONE_TO_ONE = "one_to_one", _("One-to-one help")
    SCHOOL_VISITS = "school_visits", _("School visits")
    ONLINE = "online", _("Online help")
    PHONE = "phone", _("Help by phone and e-mail")


class Tool(models.TextChoices):
    PROJECT_SPACE = "project_space", _("The project space")
    PARTNER_FINDING = "partner_finding", _("Finding partners")
    VIDEO_MEETINGS = "video_meetings", _("Video meetings with classes")
    QUALITY_LABELS = "quality_labels", _("Quality labels")
    DIGITAL_TOOLS = "digital_tools", _("Digital tools in class")
    ESAFETY = "esafety", _("eSafety and data protection")


class AppointmentQuerySet(models.QuerySet["Appointment"]):
    def current(self) -> AppointmentQuerySet:
        """Accepted and within their term (the daily task ends those past it; this holds until then too)."""
        today = timezone.localdate()
        return self.filter(state=AppointmentState.ACTIVE, starts_on__lte=today, ends_on__gte=today)


class Appointment(models.Model):
    """One member's term as ambassador (or mentor) for some regions of their country."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="appointments")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=AmbassadorKind.choices, default=AmbassadorKind.AMBASSADOR)
    state = models.CharField(max_length=10, choices=AppointmentState.choices, default=AppointmentState.OFFERED)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    regions = models.JSONField(_("regions"), default=list)
    levels = models.JSONField(_("school levels"), default=list)
    subjects = models.JSONField(_("subjects"), default=list)
    tools = models.JSONField(_("tools"), default=list)
    languages = models.JSONField(_("languages"), default=list)
    help_ways = models.JSONField(_("how they help"), default=list)
    # " r:<region> v:<level> l:<language> s:<subject> h:<way> " tokens: filters that work on SQLite and PostgreSQL.
    tags = models.TextField(blank=True)
    # What the ambassador chooses to show on the public finder.
    introduction = models.TextField(_("a few words for newcomers"), max_length=800, blank=True)
    show_photo = models.BooleanField(_("show my photo"), default=False)
    show_school = models.BooleanField(_("show my school"), default=True)
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("appointed by")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(_("reason"), max_length=300, blank=True)

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["country", "state", "ends_on"], name="appointment_country_state")]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(state__in=["offered", "active"]), name="one_live_appointment"
            ),
            models.CheckConstraint(condition=Q(starts_on__lte=models.F("ends_on")), name="appointment_term_ordered"),
        ]
        verbose_name = _("ambassador appointment")
        verbose_name_plural = _("ambassador appointments")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_kind_display()}, {self.country_id})"

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.state == AppointmentState.ACTIVE and self.starts_on <= today <= self.ends_on


class VisitorContact(models.Model):
    """That a visitor wrote to an ambassador through the finder: counted for the rate limits and nothing else.
    The visitor's name, address and words go out in the e-mail and are never stored; `sender_key` is a salted
    hash of the visitor's network address that changes every day. Rows go after `VISITOR_CONTACT_KEEP_DAYS`."""

    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="+")
    sender_key = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.appointment_id} {self.created_at:%Y-%m-%d}"


class PosterVisit(models.Model):
    """How many people came to the finder from a poster's QR code, per campaign tag, region and day. Counted
    without cookies and without storing anyone's address (`services.count_poster_visit`)."""

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="+")
    region = models.CharField(max_length=40, blank=True)
    campaign = models.CharField(max_length=40)
    day = models.DateField()
    visits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["country", "region", "campaign", "day"], name="one_poster_count_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.country_id} {self.region} {self.campaign} {self.day}: {self.visits}"


class HelpRequest(models.Model):
    """A newcomer asks the ambassadors of their region for help, sharing only what they choose."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="help_request")
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="+")
    region = models.CharField(max_length=40, blank=True)
    share_name = models.BooleanField(_("show my name"), default=True)
    share_school = models.BooleanField(_("show my school"), default=True)
    note = models.CharField(_("what would help you"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    offered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["country", "region", "-created_at"], name="help_request_region")]

    def __str__(self) -> str:
        return f"{self.user_id} ({self.region})"
