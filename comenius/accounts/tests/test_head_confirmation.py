"""The head of institution confirms a member through a signed link: valid, expired, tampered, declined."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from comenius.accounts.models import MemberStatus, RequestStatus
from comenius.accounts.tests.helpers import link_in_last_mail

pytestmark = pytest.mark.django_db

HEAD = "rektor@vestbyskolen.dk.example"


def ask_head(client, cast) -> str:
    client.force_login(cast.nina)
    mail.outbox.clear()
    response = client.post(reverse("accounts:ask_head"), {"head_email": HEAD})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == [HEAD]
    assert "Nina Holm" in message.subject
    url = link_in_last_mail(HEAD)
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def test_valid_link_confirms_the_member(client, cast):
    path = ask_head(client, cast)
    client.logout()
    page = client.get(path)
    assert page.status_code == 200
    assert "Vestbyskolen" in page.content.decode()
    client.post(path, {"answer": "confirm"})
    cast.nina.refresh_from_db()
    assert cast.nina.status == MemberStatus.VALIDATED
    request = cast.nina.validation_requests.get()
    assert (request.method, request.decided_by_label) == ("head_confirmation", HEAD)
    # Used once: a second press changes nothing and says so.
    assert client.post(path, {"answer": "decline"}).status_code == 200
    request.refresh_from_db()
    assert request.status == RequestStatus.VALIDATED


def test_declining_sends_the_request_on_to_the_nso(client, cast):
    path = ask_head(client, cast)
    client.logout()
    client.post(path, {"answer": "decline"})
    request = cast.nina.validation_requests.get()
    assert request.status == RequestStatus.OPEN
    assert HEAD in request.evidence_note


def test_expired_link_is_refused_clearly(client, cast, settings, monkeypatch):
    path = ask_head(client, cast)
    client.logout()
    import time

    later = time.time() + (settings.HEAD_CONFIRMATION_MAX_AGE_DAYS + 1) * 86400
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    response = client.get(path)
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert client.post(path, {"answer": "confirm"}).status_code == 410
    cast.nina.refresh_from_db()
    assert cast.nina.status == MemberStatus.PENDING


def test_tampered_link_is_not_found(client, cast):
    path = ask_head(client, cast)
    client.logout()
    tampered = path[:-3] + ("A" if path[-3] != "A" else "B") + path[-2:]
    assert client.get(tampered).status_code == 404
    assert client.post(tampered, {"answer": "confirm"}).status_code == 404
    cast.nina.refresh_from_db()
    assert cast.nina.status == MemberStatus.PENDING


def test_member_cannot_name_themself_as_head(client, cast):
    client.force_login(cast.nina)
    client.post(reverse("accounts:ask_head"), {"head_email": cast.nina.email})
    assert cast.nina.validation_requests.get().head_email == ""
