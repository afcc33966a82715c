"""The audit log: NSO officers read their own country's decisions, central support everyone's."""

from __future__ import annotations

import pytest
from django.urls import reverse

from comenius.accounts import services
from comenius.devdata.testing import register

pytestmark = pytest.mark.django_db


def test_nso_reads_own_country_only_and_central_reads_all(client, cast):
    carmen = register("carmen@ies.es.example", "Carmen", "Ruiz", cast.cervantes)
    services.reject_member(cast.ana, carmen.validation_requests.get(), "No proof of employment yet")
    client.force_login(cast.jonas)
    page = client.get(reverse("accounts:audit_log")).content.decode()
    assert "Mette Sørensen" in page and "Jonas Madsen" in page  # the cast's Danish validations
    assert "Carmen Ruiz" not in page and "No proof of employment" not in page
    client.force_login(cast.carla)
    page = client.get(reverse("accounts:audit_log")).content.decode()
    assert "Carmen Ruiz" in page and "Mette Sørensen" in page


def test_filters(client, cast):
    carmen = register("carmen@ies.es.example", "Carmen", "Ruiz", cast.cervantes)
    services.reject_member(cast.ana, carmen.validation_requests.get(), "No proof of employment yet")
    client.force_login(cast.carla)
    page = client.get(reverse("accounts:audit_log"), {"action": "member.rejected"}).content.decode()
    assert "Carmen Ruiz" in page and "Mette Sørensen" not in page
    page = client.get(reverse("accounts:audit_log"), {"q": "proof"}).content.decode()
    assert "Carmen Ruiz" in page and "Lucía García" not in page
