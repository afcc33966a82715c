"""The API's endpoints: public data without a token, own data through the same access rules as the pages,
one error shape, cursors, rate limits, ETags and CORS."""

from __future__ import annotations

import time

import pytest
from django.test import Client

from comenius.api.scopes import Scope
from comenius.api.tests.helpers import api_get, api_post, token_for
from comenius.institutions.models import Institution, InstitutionStatus
from comenius.network.models import Message
from comenius.spaces import access as spaces_access
from comenius.spaces.models import Post

pytestmark = pytest.mark.django_db


def _gallery_project(cast):
    project = cast.project
    project.show_in_gallery = True
    project.save(update_fields=["show_in_gallery"])
    return project


def test_the_gallery_is_public_and_shows_no_pupil(cast):
    project = _gallery_project(cast)
    listing = api_get("/gallery/projects")
    assert listing.status_code == 200
    assert listing["Access-Control-Allow-Origin"] == "*"
    ids = [item["id"] for item in listing.json()["items"]]
    assert project.pk in ids
    detail = api_get(f"/gallery/projects/{project.pk}")
    assert detail.status_code == 200 and detail.json()["title"] == project.title
    for response in (listing, detail):
        assert cast.pia.first_name not in response.content.decode()
        assert cast.pia.username not in response.content.decode()
    project.show_in_gallery = False
    project.save(update_fields=["show_in_gallery"])
    missing = api_get(f"/gallery/projects/{project.pk}")
    assert missing.status_code == 404
    assert set(missing.json()) == {"code", "message"} and missing.json()["code"] == "not_found"


def test_institutions_show_only_validated_ones_and_only_public_fields(cast):
    pending = Institution.objects.create(
        name="Ny Skole",
        type=cast.vestbyskolen.type,
        country=cast.vestbyskolen.country,
        city="Aarhus",
        status=InstitutionStatus.PENDING,
    )
    found = api_get("/institutions?country=dk").json()
    names = [item["name"] for item in found["items"]]
    assert cast.vestbyskolen.name in names and pending.name not in names
    assert set(found["items"][0]) == {"id", "name", "type", "country", "city"}
    assert api_get(f"/institutions/{pending.pk}").status_code == 404


def test_cursor_pages_reach_every_row_once_and_a_forged_cursor_is_refused(cast):
    country = cast.vestbyskolen.country
    for number in range(7):
        Institution.objects.create(
            name=f"Skole {number}",
            type=cast.vestbyskolen.type,
            country=country,
            city="Odense",
            status=InstitutionStatus.VALIDATED,
        )
    seen, cursor, pages = [], None, 0
    while True:
        query = "?country=dk&limit=3" + (f"&cursor={cursor}" if cursor else "")
        body = api_get(f"/institutions{query}").json()
        seen += [item["id"] for item in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
    expected = list(
        Institution.objects.filter(country=country, status=InstitutionStatus.VALIDATED)
        .values_list("pk", flat=True)
        .order_by("pk")
    )
    assert seen == expected and pages == -(-len(expected) // 3)
    forged = api_get("/institutions?cursor=WzEwXQ:forged")
    assert forged.status_code == 400 and forged.json()["code"] == "invalid_cursor"


def test_own_profile_contacts_conversations_and_sending(cast):
    token = token_for(cast.mette, Scope.PROFILE_READ, Scope.CONTACTS_READ, Scope.MESSAGES_READ, Scope.MESSAGES_WRITE)
    me = api_get("/me", token).json()
    assert me["email"] == cast.mette.email and me["institutions"][0]["name"] == cast.vestbyskolen.name
    contacts = api_get("/me/contacts", token).json()["items"]
    assert cast.lucia.pk in [person["id"] for person in contacts]

    before = Message.objects.count()
    sent = api_post("/me/messages", {"to": cast.lucia.pk, "body": "Hola Lucía!"}, token)
    assert sent.status_code == 201
    message = Message.objects.get(pk=sent.json()["id"])
    assert message.sender == cast.mette and message.body == "Hola Lucía!"
    conversations = api_get("/me/conversations", token).json()["items"]
    assert conversations[0]["with_person"]["id"] == cast.lucia.pk
    messages = api_get(f"/me/conversations/{message.conversation_id}/messages", token).json()["items"]
    assert messages[0]["body"] == "Hola Lucía!"

    # Otto is not in this conversation: the same 404 the inbox page gives him.
    ottos = token_for(cast.otto, Scope.MESSAGES_READ)
    assert api_get(f"/me/conversations/{message.conversation_id}/messages", ottos).status_code == 404
    # The service's refusals come back as the page's words, and store nothing.
    empty = api_post("/me/messages", {"to": cast.lucia.pk, "body": "   "}, token)
    assert empty.status_code == 400 and empty.json()["code"] == "refused"
    assert Message.objects.count() == before + 1
    pupil = api_post("/me/messages", {"to": cast.pia.pk, "body": "hi"}, token)
    assert pupil.status_code == 404


def test_space_content_only_for_the_space_members(cast):
    token = token_for(cast.lucia, Scope.SPACES_READ, Scope.PROJECTS_READ)
    spaces = api_get("/me/spaces", token).json()
    space_id = spaces[0]["id"]
    assert spaces[0]["project_id"] == cast.project.pk
    projects = api_get("/me/projects", token).json()["items"]
    assert projects[0]["space_id"] == space_id
    seat = spaces_access.seat_for(cast.mette, space_id)
    Post.objects.create(space=seat.space, author=cast.mette, body="Welcome, class!")
    posts = api_get(f"/me/spaces/{space_id}/posts", token).json()["items"]
    assert posts[0]["body"] == "Welcome, class!"
    outsider = token_for(cast.otto, Scope.SPACES_READ)
    assert api_get(f"/me/spaces/{space_id}/posts", outsider).status_code == 404
    assert api_get(f"/me/spaces/{space_id}/pages", outsider).status_code == 404


def test_national_teams_read_their_own_countrys_queue(cast):
    token = token_for(cast.jonas, Scope.NSO_READ)
    items = api_get("/nso/validations", token).json()["items"]
    assert [item["member"] for item in items] == [str(cast.nina)]
    ana = token_for(cast.ana, Scope.NSO_READ)
    assert str(cast.nina) not in api_get("/nso/validations", ana).content.decode()


def test_errors_have_one_shape_in_the_callers_language(cast):
    unauthorized = api_get("/me")
    assert unauthorized.status_code == 401 and unauthorized["WWW-Authenticate"].startswith("Bearer")
    assert unauthorized.json()["code"] == "unauthorized"
    assert api_get("/me", "cmn_nonsense").status_code == 401
    invalid = api_get("/gallery/projects/abc")
    assert invalid.status_code == 422 and invalid.json()["code"] == "invalid_request"
    huge = api_get("/gallery/projects/99999999999999999999999")
    assert huge.status_code == 422
    unknown = Client().get("/api/v1/no/such/thing")
    assert unknown.status_code == 404 and unknown.json()["code"] == "not_found"
    danish = api_get("/me", HTTP_ACCEPT_LANGUAGE="da")
    assert danish.json()["message"] != unauthorized.json()["message"]
    token = token_for(cast.mette, Scope.MESSAGES_WRITE)
    too_big = api_post("/me/messages", {"to": cast.lucia.pk, "body": "x" * 70_000}, token)
    assert too_big.status_code == 413 and too_big.json()["code"] == "too_large"


def test_rate_limit_answers_429_with_retry_after(cast, settings):
    settings.API_REQUESTS_PER_MINUTE_PER_ADDRESS = 3
    # The limits count in fixed one-minute windows: start early in one, so all five requests fall in it.
    into_the_minute = time.time() % 60
    if into_the_minute > 50:
        time.sleep(60.2 - into_the_minute)
    codes = [api_get("/institutions").status_code for _ in range(4)]
    assert codes[:3] == [200, 200, 200] and codes[3] == 429
    limited = api_get("/institutions")
    assert limited.json()["code"] == "rate_limited"
    assert 1 <= int(limited["Retry-After"]) <= 60


def test_etag_round_trip_gives_304(cast):
    first = api_get("/institutions")
    etag = first["ETag"]
    again = api_get("/institutions", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    token = token_for(cast.mette, Scope.PROFILE_READ)
    private = api_get("/me", token)
    assert "Access-Control-Allow-Origin" not in private and "private" in private["Cache-Control"]


def test_the_docs_and_the_schema_are_served_from_our_own_files():
    schema = Client().get("/api/v1/openapi.json")
    assert schema.status_code == 200 and schema.json()["info"]["title"] == "Comenius API"
    docs = Client().get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle" in docs and "cdn" not in docs.lower()


def test_national_presence_is_public_and_never_gives_an_address(cast):
    from comenius.ambassadors.tests.helpers import appoint
    from comenius.countries import access as countries_access

    appoint(cast.jonas, cast.otto, ["dk-nordjylland"])
    finder = api_get("/countries/dk/ambassadors?region=dk-nordjylland")
    assert finder.status_code == 200 and finder.json()["country"] == "DK"
    assert [item["name"] for item in finder.json()["items"]] == [cast.otto.get_full_name()]
    assert cast.otto.email not in finder.content.decode() and "@" not in finder.content.decode()
    assert api_get("/countries/zz/ambassadors").status_code == 404
    assert api_get("/countries/dk/news").json()["items"] == []
    stats = api_get("/statistics")
    figures = stats.json()["figures"]
    assert stats.json()["licence"] == countries_access.LICENCE
    assert all(figure["value"] is None or figure["value"] == 0 or figure["value"] >= 5 for figure in figures)
    assert cast.mette.email not in stats.content.decode()


def test_notifications_are_the_centres_own(cast):
    from comenius.notifications import services as notifications

    mine = notifications.notify(cast.mette, "core.download_ready", text="Your copy is ready", url="/")
    lucias = notifications.notify(cast.lucia, "core.download_ready", text="Lucía's copy", url="/")
    assert mine is not None and lucias is not None
    token = token_for(cast.mette, Scope.NOTIFICATIONS_READ)
    items = api_get("/me/notifications", token).json()["items"]
    assert items[0]["id"] == mine.pk  # the newest first; the cast's earlier ones follow
    assert items[0]["text"] == "Your copy is ready" and items[0]["read"] is False
    assert lucias.pk not in [item["id"] for item in items]


def test_public_events_and_never_the_members_only_ones(cast):
    from comenius.events.tests.helpers import danish_event

    public = danish_event(cast)
    national = danish_event(cast, title="For Danish members only", is_public=False)
    listed = api_get("/events").json()["items"]
    ids = [item["id"] for item in listed]
    assert public.pk in ids and national.pk not in ids
    detail = api_get(f"/events/{public.pk}").json()
    assert detail["ics_url"].endswith("/event.ics") and detail["online"] is True
    assert "meet.jit.si" not in str(detail)  # the room's address is for registered participants
    assert api_get(f"/events/{national.pk}").status_code == 404
