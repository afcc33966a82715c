"""`core.redirects`: the one helper every view uses to go back to a caller-supplied `next`."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from comenius.core.redirects import next_target, safe_redirect, safe_target

LOCAL = ["/", "/home/", "/gallery/?q=vand&page=2", "/spaces/1/#post-3", "/people/?q=Sørensen"]
HOSTILE = [
    "",
    ";env;",
    "a b",
    "%00",
    "\x00",
    "home",
    "site:home",
    "//evil.example/",
    "///evil.example/",
    "/\\evil.example",
    "https://evil.example/",
    "http://testserver/home/",  # our own host, but only paths are accepted
    "javascript:alert(1)",
    "/home/\r\nSet-Cookie: a=b",
    "/\ttab",
    "/" + "x" * 3000,
]


@pytest.mark.parametrize("target", LOCAL)
def test_local_paths_are_accepted(target):
    request = RequestFactory().get("/")
    assert safe_target(request, target) == target
    assert safe_redirect(request, target, "site:front").status_code == 302


@pytest.mark.parametrize("target", HOSTILE)
def test_anything_else_falls_back_to_the_fixed_page(target):
    request = RequestFactory().get("/")
    assert safe_target(request, target) is None
    response = safe_redirect(request, target, "site:front")
    assert response["Location"] == "/"


def test_non_strings_and_other_prefixes_fall_back():
    request = RequestFactory().get("/")
    assert safe_target(request, None) is None
    assert safe_target(request, ["/home/"]) is None
    assert safe_target(request, "/home/", within="/spaces/1/") is None
    assert safe_target(request, "/spaces/1/pages/", within="/spaces/1/") == "/spaces/1/pages/"


def test_non_ascii_paths_are_sent_percent_encoded():
    response = safe_redirect(RequestFactory().get("/"), "/people/?q=Sørensen", "site:front")
    assert response["Location"] == "/people/?q=S%C3%B8rensen"


def test_fallback_url_names_take_arguments():
    response = safe_redirect(RequestFactory().get("/"), "nope", "network:person", user_id=7)
    assert response["Location"] == "/people/7/"


def test_next_comes_from_the_form_or_the_link():
    factory = RequestFactory()
    assert next_target(factory.post("/", {"next": "/home/"})) == "/home/"
    assert next_target(factory.get("/", {"next": "/home/"})) == "/home/"
    assert next_target(factory.get("/", {"next": "https://evil.example/"})) == ""


@pytest.mark.django_db
def test_admin_logout_follows_only_a_local_path(cast):
    from comenius.devdata.testing import client_for

    client = client_for(cast.carla)
    response = client.post("/admin/logout/", {"next": ";env;"})
    assert response.status_code in {200, 302}
    assert ";env;" not in response.get("Location", "")
    client = client_for(cast.carla)
    response = client.post("/admin/logout/", {"next": "/people/"})
    assert response.status_code == 302 and response["Location"] == "/people/"
