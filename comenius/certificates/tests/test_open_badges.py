"""Open Badges 2.0 hosted verification: the Assertion, its BadgeClass and the Issuer are public JSON-LD at stable
addresses that link to each other; the recipient is a salted hash of the member's e-mail address; a revoked
certificate's Assertion answers 410 Gone with `revoked: true`."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

import pytest
from django.test import Client
from django.urls import reverse

from comenius.certificates import services
from comenius.certificates.tests.sample import mettes_certificate
from comenius.devdata.testing import Cast

pytestmark = pytest.mark.django_db

CONTEXT = "https://w3id.org/openbadges/v2"


def fetch(client: Client, url: str, status: int = 200) -> dict:
    """GET an address as a verifier does (an absolute `id` is fetched by its path) and parse the JSON-LD."""
    path = url.split("://", 1)[-1].split("/", 1)[-1]
    response = client.get("/" + path)
    assert response.status_code == status, (url, response.status_code)
    assert response["Content-Type"].startswith("application/ld+json")
    return json.loads(response.content)


def test_a_certificate_is_a_hosted_open_badge(cast: Cast, settings):
    settings.SITE_URL = "https://comenius.example.eu"
    certificate = mettes_certificate(cast)
    client = Client()
    url = reverse("certificates:ob_assertion", args=[certificate.code])
    assertion = fetch(client, url)
    assert assertion["@context"] == CONTEXT and assertion["type"] == "Assertion"
    assert assertion["id"] == f"https://comenius.example.eu{url}"
    assert fetch(client, assertion["id"]) == assertion  # the id is where it lives (hosted verification)
    assert assertion["verification"] == {"type": "HostedBadge"}
    datetime.fromisoformat(assertion["issuedOn"])
    assert assertion["evidence"] == certificate.verification_url()
    # The recipient: Mette's address, salted and hashed; never in clear.
    recipient = assertion["recipient"]
    assert recipient["type"] == "email" and recipient["hashed"] is True and len(recipient["salt"]) >= 16
    expected = "sha256$" + hashlib.sha256(((cast.mette.email or "").lower() + recipient["salt"]).encode()).hexdigest()
    assert recipient["identity"] == expected
    assert (cast.mette.email or "@") not in json.dumps(assertion)
    assert fetch(client, url) == assertion  # stable: the same salt every time

    badge = fetch(client, assertion["badge"])
    assert badge["@context"] == CONTEXT and badge["type"] == "BadgeClass" and badge["id"] == assertion["badge"]
    assert badge["name"] == "eTwinning for beginners – workshop"
    assert badge["description"] and badge["criteria"]["narrative"]
    assert badge["image"].startswith("https://comenius.example.eu/") and badge["image"].endswith(".svg")
    issuer = fetch(client, badge["issuer"])
    assert issuer["@context"] == CONTEXT and issuer["type"] == "Issuer" and issuer["id"] == badge["issuer"]
    assert issuer["name"] and issuer["url"] == "https://comenius.example.eu/"

    # Unknown codes and subjects: 404.
    assert client.get(reverse("certificates:ob_assertion", args=["AAAAA-AAAAA-AAAAA-AAAAA"])).status_code == 404
    assert client.get(reverse("certificates:ob_badge", args=["tests.sample", 999999])).status_code == 404


def test_a_revoked_assertion_answers_revoked(cast: Cast):
    certificate = mettes_certificate(cast)
    services.revoke(cast.jonas, certificate, "Issued by mistake")
    revoked = fetch(Client(), reverse("certificates:ob_assertion", args=[certificate.code]), status=410)
    assert revoked["revoked"] is True and revoked["type"] == "Assertion"
    assert revoked["id"].endswith(reverse("certificates:ob_assertion", args=[certificate.code]))
    assert "recipient" not in revoked and "Issued by mistake" not in json.dumps(revoked)
