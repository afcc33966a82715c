"""Groups open to visitors (issue 18): a group's moderators may open it; visitors (and whoever does not reach
groups: pending members, NSO officers) then see its directory entry and about page — title, description,
subjects, languages, member count, how to join — and nothing else. Members-only groups answer them 404."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comenius.core.models import AuditEvent
from comenius.devdata.testing import Cast, client_for
from comenius.groups import services
from comenius.groups.models import Group
from comenius.groups.tests.people import approved_group, data

pytestmark = pytest.mark.django_db


def visitor() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def open_group(cast: Cast, title: str = "Forest school", **kw: Any) -> Group:
    group = approved_group(cast.mette, cast.carla, title, open_to_visitors=True, **kw)
    services.join(cast.lucia, group)
    services.create_post(cast.lucia, group, "Our pond dipping went well")
    services.start_discussion(cast.mette, group, "Muddy boots policy", "How do you handle it?")
    return group


def test_visitors_see_only_open_groups_in_the_directory(cast: Cast):
    shown = open_group(cast)
    members_only = approved_group(cast.mette, cast.carla, "Closed circle")
    waiting = services.propose_group(cast.otto, data("Waiting wish", open_to_visitors=True))
    hidden = open_group(cast, "Hidden hollow")
    Group.objects.filter(pk=hidden.pk).update(hidden_at=hidden.created_at)
    for client in (visitor(), client_for(cast.nina), client_for(cast.jonas)):
        page = client.get(reverse("groups:directory"))
        assert page.status_code == 200
        html = page.content.decode()
        assert shown.title in html
        for other in (members_only, waiting, hidden):
            assert other.title not in html
    # Members still see every approved group, open or not.
    html = client_for(cast.otto).get(reverse("groups:directory")).content.decode()
    assert shown.title in html and members_only.title in html


def test_the_about_page_shows_only_the_public_fields(cast: Cast):
    group = open_group(cast)
    page = visitor().get(reverse("groups:detail", args=[group.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert group.title in html and "Measuring, counting and mapping" in html
    assert "Mathematics" in html and "Danish" in html  # subjects and languages
    assert "<dd>2</dd>" in html  # Mette and Lucía
    assert reverse("account_signup") in html  # how to join
    # No names, no aims, no content, no ages.
    for secret in (
        cast.mette.get_full_name(),
        cast.lucia.get_full_name(),
        cast.mette.first_name,
        "Share outdoor lessons",
        "pond dipping",
        "Muddy boots",
        "6–12",
    ):
        assert secret not in html, secret


def test_content_and_members_stay_for_members(cast: Cast):
    group = open_group(cast)
    client = visitor()
    for name in ("groups:discussions", "groups:resources", "groups:members"):
        response = client.get(reverse(name, args=[group.pk]))
        assert response.status_code == 302 and reverse("account_login") in response["Location"], name
    for person in (cast.nina, cast.jonas):
        response = client_for(person).get(reverse("groups:members", args=[group.pk]))
        assert response.status_code in (302, 404)
        assert cast.lucia.get_full_name() not in response.content.decode()
    # Otto (validated, not a member) sees the about page, not the feed.
    html = client_for(cast.otto).get(reverse("groups:detail", args=[group.pk])).content.decode()
    assert "pond dipping" not in html


def test_members_only_waiting_and_hidden_groups_answer_404_to_visitors(cast: Cast):
    members_only = approved_group(cast.mette, cast.carla, "Closed circle")
    waiting = services.propose_group(cast.otto, data("Waiting wish", open_to_visitors=True))
    hidden = open_group(cast, "Hidden hollow")
    Group.objects.filter(pk=hidden.pk).update(hidden_at=hidden.created_at)
    for group in (members_only, waiting, hidden):
        for client in (visitor(), client_for(cast.nina), client_for(cast.ana)):
            assert client.get(reverse("groups:detail", args=[group.pk])).status_code == 404, group.title
    assert visitor().get(reverse("groups:detail", args=[999_999])).status_code == 404


def test_moderators_open_and_close_the_group_audited(cast: Cast):
    group = approved_group(cast.mette, cast.carla, "Closed circle")
    settings_url = reverse("groups:edit", args=[group.pk])
    form = client_for(cast.mette).get(settings_url).content.decode()
    assert 'name="open_to_visitors"' in form
    fields = {
        "title": group.title, "description": group.description, "aims": group.aims, "subjects": group.subjects,
        "languages": group.languages, "age_min": "6", "age_max": "12", "join_policy": "open",
    }  # fmt: skip
    assert client_for(cast.mette).post(settings_url, {**fields, "open_to_visitors": "on"}).status_code == 302
    group.refresh_from_db()
    assert group.open_to_visitors
    assert visitor().get(reverse("groups:detail", args=[group.pk])).status_code == 200
    assert AuditEvent.objects.filter(action="group.opened_to_visitors", actor=cast.mette).count() == 1
    # Lucía (a member, not a moderator) cannot change it.
    services.join(cast.lucia, group)
    assert client_for(cast.lucia).post(settings_url, fields).status_code == 404
    assert client_for(cast.mette).post(settings_url, fields).status_code == 302  # the box unticked
    group.refresh_from_db()
    assert not group.open_to_visitors
    assert AuditEvent.objects.filter(action="group.closed_to_visitors").count() == 1
    assert visitor().get(reverse("groups:detail", args=[group.pk])).status_code == 404


def test_a_proposal_may_ask_to_be_open_and_is_public_once_approved(cast: Cast):
    fields = {
        "creation_key": "k-open", "title": "Forest school", "description": "Learning outside.", "aims": "",
        "languages": ["en"], "join_policy": "request", "open_to_visitors": "on",
    }  # fmt: skip
    assert client_for(cast.mette).post(reverse("groups:propose"), fields).status_code == 302
    group = Group.objects.get(title="Forest school")
    assert group.open_to_visitors
    assert visitor().get(reverse("groups:detail", args=[group.pk])).status_code == 404  # waiting
    carla = client_for(cast.carla)
    assert carla.post(reverse("groups:proposal", args=[group.pk]), {"decision": "approve"}).status_code == 302
    assert visitor().get(reverse("groups:detail", args=[group.pk])).status_code == 200


def test_the_public_directory_makes_the_same_queries_for_one_group_or_many(cast: Cast):
    open_group(cast, "First")
    client = visitor()

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("groups:directory")).status_code == 200
        return len(queries)

    one = count()
    for n in range(6):
        approved_group(cast.otto, cast.carla, f"Group {n}", open_to_visitors=True)
    assert count() == one
