"""The bell is honest from the first render: an item whose object the reader can no longer see (they left the
project or the group, a moderator hid the post) is not counted on the next page load — without opening the
centre — and the count costs the same queries for 1 item as for 200."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from comenius.devdata.testing import Cast, client_for, count_queries
from comenius.groups import services as groups
from comenius.groups.tests.people import approved_group
from comenius.notifications import access
from comenius.notifications.models import Notification
from comenius.notifications.registry import Delivery
from comenius.projects import services as projects
from comenius.projects.models import ProjectRole
from comenius.projects.tests.helpers import make_contacts
from comenius.spaces.services import content as spaces

pytestmark = pytest.mark.django_db


def bell(user: Any, path: str | None = None) -> int:
    """The number in the bell of a freshly loaded page (0 when the badge is hidden)."""
    html = client_for(user).get(path or reverse("site:home")).content.decode()
    match = re.search(r"data-bell-count(\s+hidden)?>([^<]*)<", html)
    assert match is not None, "no bell on the page"
    return 0 if match.group(1) else int(match.group(2).rstrip("+"))


def test_leaving_a_project_drops_its_items_from_the_count(cast: Cast, django_capture_on_commit_callbacks):
    make_contacts(cast.otto, cast.mette)
    projects.invite_member(cast.mette, cast.project, cast.otto, ProjectRole.TEACHER)
    projects.answer_invitation(cast.otto, cast.project, accept=True)
    Notification.objects.filter(recipient=cast.otto).update(read_at="2026-01-01T00:00:00Z")
    with django_capture_on_commit_callbacks(execute=True):
        spaces.start_thread(cast.mette, cast.project.space, "forum", "Rain gauges", "Who has built one?")
        spaces.create_post(cast.lucia, cast.project.space, "Our first measurements")
    assert bell(cast.otto) == 2  # a validated member: the header's one badge query
    projects.leave_project(cast.otto, cast.project)
    assert bell(cast.otto) == 0  # the next page load, the centre never opened
    assert Notification.objects.filter(recipient=cast.otto, read_at__isnull=True).count() == 2  # kept, not shown
    page = client_for(cast.otto).get(reverse("notifications:centre")).content.decode()
    assert "Rain gauges" not in page and "New post in" not in page


def test_hiding_a_post_drops_the_item_from_the_count(cast: Cast, django_capture_on_commit_callbacks):
    post = spaces.create_post(cast.lucia, cast.project.space, "Look at our rain gauge")
    Notification.objects.filter(recipient=cast.lucia).update(read_at="2026-01-01T00:00:00Z")
    spaces.add_comment(cast.mette, post, "Beautiful work!")
    assert bell(cast.lucia) == 1 and access.unread_count(cast.lucia) == 1
    spaces.set_hidden(cast.mette, post, True)  # a moderator of the space hides it
    assert bell(cast.lucia) == 0 and access.unread_count(cast.lucia) == 0
    spaces.set_hidden(cast.mette, post, False)  # shown again: so is the item
    assert access.unread_count(cast.lucia) == 1


def test_leaving_a_group_drops_its_items_from_the_count(cast: Cast, django_capture_on_commit_callbacks):
    group = approved_group(cast.mette, cast.carla)
    groups.join(cast.otto, group)
    Notification.objects.filter(recipient=cast.otto).update(read_at="2026-01-01T00:00:00Z")
    with django_capture_on_commit_callbacks(execute=True):
        groups.start_discussion(cast.mette, group, "Tape measures", "Which ones last?")
    assert bell(cast.otto) == 1
    groups.leave(cast.otto, group)
    assert bell(cast.otto) == 0


def _items_for(cast: Cast, user: Any, n: int) -> None:
    """`n` unread items for `user`, about objects of several registered kinds (half of them out of sight)."""
    space = cast.project.space
    thread = spaces.start_thread(cast.mette, space, "forum", "Rain gauges", "Who has built one?")
    visible_project = cast.project
    kinds = [
        ("spaces.thread", thread.pk),  # Otto is no member of the space: out of sight
        ("projects.project", visible_project.pk),  # an active project: visible to validated members
        ("network.contactrequest", 10**9),  # gone
        ("", None),  # no object
    ]
    Notification.objects.bulk_create(
        [
            Notification(
                recipient=user,
                type="core.download_ready",
                message={"text": "x", "params": {}},
                url="/",
                target_kind=kinds[i % len(kinds)][0],
                target_id=kinds[i % len(kinds)][1],
                delivery=Delivery.IN_APP,
            )
            for i in range(n)
        ]
    )


@pytest.mark.parametrize("person", ["otto", "pia"])
def test_the_count_costs_the_same_queries_for_1_and_200_items(cast: Cast, person: str):
    user = getattr(cast, person)
    Notification.objects.filter(recipient=user).delete()
    path = reverse("notifications:centre") if person == "pia" else reverse("site:home")
    client = client_for(user)
    _items_for(cast, user, 1)
    one = count_queries(client, path)
    Notification.objects.filter(recipient=user).delete()
    _items_for(cast, user, 200)
    many = count_queries(client, path)
    assert many == one
    # And the count is right: of every four items, the thread (not Otto's space; Pia's it is) and the gone
    # contact request are out of sight, the project (not Pia's) too for a pupil.
    expected = {"otto": 100, "pia": 100}[person]
    assert access.unread_count(user) == min(expected, access.UNREAD_CAP + 1)
    assert len(list(access.unread_items(user))) == expected


def test_the_count_stops_at_the_cap(cast: Cast):
    Notification.objects.filter(recipient=cast.otto).delete()
    _items_for(cast, cast.otto, 400)  # 200 visible
    html = client_for(cast.otto).get(reverse("site:home")).content.decode()
    assert re.search(r"data-bell-count>99\+<", html)
    assert access.capped_unread(cast.otto).count() == access.UNREAD_CAP + 1
