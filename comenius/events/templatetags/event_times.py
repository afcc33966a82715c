"""Showing an event's time: in the reader's zone (the active one) and, when it differs, the organiser's."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


def _span(event: Any, zone: Any) -> str:
    start, end = event.starts_at.astimezone(zone), event.ends_at.astimezone(zone)
    day = formats.date_format(start, "WEEKDAY_DATE_FORMAT")
    if start.date() == end.date():
        return f"{day}, {formats.time_format(start)}–{formats.time_format(end)}"
    last = formats.date_format(end, "WEEKDAY_DATE_FORMAT")
    return f"{day}, {formats.time_format(start)} – {last}, {formats.time_format(end)}"


@register.simple_tag
def event_when(event: Any) -> str:
    """ "Thursday 12 March 2026, 15:00–16:30 (Europe/Copenhagen)" in the reader's zone; the organiser's zone
    follows in a second line when it is another one."""
    reader = timezone.get_current_timezone()
    mine = _span(event, reader)
    if str(reader) == event.time_zone:
        return format_html(
            '<time datetime="{}">{}</time> <span class="muted">({})</span>',
            event.starts_at.isoformat(),
            mine,
            event.time_zone,
        )
    theirs = _span(event, event.zone)
    return format_html(
        '<time datetime="{}">{}</time> <span class="muted">({})</span><br><span class="muted">{}</span>',
        event.starts_at.isoformat(),
        mine,
        _("your time, %(zone)s") % {"zone": reader},
        _("Organiser's time: %(when)s (%(zone)s)") % {"when": theirs, "zone": event.time_zone},
    )


@register.simple_tag
def event_day(event: Any) -> str:
    """Short: "12 Mar, 15:00" in the reader's zone (cards, the month view)."""
    start = timezone.localtime(event.starts_at)
    day = formats.date_format(start, "MONTH_DAY_FORMAT")
    return f"{day}, {formats.time_format(start)}"
