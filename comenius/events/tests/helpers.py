"""Events for the tests, made through the services: the Danish national team's workshop and central support's
webinar."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from comenius.core.models import Country
from comenius.devdata.testing import Cast
from comenius.events import services
from comenius.events.models import Event


def soon(days: int = 10, hour: int = 15) -> datetime:
    start = timezone.now().astimezone(timezone.get_default_timezone()) + timedelta(days=days)
    return start.replace(hour=hour, minute=0, second=0, microsecond=0)


def event_data(**overrides: Any) -> services.EventData:
    starts = overrides.pop("starts_at", None) or soon()
    values: dict[str, Any] = {
        "title": "eTwinning for beginners",
        "description": "A first workshop: find a partner, start a project.",
        "kind": "workshop",
        "language": "da",
        "time_zone": "Europe/Copenhagen",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=2),
        "organiser": "nso",
        "country": Country.objects.get(code="DK"),
        "online_url": "https://meet.jit.si/comenius-beginners",
        "capacity": 2,
        "levels": ["primary"],
        "subjects": ["mathematics"],
    }
    values.update(overrides)
    return services.EventData(**values)


def danish_event(cast: Cast, **overrides: Any) -> Event:
    """The Danish NSO's public workshop (Jonas organises), two places, first come first served."""
    return services.create_event(cast.jonas, event_data(**overrides))


def central_webinar(cast: Cast, **overrides: Any) -> Event:
    values: dict[str, Any] = {
        "title": "Webinar: AI in the classroom",
        "kind": "webinar",
        "language": "en",
        "time_zone": "Europe/Brussels",
        "organiser": "central",
        "country": None,
        "capacity": None,
    }
    values.update(overrides)
    return services.create_event(cast.carla, event_data(**values))


def start_now(event: Event, minutes_ago: int = 30) -> Event:
    """Move an event into the past (as time would), without the services' future-only checks."""
    starts = timezone.now() - timedelta(minutes=minutes_ago)
    Event.objects.filter(pk=event.pk).update(starts_at=starts, ends_at=starts + timedelta(hours=2))
    event.refresh_from_db()
    return event
