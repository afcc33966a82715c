"""Public events: what a visitor sees on /events/ (public, published; a group's only while the group is open),
with each event's iCalendar file. The online room's address is for registered participants, not here."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router, Schema
from ninja.params import Path

from comenius.api.pagination import by_id
from comenius.api.schemas import ERRORS, EventOut, EventPage
from comenius.events import access as events_access
from comenius.events.models import Event

router = Router(tags=["events"])
ID = Path(..., ge=1, le=2**63 - 1)


class EventQuery(Schema):
    kind: str = ""
    level: str = ""
    language: str = ""
    subject: str = ""
    country: str = ""
    organiser: str = ""
    format: str = ""
    when: str = "upcoming"
    cursor: str | None = None
    limit: int | None = None


def _event(event: Event) -> dict[str, object]:
    return {
        "id": event.pk,
        "title": event.title,
        "description": event.description,
        "kind": event.kind,
        "language": event.language,
        "levels": list(event.levels or []),
        "subjects": list(event.subjects or []),
        "organiser": event.organiser,
        "country": event.country_id,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "time_zone": event.time_zone,
        "online": bool(event.online_url),
        "place": event.place,
        "capacity": event.capacity,
        "url": reverse("events:detail", args=[event.pk]),
        "ics_url": reverse("events:ics", args=[event.pk]),
    }


@router.get("/events", response={200: EventPage, **ERRORS}, summary="Public events")
def events(request: HttpRequest, query: Query[EventQuery]) -> dict[str, object]:
    filters = events_access.EventFilters(
        kind=query.kind[:20],
        level=query.level[:30],
        language=query.language[:10],
        subject=query.subject[:40],
        country=query.country.upper()[:2],
        organiser=query.organiser[:10],
        format=query.format[:10],
        when="past" if query.when == "past" else "upcoming",
    )
    rows = events_access.search(AnonymousUser(), filters).order_by()
    found, cursor = by_id(rows, query.cursor, query.limit, newest_first=filters.when == "past")
    return {"items": [_event(event) for event in found], "next_cursor": cursor}


@router.get("/events/{event_id}", response={200: EventOut, **ERRORS}, summary="A public event")
def event(request: HttpRequest, event_id: int = ID) -> dict[str, object]:
    return _event(events_access.get_event_for(AnonymousUser(), event_id))
