"""Proving it is you again before a sensitive change: by password, or by a code sent by e-mail (allauth 65.22)."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_member_confirms_access_with_a_code_from_their_mail_in_their_language(client, cast):
    cast.mette.language = "da"
    cast.mette.save(update_fields=["language"])
    client.force_login(cast.mette)

    page = client.get(reverse("account_request_reauthentication_code"))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'href="/static/css/comenius.css"' in html or "comenius.css" in html  # our layout, not allauth's bare one
    assert "<main" in html
    assert "Anmod om kode" in html  # Danish, from allauth's own catalog

    mail.outbox.clear()
    sent = client.post(reverse("account_request_reauthentication_code"), {"recipient": cast.mette.email})
    assert sent.status_code == 302
    assert sent.url == reverse("account_confirm_reauthentication_code")
    assert [message.to for message in mail.outbox] == [[cast.mette.email]]
    code = re.search(r"^\s*([A-Z0-9]{4}-?[A-Z0-9]{4})\s*$", str(mail.outbox[0].body), re.MULTILINE)
    assert code, mail.outbox[0].body

    confirm = client.get(sent.url)
    assert confirm.status_code == 200
    assert "<main" in confirm.content.decode()
    wrong = client.post(sent.url, {"code": "WRONG1"})
    assert wrong.status_code == 200  # the form again, with an error; nothing confirmed
    assert wrong.context["form"].errors
    right = client.post(sent.url, {"code": code.group(1)})
    assert right.status_code == 302
