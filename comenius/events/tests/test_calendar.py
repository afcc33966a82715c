"""Calendar files and feeds: valid iCalendar (parsed back with the icalendar library), with the organiser's time
zone and its VTIMEZONE, right on both sides of a change of summer time; the personal secret feed (revocable) and
the public feed."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from comenius.devdata.testing import Cast, client_for
from comenius.events import ical, services
from comenius.events.models import Event
from comenius.events.tests.helpers import central_webinar, danish_event

pytestmark = pytest.mark.django_db

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def _next_year() -> int:
    return timezone.now().year + 1


def _parse(body: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(body)


def test_one_event_as_an_ics_file(cast: Cast):
    event = danish_event(cast)
    response = client_for(None).get(reverse("events:ics", args=[event.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    parsed = _parse(response.content)
    assert parsed["VERSION"] == "2.0" and parsed["PRODID"]
    [entry] = parsed.walk("VEVENT")
    assert str(entry["SUMMARY"]) == "eTwinning for beginners"
    assert str(entry["UID"]).startswith(f"event-{event.pk}@")
    assert entry.decoded("DTSTART") == event.starts_at
    assert entry["DTSTART"].params["TZID"] == "Europe/Copenhagen"
    assert str(entry["STATUS"]) == "CONFIRMED"
    [zone] = parsed.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Copenhagen"


def test_times_are_right_on_both_sides_of_a_dst_change(cast: Cast):
    """Copenhagen leaves summer time on the last Sunday of October: 15:00 local is 13:00 UTC before, 14:00 after."""
    year = _next_year()
    before = datetime(year, 10, 20, 15, 0, tzinfo=COPENHAGEN)
    after = datetime(year, 11, 3, 15, 0, tzinfo=COPENHAGEN)
    first = danish_event(cast, starts_at=before, ends_at=before + timedelta(hours=1), title="Before")
    second = danish_event(cast, starts_at=after, ends_at=after + timedelta(hours=1), title="After")
    assert first.starts_at.astimezone(ZoneInfo("UTC")).hour == 13
    assert second.starts_at.astimezone(ZoneInfo("UTC")).hour == 14
    parsed = _parse(ical.calendar([first, second], "test"))
    entries = {str(e["SUMMARY"]): e for e in parsed.walk("VEVENT")}
    for name, expected in (("Before", before), ("After", after)):
        start = entries[name].decoded("DTSTART")
        assert start == expected
        assert start.astimezone(COPENHAGEN).hour == 15  # the wall clock the organiser set
        assert start.astimezone(ZoneInfo("UTC")).hour == expected.astimezone(ZoneInfo("UTC")).hour
    # The text itself: local wall-clock times with a TZID, and a VTIMEZONE that knows both offsets.
    text = ical.calendar([first, second], "test").decode()
    assert f"DTSTART;TZID=Europe/Copenhagen:{year}1020T150000" in text
    assert f"DTSTART;TZID=Europe/Copenhagen:{year}1103T150000" in text
    [zone] = parsed.walk("VTIMEZONE")
    offsets = {str(sub.decoded("TZOFFSETTO")) for sub in zone.subcomponents}
    assert {"2:00:00", "1:00:00"} <= offsets  # summer and winter time
    # Read back in a third zone (a Lisbon reader), each is an hour earlier on the wall clock.
    lisbon = ZoneInfo("Europe/Lisbon")
    assert entries["Before"].decoded("DTSTART").astimezone(lisbon).hour == 14
    assert entries["After"].decoded("DTSTART").astimezone(lisbon).hour == 14


def test_the_personal_feed_is_secret_and_revocable(cast: Cast):
    event = danish_event(cast)
    other = central_webinar(cast)
    services.register(cast.mette, event)
    feed = services.ensure_feed(cast.mette)
    url = reverse("events:feed", args=[feed.token])
    response = client_for(None).get(url)  # calendars cannot log in: the token is the key
    assert response.status_code == 200
    summaries = [str(e["SUMMARY"]) for e in _parse(response.content).walk("VEVENT")]
    assert summaries == ["eTwinning for beginners"]
    assert other.title not in summaries
    assert response["Cache-Control"] == "private, no-store"
    # A cancelled event stays in the feed, cancelled.
    services.cancel_event(cast.jonas, event, "Speaker ill")
    [entry] = _parse(client_for(None).get(url).content).walk("VEVENT")
    assert str(entry["STATUS"]) == "CANCELLED" and int(str(entry["SEQUENCE"])) == 1
    # Revoking: the old address stops, the new one works.
    client_for(cast.mette).post(reverse("events:reset_feed"))
    assert client_for(None).get(url).status_code == 404
    feed.refresh_from_db()
    assert client_for(None).get(reverse("events:feed", args=[feed.token])).status_code == 200
    assert client_for(None).get(reverse("events:feed", args=["made-up-token"])).status_code == 404


def test_the_public_feed_has_public_events_only(cast: Cast):
    danish_event(cast)
    danish_event(cast, is_public=False, title="Members only")
    response = client_for(None).get(reverse("events:public_feed"))
    assert response.status_code == 200
    summaries = {str(e["SUMMARY"]) for e in _parse(response.content).walk("VEVENT")}
    assert "eTwinning for beginners" in summaries and "Members only" not in summaries


def test_the_member_page_shows_the_feed_address(cast: Cast):
    page = client_for(cast.mette).get(reverse("events:mine")).content.decode()
    token = services.ensure_feed(cast.mette).token
    assert token in page
    assert Event.objects.count() >= 0
