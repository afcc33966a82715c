"""/api/v1/groups (issue 18): only groups open to visitors, only their public fields (no names, no content, no
members, no pupils), cursor pagination, ETag and CORS like the other public endpoints; a members-only group
answers 404 as on the site."""

from __future__ import annotations

import pytest

from comenius.api.tests.helpers import api_get
from comenius.devdata.testing import Cast
from comenius.groups import services
from comenius.groups.models import Group
from comenius.groups.tests.people import approved_group, data

pytestmark = pytest.mark.django_db

PUBLIC_FIELDS = {
    "id", "title", "description", "subjects", "languages", "annual_theme", "member_count", "join_policy", "url",
}  # fmt: skip


def test_only_open_groups_with_only_their_public_fields(cast: Cast):
    shown = approved_group(cast.mette, cast.carla, "Forest school", open_to_visitors=True)
    services.join(cast.lucia, shown)
    services.create_post(cast.lucia, shown, "Our pond dipping went well")
    members_only = approved_group(cast.mette, cast.carla, "Closed circle")
    waiting = services.propose_group(cast.otto, data("Waiting wish", open_to_visitors=True))
    hidden = approved_group(cast.otto, cast.carla, "Hidden hollow", open_to_visitors=True)
    Group.objects.filter(pk=hidden.pk).update(hidden_at=hidden.created_at)

    listed = api_get("/groups")
    assert listed.status_code == 200
    items = listed.json()["items"]
    assert [item["id"] for item in items] == [shown.pk]
    assert set(items[0]) == PUBLIC_FIELDS
    assert items[0]["member_count"] == 2 and items[0]["subjects"] == ["mathematics"]
    assert items[0]["url"] == f"/groups/{shown.pk}/"
    body = listed.content.decode()
    for secret in (cast.mette.get_full_name(), cast.lucia.first_name, "pond dipping", "Share outdoor lessons"):
        assert secret not in body, secret

    detail = api_get(f"/groups/{shown.pk}")
    assert detail.status_code == 200 and set(detail.json()) == PUBLIC_FIELDS
    for group in (members_only, waiting, hidden):
        refused = api_get(f"/groups/{group.pk}")
        assert refused.status_code == 404 and refused.json()["code"] == "not_found", group.title


def test_filters_cursor_etag_and_cors(cast: Cast):
    groups = [
        approved_group(cast.mette, cast.carla, f"Open {n}", open_to_visitors=True, languages=["en" if n % 2 else "da"])
        for n in range(5)
    ]
    first = api_get("/groups?limit=2")
    assert first["Access-Control-Allow-Origin"] == "*" and "public" in first["Cache-Control"]
    seen = [item["id"] for item in first.json()["items"]]
    cursor = first.json()["next_cursor"]
    while cursor:
        page = api_get(f"/groups?limit=2&cursor={cursor}").json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
    assert seen == sorted((group.pk for group in groups), reverse=True)  # newest first, each once
    english = [item["id"] for item in api_get("/groups?language=en").json()["items"]]
    assert english == [groups[3].pk, groups[1].pk]
    assert [item["title"] for item in api_get("/groups?query=open+4").json()["items"]] == ["Open 4"]
    assert api_get("/groups?cursor=forged").json()["code"] == "invalid_cursor"
    # The whole list (no cursor in it: a cursor is signed with the time, so a page with one changes by the second).
    etag = api_get("/groups")["ETag"]
    assert api_get("/groups", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_an_annual_themes_group_names_its_theme(cast: Cast):
    import datetime

    theme = services.create_theme(
        cast.carla,
        services.ThemeData(
            title="Skills for life", description="The year's theme.", starts_on=datetime.date(2026, 9, 1),
            ends_on=datetime.date(2027, 8, 31), campaign_starts_on=datetime.date(2026, 9, 1),
            campaign_ends_on=datetime.date(2026, 10, 1),
        ),
    )  # fmt: skip
    Group.objects.filter(pk=theme.group_id).update(open_to_visitors=True)
    item = api_get(f"/groups/{theme.group_id}").json()
    assert item["annual_theme"] == "Skills for life"
