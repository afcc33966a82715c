"""A group's page shows the group's next events (a few, those the reader may see) and links to all of them
(`/events/?group=<id>`); the panel's queries do not grow with the number of events."""

from __future__ import annotations

import pytest
from django.urls import reverse

from comenius.devdata.testing import Cast, client_for, count_queries
from comenius.events import services
from comenius.events.access import GROUP_PAGE_EVENTS
from comenius.events.tests.helpers import danish_event, event_data, soon, start_now
from comenius.groups import services as groups
from comenius.groups.tests.people import approved_group

pytestmark = pytest.mark.django_db


def group_event(cast: Cast, group, title: str, days: int = 10, **overrides):
    data = event_data(organiser="group", group=group, country=None, title=title, starts_at=soon(days=days), **overrides)
    return services.create_event(cast.mette, data)


def test_the_group_page_lists_its_coming_events_and_links_all_of_them(cast: Cast):
    group = approved_group(cast.mette, cast.carla)
    other = approved_group(cast.lucia, cast.carla, title="Coding club")
    groups.join(cast.otto, group)
    url = reverse("groups:detail", args=[group.pk])
    all_url = reverse("events:list") + f"?group={group.pk}"

    empty = client_for(cast.otto).get(url).content.decode()
    assert "No events coming up." in empty and all_url in empty

    group_event(cast, group, "Maths walk in the forest", days=5)
    group_event(cast, group, "Members only: planning", days=6, is_public=False)
    past = start_now(group_event(cast, group, "Last year's walk", days=7), minutes_ago=60 * 24 * 3)
    cancelled = group_event(cast, group, "Rained off", days=8)
    services.cancel_event(cast.mette, cancelled, "Storm")
    services.create_event(
        cast.lucia, event_data(organiser="group", group=other, country=None, title="Scratch for beginners")
    )
    danish_event(cast)

    page = client_for(cast.otto).get(url).content.decode()
    assert "Maths walk in the forest" in page and "Members only: planning" in page
    assert past.title not in page and "Rained off" not in page
    assert "Scratch for beginners" not in page and "eTwinning for beginners" not in page
    assert reverse("events:detail", args=[past.pk]) not in page
    assert all_url in page
    assert reverse("events:new") not in page  # Otto does not moderate the group
    assert reverse("events:new") in client_for(cast.mette).get(url).content.decode()

    # A reader outside the group does not see its members-only event on the page.
    outside = client_for(cast.lucia).get(url).content.decode()
    assert "Maths walk in the forest" in outside and "Members only: planning" not in outside

    # At most a few, soonest first, whatever the number of events, in a bounded number of queries.
    before = count_queries(client_for(cast.otto), url)
    for number in range(GROUP_PAGE_EVENTS + 3):
        group_event(cast, group, f"Later session {number}", days=20 + number)
    assert count_queries(client_for(cast.otto), url) == before
    page = client_for(cast.otto).get(url).content.decode()
    assert page.count("Later session") == GROUP_PAGE_EVENTS - 2
    assert page.index("Maths walk in the forest") < page.index("Members only: planning") < page.index("Later session 0")
    # The link leads to the group's full list.
    listed = client_for(cast.otto).get(all_url).content.decode()
    assert all(f"Later session {number}" in listed for number in range(GROUP_PAGE_EVENTS + 3))
