"""The events calendar: list and month views, filters, the organiser's form, times in the reader's zone, and
query counts that do not grow with the number of events."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from comenius.devdata.testing import Cast, client_for, count_queries
from comenius.events.models import Event
from comenius.events.tests.helpers import central_webinar, danish_event, soon

pytestmark = pytest.mark.django_db


def test_the_list_is_public_for_public_events_and_filters(cast: Cast):
    danish_event(cast)
    central_webinar(cast)
    danish_event(cast, is_public=False, title="Only for Danes")
    page = client_for(None).get(reverse("events:list")).content.decode()
    assert "eTwinning for beginners" in page and "Webinar: AI in the classroom" in page
    assert "Only for Danes" not in page
    assert "Only for Danes" in client_for(cast.otto).get(reverse("events:list")).content.decode()
    filtered = client_for(None).get(reverse("events:list"), {"kind": "webinar"}).content.decode()
    assert "Webinar: AI in the classroom" in filtered and "eTwinning for beginners" not in filtered
    by_country = client_for(None).get(reverse("events:list"), {"country": "DK"}).content.decode()
    assert "eTwinning for beginners" in by_country and "AI in the classroom" not in by_country
    # A hand-edited filter falls back to no filter.
    assert client_for(None).get(reverse("events:list"), {"kind": "<script>"}).status_code == 200


def test_the_month_view(cast: Cast):
    event = danish_event(cast, starts_at=soon(days=40))
    month = event.starts_at.strftime("%Y-%m")
    page = client_for(None).get(reverse("events:list"), {"view": "month", "month": month}).content.decode()
    assert "eTwinning for beginners" in page
    assert '<table class="event-month">' in page
    other = client_for(None).get(reverse("events:list"), {"view": "month", "month": "2001-01"}).content.decode()
    assert "eTwinning for beginners" not in other
    assert client_for(None).get(reverse("events:list"), {"view": "month", "month": "99999-99"}).status_code == 200


def test_times_in_the_readers_zone_and_the_organisers(cast: Cast):
    event = danish_event(cast, starts_at=soon(hour=15))
    local = event.starts_at.astimezone(event.zone).strftime("%H:%M")
    client = client_for(None)
    client.cookies["tz"] = "Europe/Lisbon"
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    lisbon = event.starts_at.astimezone(__import__("zoneinfo").ZoneInfo("Europe/Lisbon")).strftime("%H:%M")
    assert lisbon in page and local in page and "Europe/Lisbon" in page and "Europe/Copenhagen" in page
    client.cookies["tz"] = "Not/AZone"
    assert client.get(reverse("events:detail", args=[event.pk])).status_code == 200


def test_an_officer_organises_an_event_through_the_form(cast: Cast):
    client = client_for(cast.jonas)
    assert client.get(reverse("events:new")).status_code == 200
    start = soon(days=30)
    values = {
        "title": "Kontaktseminar", "description": "For nye medlemmer.", "kind": "seminar", "organiser": "nso",
        "country": "DK", "language": "da", "time_zone": "Europe/Copenhagen",
        "starts": start.strftime("%Y-%m-%dT15:00"), "ends": start.strftime("%Y-%m-%dT16:30"),
        "online_url": "https://meet.jit.si/kontakt", "capacity": "20", "mode": "application",
        "application_deadline": (start - timedelta(days=7)).strftime("%Y-%m-%dT12:00"), "is_public": "on",
        "creation_key": "abc",
    }  # fmt: skip
    response = client.post(reverse("events:new"), values)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get(title="Kontaktseminar")
    assert event.starts_at.astimezone(event.zone).strftime("%H:%M") == "15:00"
    assert event.country_id == "DK" and event.mode == "application"
    client.post(reverse("events:new"), values)  # a double submit
    assert Event.objects.filter(title="Kontaktseminar").count() == 1
    # Ana cannot organise for Denmark, even by editing the form.
    refused = client_for(cast.ana).post(reverse("events:new"), {**values, "creation_key": "x"})
    assert refused.status_code == 400
    assert Event.objects.filter(title="Kontaktseminar").count() == 1
    # Bad input: a clear error and nothing stored.
    bad = client.post(reverse("events:new"), {**values, "ends": values["starts"], "creation_key": "y"})
    assert bad.status_code == 400 and "must end after it starts" in bad.content.decode()


def test_the_list_does_not_grow_in_queries(cast: Cast):
    danish_event(cast)
    client = client_for(cast.mette)
    few = count_queries(client, reverse("events:list"))
    for n in range(6):
        central_webinar(cast, title=f"Webinar {n}", capacity=10)
    assert count_queries(client, reverse("events:list")) == few
    month = soon().strftime("%Y-%m")
    assert count_queries(client, reverse("events:list"), {"view": "month", "month": month}) <= few + 2


def test_a_groups_events_have_their_own_list(cast: Cast):
    from comenius.events import services
    from comenius.events.tests.helpers import event_data
    from comenius.groups import services as groups

    group = groups.propose_group(
        cast.mette,
        groups.GroupData(
            title="Outdoor maths", description="Maths outside.", aims="", languages=["en"], subjects=["mathematics"],
            age_min=6, age_max=12, join_policy="open",
        ),
    )  # fmt: skip
    groups.decide_group(cast.carla, group, True)
    services.create_event(cast.mette, event_data(organiser="group", group=group, country=None, title="Maths walk"))
    danish_event(cast)
    page = client_for(None).get(reverse("events:list"), {"group": group.pk}).content.decode()
    assert "Maths walk" in page and "eTwinning for beginners" not in page
    assert client_for(None).get(reverse("events:list"), {"group": "x"}).status_code == 200
