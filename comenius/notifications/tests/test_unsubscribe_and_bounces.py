"""E-mails done properly: HTML and plain text from one template, the footer, RFC 8058 one-click unsubscribe on
bulk and digest mail (POST with a signed token, no session; a tampered token and a GET change nothing), and
undeliverable addresses."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from comenius.devdata.testing import Cast, client_for
from comenius.notifications import services
from comenius.notifications.mail import HEADER
from comenius.notifications.registry import Delivery

pytestmark = pytest.mark.django_db


def _bulk_mail(cast: Cast, django_capture_on_commit_callbacks):
    services.set_preferences(cast.otto, {"spaces.activity": Delivery.EMAIL})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(
            cast.otto, "spaces.activity", text="New post in Water", url="/spaces/", group=cast.project.space
        )
    (message,) = [m for m in mail.outbox if m.extra_headers.get(HEADER) == "spaces.activity"]
    return message


def _token(message) -> str:
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    return url.rstrip("/").rsplit("/", 1)[1]


def test_bulk_mail_carries_one_click_unsubscribe_and_a_footer(cast: Cast, django_capture_on_commit_callbacks):
    message = _bulk_mail(cast, django_capture_on_commit_callbacks)
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http") and unsubscribe.endswith(">")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "because e-mails about “Activity in your project spaces” are on" in message.body
    assert reverse("notifications:preferences") in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="en" dir="ltr">' in html and "<h1" in html and "New post in Water" in html
    assert "Choose what we e-mail you" in html


def test_a_single_persons_mail_has_no_unsubscribe_header(cast: Cast, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(cast.otto, "network.contact_request", text="Lucía wants to be your contact", url="/contacts/")
    (message,) = mail.outbox
    assert "List-Unsubscribe" not in message.extra_headers
    assert message.extra_headers[HEADER] == "network.contact_request"


def test_post_with_a_valid_token_unsubscribes_without_a_session(cast: Cast, django_capture_on_commit_callbacks):
    token = _token(_bulk_mail(cast, django_capture_on_commit_callbacks))
    anonymous = Client(enforce_csrf_checks=True)  # a mail client: no session, no CSRF token
    response = anonymous.post(reverse("notifications:unsubscribe", args=[token]), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert services.delivery_for(cast.otto, "spaces.activity") == Delivery.IN_APP


def test_a_tampered_token_does_nothing(cast: Cast, django_capture_on_commit_callbacks):
    token = _token(_bulk_mail(cast, django_capture_on_commit_callbacks))
    forged = services.unsubscribe_token(cast.mette.pk, "spaces.activity")[:-3] + "abc"
    other_user = token.replace(token.split(":")[0], services.unsubscribe_token(cast.mette.pk, "x").split(":")[0])
    for bad in (forged, other_user, "nonsense", token[:-1]):
        response = Client().post(reverse("notifications:unsubscribe", args=[bad]))
        assert response.status_code == 400
    assert services.delivery_for(cast.otto, "spaces.activity") == Delivery.EMAIL
    assert services.delivery_for(cast.mette, "spaces.activity") == Delivery.DIGEST


def test_get_does_not_unsubscribe(cast: Cast, django_capture_on_commit_callbacks):
    token = _token(_bulk_mail(cast, django_capture_on_commit_callbacks))
    page = Client().get(reverse("notifications:unsubscribe", args=[token]))
    assert page.status_code == 200 and b'method="post"' in page.content
    assert services.delivery_for(cast.otto, "spaces.activity") == Delivery.EMAIL


def test_the_digest_token_stops_digests(cast: Cast):
    token = services.unsubscribe_token(cast.otto.pk, services.DIGEST)
    assert Client().post(reverse("notifications:unsubscribe", args=[token])).status_code == 200
    assert services.settings_for(cast.otto).digest_frequency == "never"


def test_a_required_type_cannot_be_unsubscribed(cast: Cast):
    token = services.unsubscribe_token(cast.otto.pk, "accounts.validation_decision")
    assert Client().post(reverse("notifications:unsubscribe", args=[token])).status_code == 400


def test_undeliverable_addresses_get_no_mail_and_the_member_is_told(cast: Cast, django_capture_on_commit_callbacks):
    call_command("mark_undeliverable", str(cast.otto.email).upper(), "--reason", "bounce", stdout=StringIO())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        item = services.notify(cast.otto, "network.contact_request", text="Someone", url="/contacts/")
    assert item is not None and mail.outbox == []  # in-app still
    page = client_for(cast.otto).get(reverse("notifications:preferences"))
    assert "could not be delivered" in page.content.decode()
    call_command("mark_undeliverable", str(cast.otto.email), "--clear", stdout=StringIO())
    assert not services.is_suppressed(str(cast.otto.email))


def test_the_login_warning(cast: Cast, rf):
    from django.contrib.auth.signals import user_logged_in
    from django.contrib.messages.storage.fallback import FallbackStorage

    services.mark_undeliverable(str(cast.otto.email), "complaint")
    request = rf.get("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    user_logged_in.send(sender=type(cast.otto), request=request, user=cast.otto)
    assert any("could not be delivered" in str(m) for m in request._messages)
