"""Contact: visitors by e-mail (the ambassador's address never shown, rate limited, honeypot); members by message."""

from __future__ import annotations

import pytest
from django.core import mail

from comenius.ambassadors.models import VisitorContact
from comenius.ambassadors.tests.helpers import appoint
from comenius.devdata.testing import client_for
from comenius.network.models import Message

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Karen Visitor",
    "email": "karen@skole.example",
    "message": "Can you help our kindergarten?",
    "website": "",
}


@pytest.fixture
def appointment(cast):
    return appoint(cast.jonas, cast.mette, ["dk-nordjylland"])


def test_visitor_reaches_the_ambassador_without_seeing_the_address(cast, appointment):
    visitor = client_for(None)
    form_page = visitor.get(f"/ambassadors/people/{appointment.pk}/contact/")
    assert form_page.status_code == 200 and cast.mette.email not in form_page.text
    sent = visitor.post(f"/ambassadors/people/{appointment.pk}/contact/", FORM)
    assert sent.status_code == 200 and cast.mette.email not in sent.text
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [cast.mette.email]
    assert message.reply_to == ["karen@skole.example"]
    # Through the notification service (its header, the HTML version, a footer saying why, in Mette's Danish),
    # with no in-app item.
    assert message.extra_headers["X-Comenius-Notification"] == "ambassadors.visitor_contact"
    assert "en besøgende har skrevet til dig" in message.body and getattr(message, "alternatives", None)  # Danish
    from comenius.notifications.models import Notification

    assert not Notification.objects.filter(type="ambassadors.visitor_contact").exists()
    assert "Can you help our kindergarten?" in message.body
    # Nothing of the visitor is stored: only a count with a daily hash.
    stored = VisitorContact.objects.get()
    assert "karen" not in stored.sender_key and "127.0.0.1" not in stored.sender_key


def test_visitor_contact_is_rate_limited(cast, appointment, settings):
    settings.VISITOR_CONTACTS_PER_DAY = 2
    visitor = client_for(None)
    for _attempt in range(2):
        assert visitor.post(f"/ambassadors/people/{appointment.pk}/contact/", FORM).status_code == 200
    refused = visitor.post(f"/ambassadors/people/{appointment.pk}/contact/", FORM)
    assert refused.status_code == 400 and "try again tomorrow" in refused.text
    assert len(mail.outbox) == 2


def test_the_ambassador_is_protected_from_floods_by_many_visitors(cast, appointment, settings):
    settings.AMBASSADOR_CONTACTS_PER_DAY = 1
    assert (
        client_for(None)
        .post(f"/ambassadors/people/{appointment.pk}/contact/", FORM, REMOTE_ADDR="10.0.0.1")
        .status_code
        == 200
    )
    refused = client_for(None).post(f"/ambassadors/people/{appointment.pk}/contact/", FORM, REMOTE_ADDR="10.0.0.2")
    assert refused.status_code == 400
    assert len(mail.outbox) == 1


def test_the_honeypot_sends_nothing(cast, appointment):
    response = client_for(None).post(
        f"/ambassadors/people/{appointment.pk}/contact/", {**FORM, "website": "http://spam.example"}
    )
    assert response.status_code == 200
    assert mail.outbox == [] and not VisitorContact.objects.exists()


def test_members_write_a_message_instead(cast, appointment):
    response = client_for(cast.lucia).post(f"/ambassadors/people/{appointment.pk}/contact/", {"body": "Hola Mette!"})
    assert response.status_code == 302
    assert Message.objects.filter(sender=cast.lucia, body="Hola Mette!").exists()
    assert mail.outbox == []


def test_ended_ambassadors_cannot_be_contacted(cast, appointment):
    from comenius.ambassadors import services

    services.end(cast.jonas, appointment)
    assert client_for(None).get(f"/ambassadors/people/{appointment.pk}/contact/").status_code == 404
