"""What the certificates app asks of events about an attendance certificate (registered from EventsConfig)."""

from __future__ import annotations

from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from comenius.events import access
from comenius.events.models import Event


def _event(certificate: Any) -> Event | None:
    return Event.objects.select_related("country", "group").filter(pk=certificate.subject_id).first()


def may_revoke(actor: Any, certificate: Any) -> bool:
    """The event's organisers (central support always may, in certificates itself)."""
    event = _event(certificate)
    return event is not None and access.can_manage(actor, event)


def describe(certificate: Any) -> str:
    event = _event(certificate)
    if event is None:
        return ""
    start = event.starts_at.astimezone(event.zone)
    parts = [str(event.get_kind_display()), formats.date_format(start, "DATE_FORMAT")]
    if event.organiser == "nso" and event.country is not None:
        parts.append(_("organised by the national team of %(country)s") % {"country": event.country.display_name})
    return " · ".join(parts)


def subject_url(certificate: Any) -> str | None:
    event = _event(certificate)
    return event.get_absolute_url() if event is not None and event.is_public else None
