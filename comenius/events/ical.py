"""Events as iCalendar (RFC 5545), with the `icalendar` library.

Each event is a VEVENT whose DTSTART/DTEND carry the organiser's time zone (TZID) and a VTIMEZONE for it
(`add_missing_timezones`, built from the tz database, with its daylight-saving rules), so a calendar shows the
right local time on both sides of a change of summer time. UID is stable per event; SEQUENCE goes up when the
time moves or the event is cancelled (STATUS:CANCELLED), so subscribed calendars update the entry instead of
adding a second one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from urllib.parse import urlparse

import icalendar
from django.conf import settings
from django.utils import timezone

from comenius.core.emails import absolute_url
from comenius.events.models import Event

PRODID = "-//Comenius//Events//EN"


def _uid(event: Event) -> str:
    host = urlparse(settings.SITE_URL).hostname or "comenius.localhost"
    return f"event-{event.pk}@{host}"


def _vevent(event: Event, stamp: datetime) -> icalendar.Event:
    zone = event.zone
    entry = icalendar.Event()
    entry.add("uid", _uid(event))
    entry.add("dtstamp", stamp)
    entry.add("sequence", event.sequence)
    entry.add("last-modified", event.updated_at)
    entry.add("dtstart", event.starts_at.astimezone(zone))
    entry.add("dtend", event.ends_at.astimezone(zone))
    entry.add("summary", event.title)
    page = absolute_url(event.get_absolute_url())
    description = event.description
    if event.online_url:
        description = f"{description}\n\n{event.online_url}"
    entry.add("description", f"{description}\n\n{page}")
    entry.add("url", page)
    location = ", ".join(part for part in (event.place, event.online_url) if part)
    if location:
        entry.add("location", location)
    entry.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    return entry


def calendar(events: Iterable[Event], name: str) -> bytes:
    """A VCALENDAR with the events and a VTIMEZONE for each zone they use."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    stamp = timezone.now()
    for event in events:
        cal.add_component(_vevent(event, stamp))
    cal.add_missing_timezones()
    return cal.to_ical()


def filename(event: Event) -> str:
    return f"event-{event.pk}.ics"
