"""The language switcher, a remembered language, and e-mails in the recipient's language."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from comenius.accounts import services

pytestmark = pytest.mark.django_db


def test_switcher_sets_a_cookie_for_visitors(client):
    response = client.post(reverse("accounts:set_language"), {"language": "da", "next": "/"})
    assert response.status_code == 302
    assert response.cookies["comenius_language"].value == "da"
    assert '<html lang="da" dir="ltr">' in client.get("/").content.decode()


def test_switcher_remembers_the_language_of_a_signed_in_member(client, cast):
    client.force_login(cast.otto)
    client.post(reverse("accounts:set_language"), {"language": "da", "next": "/home/"})
    cast.otto.refresh_from_db()
    assert cast.otto.language == "da"
    # On another device (no cookie) the member still gets Danish.
    other_device = client.__class__()
    other_device.force_login(cast.otto)
    assert '<html lang="da" dir="ltr">' in other_device.get(reverse("site:home")).content.decode()


def test_switcher_refuses_unknown_languages_and_foreign_redirects(client, cast):
    client.force_login(cast.otto)
    client.post(reverse("accounts:set_language"), {"language": "xx"})
    cast.otto.refresh_from_db()
    assert cast.otto.language == "en"
    response = client.post(reverse("accounts:set_language"), {"language": "da", "next": "https://evil.example/"})
    assert response.url == "/"


@pytest.mark.parametrize("target", [";env;", "a b", "%00", "//evil.example/", "/\\evil.example", "/a\nb", "x" * 3000])
def test_switcher_falls_back_to_the_front_page_when_next_is_not_a_local_url(client, target):
    """Issue 21: `next` that is not a URL once answered 500 (it was resolved as a view name)."""
    response = client.post(reverse("accounts:set_language"), {"language": "da", "next": target})
    assert response.status_code == 302
    assert response.url == "/"
    assert response.cookies["comenius_language"].value == "da"


def test_a_nul_byte_in_next_is_refused_with_a_page_that_says_so(client):
    response = client.generic(
        "POST",
        reverse("accounts:set_language"),
        b"language=da&next=%00",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert "Something in the request was not right" in response.content.decode()


def test_switcher_keeps_a_local_next_with_its_query(client):
    response = client.post(reverse("accounts:set_language"), {"language": "da", "next": "/gallery/?q=vand&page=2"})
    assert response.url == "/gallery/?q=vand&page=2"


def test_decision_mail_uses_the_members_language_not_the_officers(client, cast, django_capture_on_commit_callbacks):
    request = cast.nina.validation_requests.get()  # Nina reads Danish
    cast.jonas.language = "en"
    cast.jonas.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.validate_member(cast.jonas, request)
    (message,) = mail.outbox
    assert "Kære Nina" in message.body
    assert "godkendt" in message.subject.lower()
