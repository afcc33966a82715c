"""Login throttling and answers that never reveal whether an e-mail is registered."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_repeated_failed_logins_are_throttled(client, cast):
    url = reverse("account_login")
    for _ in range(6):  # five free failures at one address (accounts/throttling.py), the sixth makes it wait
        response = client.post(url, {"login": cast.otto.email, "password": "wrong-password"})
        assert response.status_code == 200
    response = client.post(url, {"login": cast.otto.email, "password": "comenius-demo"})
    assert response.status_code in {200, 429}
    assert "_auth_user_id" not in client.session  # even the right password waits now


def test_password_reset_answers_the_same_for_unknown_addresses(client, cast):
    url = reverse("account_reset_password")
    known = client.post(url, {"email": cast.otto.email})
    unknown = client.post(url, {"email": "nobody@nowhere.example"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    assert [m.to for m in mail.outbox if cast.otto.email in m.to]


def test_login_error_does_not_say_whether_the_address_exists(client, cast):
    url = reverse("account_login")
    wrong_password = client.post(url, {"login": cast.otto.email, "password": "nope-nope-nope"})
    unknown_address = client.post(url, {"login": "ghost@nowhere.example", "password": "nope-nope-nope"})
    assert wrong_password.context["form"].errors == unknown_address.context["form"].errors


@pytest.mark.parametrize("target", ["http://[::1", "https://evil.example/", "a b", ";env;"])
def test_allauth_pages_ignore_a_next_that_is_not_a_local_url(client, cast, target):
    """Found by the door fuzzer (issue 21): `next=http://[::1` made allauth's own check raise ValueError (a
    server error) on the sign-up and reauthentication pages. allauth now asks `core.redirects`."""
    client.raise_request_exception = False
    assert client.get(reverse("account_signup"), {"next": target}).status_code == 200
    response = client.post(
        reverse("account_login"), {"login": cast.otto.email, "password": "comenius-demo", "next": target}
    )
    assert response.status_code == 302
    assert response.url == reverse("site:home")
    client.force_login(cast.ana)
    assert client.get(reverse("account_reauthenticate"), {"next": target}).status_code == 200


def test_allauth_keeps_a_local_next(client, cast):
    response = client.post(
        reverse("account_login"), {"login": cast.otto.email, "password": "comenius-demo", "next": "/people/?q=Lucía"}
    )
    assert response.url == "/people/?q=Luc%C3%ADa"
