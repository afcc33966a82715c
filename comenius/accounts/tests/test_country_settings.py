"""Each NSO chooses its country's validation methods; its choice changes what members are offered."""

from __future__ import annotations

import pytest
from django.urls import reverse

from comenius.core.models import AuditEvent, Country

pytestmark = pytest.mark.django_db


def test_nso_sets_trusted_domains_and_methods(client, cast):
    client.force_login(cast.jonas)
    url = reverse("accounts:country_settings", args=["DK"])
    response = client.post(
        url,
        {"evidence_upload_enabled": "on", "trusted_email_domains": "@Skole.Aarhus.dk\nedu.hjoerring.dk\n\n"},
    )
    assert response.status_code == 302
    denmark = Country.objects.get(code="DK")
    assert denmark.trusted_domains() == {"skole.aarhus.dk", "edu.hjoerring.dk"}
    assert not denmark.head_confirmation_enabled
    assert AuditEvent.objects.filter(action="country.validation_methods", actor=cast.jonas).exists()

    # Nina no longer gets the head-of-institution form on her waiting page.
    client.force_login(cast.nina)
    assert 'action="/account/status/head/"' not in client.get(reverse("accounts:status")).content.decode()


@pytest.mark.parametrize("domains", ["gmail.com", "not a domain", "<script>"])
def test_open_or_malformed_domains_are_refused(client, cast, domains):
    client.force_login(cast.jonas)
    response = client.post(
        reverse("accounts:country_settings", args=["DK"]),
        {"evidence_upload_enabled": "on", "head_confirmation_enabled": "on", "trusted_email_domains": domains},
    )
    assert response.status_code == 400
    assert Country.objects.get(code="DK").trusted_email_domains == ""


def test_other_countrys_settings_are_out_of_reach(client, cast):
    client.force_login(cast.ana)
    url = reverse("accounts:country_settings", args=["DK"])
    assert client.post(url, {"trusted_email_domains": "evil.example"}).status_code == 404
    assert Country.objects.get(code="DK").trusted_email_domains == ""
    client.force_login(cast.carla)
    assert client.get(url).status_code == 200
