"""The audit log's codes for events (core/audit.py)."""

from django.utils.translation import gettext_lazy as _

from comenius.core import audit

audit.register(
    {
        "event.created": _("Event created"),
        "event.updated": _("Event changed"),
        "event.cancelled": _("Event cancelled"),
        "event.application_decided": _("Application to an event decided"),
        "event.participant_removed": _("Participant removed from an event"),
        "event.attendance_marked": _("Attendance marked"),
    }
)
