"""The API × the cast × scopes: with a token of every scope their account may give, each person reaches what
the pages let them reach and nothing more; without the endpoint's scope, 403; pupils have no tokens at all."""

from __future__ import annotations

from typing import Any

import pytest

from comenius.api import services
from comenius.api.scopes import Scope
from comenius.api.tests.helpers import api_get
from comenius.devdata.testing import Cast
from comenius.spaces import access as spaces_access

pytestmark = pytest.mark.django_db

PEOPLE = ["mette", "lucia", "otto", "jonas", "ana", "carla"]


def _space_id(cast: Cast) -> int:
    space = spaces_access.space_of_project(cast.project.pk)
    assert space is not None
    return space.pk


# path, scope, expected status per person (with a token carrying every scope they may give)
def table(cast: Cast) -> list[tuple[str, str, dict[str, int]]]:
    space = _space_id(cast)
    members = {"mette": 200, "lucia": 200, "otto": 200}
    officers_cannot = {"jonas": 403, "ana": 403, "carla": 403}  # their tokens carry no member scopes
    return [
        ("/me", Scope.PROFILE_READ, {**members, "jonas": 200, "ana": 200, "carla": 200}),
        ("/me/contacts", Scope.CONTACTS_READ, {**members, **officers_cannot}),
        ("/me/conversations", Scope.MESSAGES_READ, {**members, **officers_cannot}),
        ("/me/projects", Scope.PROJECTS_READ, {**members, **officers_cannot}),
        ("/me/spaces", Scope.SPACES_READ, {**members, **officers_cannot}),
        ("/me/notifications", Scope.NOTIFICATIONS_READ, {**members, **officers_cannot}),
        # Mette and Lucía run the space; Otto is outside it: the page's 404.
        (f"/me/spaces/{space}/posts", Scope.SPACES_READ, {"mette": 200, "lucia": 200, "otto": 404, **officers_cannot}),
        (f"/me/spaces/{space}/pages", Scope.SPACES_READ, {"mette": 200, "lucia": 200, "otto": 404, **officers_cannot}),
        (
            "/nso/validations",
            Scope.NSO_READ,
            {"mette": 403, "lucia": 403, "otto": 403, "jonas": 200, "ana": 200, "carla": 200},
        ),
    ]


def full_token(user: Any) -> str:
    _token, secret = services.create_token(user, "all", sorted(services.allowed_scopes(user)), 30)
    return secret


def test_every_private_endpoint_for_every_person(cast):
    tokens = {name: full_token(getattr(cast, name)) for name in PEOPLE}
    failures = []
    for path, _scope, expected in table(cast):
        for name, status in expected.items():
            got = api_get(path, tokens[name]).status_code
            if got != status:
                failures.append(f"{path:40} {name:6} expected {status}, got {got}")
    assert not failures, "\n".join(failures)


def test_a_token_without_the_endpoints_scope_is_refused(cast):
    for path, scope, expected in table(cast):
        person = next(name for name, status in expected.items() if status == 200)
        user = getattr(cast, person)
        others = sorted(services.allowed_scopes(user) - {scope})
        if not others:
            continue
        _token, secret = services.create_token(user, "narrow", others, 30)
        response = api_get(path, secret)
        assert response.status_code == 403, path
        assert response.json()["code"] == "insufficient_scope"


def test_pupils_never_appear_in_public_endpoints(cast):
    cast.project.show_in_gallery = True
    cast.project.save(update_fields=["show_in_gallery"])
    pupil_words = {cast.pia.first_name, cast.pia.username}
    from comenius.groups.models import Group
    from comenius.groups.tests.matrix import the_group

    group = the_group(cast)  # Lucía and Mette are members; open it to visitors
    Group.objects.filter(pk=group.pk).update(open_to_visitors=True)
    paths = ("/gallery/projects", f"/gallery/projects/{cast.project.pk}", "/institutions", "/openapi.json")
    for path in (*paths, "/groups", f"/groups/{group.pk}"):
        body = api_get(path).content.decode()
        assert not any(word and word in body for word in pupil_words), path
