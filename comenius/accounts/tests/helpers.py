"""Small helpers for HTTP-level tests of the membership journey."""

from __future__ import annotations

import re
from typing import Any

from django.core import mail
from django.test import Client
from django.urls import reverse

from comenius.core.models import Country
from comenius.institutions.models import Institution

PASSWORD = "a-Long-and-unusual-passphrase-42"


def signup_data(chosen: Institution | None = None, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "first_name": "Karen",
        "last_name": "Nielsen",
        "email": "karen@vestbyskolen.dk.example",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "country": chosen.country_id if chosen else "DK",
        "institution_query": chosen.name if chosen else "",
        "institution": chosen.pk if chosen else "",
        "role": "teacher",
    }
    data.update(overrides)
    return data


def link_in_last_mail(to: str) -> str:
    message = next(m for m in reversed(mail.outbox) if to in m.to)
    match = re.search(r"https?://\S+", str(message.body))
    assert match, message.body
    return match.group(0)


def confirm_email(client: Client, email: str) -> None:
    """Open the confirmation link from the last mail and press its button, as the member would."""
    url = link_in_last_mail(email)
    path = url.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path)
    assert response.status_code == 200
    response = client.post("/" + path)
    assert response.status_code == 302


def denmark() -> Country:
    return Country.objects.get(code="DK")


def queue_url() -> str:
    return reverse("accounts:queue")
