"""An NSO officer acts on their own country only; central support on all; nobody without MFA."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from comenius.accounts import services
from comenius.accounts.models import MemberStatus, RequestStatus
from comenius.core.errors import DomainError
from comenius.devdata.testing import register

pytestmark = pytest.mark.django_db


def test_officer_of_another_country_gets_404_and_changes_nothing(client, cast):
    request = cast.nina.validation_requests.get()
    client.force_login(cast.ana)
    assert client.get(reverse("accounts:queue_request", args=[request.pk])).status_code == 404
    assert client.get(reverse("accounts:evidence", args=[request.pk])).status_code == 404
    response = client.post(reverse("accounts:queue_request", args=[request.pk]), {"decision": "validate"})
    assert response.status_code == 404
    assert "Nina" not in client.get(reverse("accounts:queue")).content.decode()
    request.refresh_from_db()
    assert request.status == RequestStatus.OPEN


def test_services_refuse_an_officer_of_another_country(cast):
    request = cast.nina.validation_requests.get()
    with pytest.raises(DomainError):
        services.validate_member(cast.ana, request)
    with pytest.raises(DomainError):
        services.validate_member(cast.mette, request)
    cast.nina.refresh_from_db()
    assert cast.nina.status == MemberStatus.PENDING


def test_queue_shows_own_country_only_and_central_sees_all(client, cast):
    register("carmen@ies.es.example", "Carmen", "Ruiz", cast.cervantes)
    client.force_login(cast.jonas)
    page = client.get(reverse("accounts:queue")).content.decode()
    assert "Nina Holm" in page and "Carmen Ruiz" not in page
    client.force_login(cast.carla)
    page = client.get(reverse("accounts:queue")).content.decode()
    assert "Nina Holm" in page and "Carmen Ruiz" in page


def test_officer_without_mfa_is_sent_to_set_it_up_and_cannot_decide(client, cast):
    Authenticator.objects.filter(user=cast.jonas).delete()
    client.force_login(cast.jonas)
    response = client.get(reverse("accounts:queue"))
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")
    request = cast.nina.validation_requests.get()
    client.post(reverse("accounts:queue_request", args=[request.pk]), {"decision": "validate"})
    with pytest.raises(DomainError):
        services.validate_member(cast.jonas, request)
    request.refresh_from_db()
    assert request.status == RequestStatus.OPEN


def test_central_support_needs_mfa_for_the_admin(client, cast):
    client.force_login(cast.carla)
    assert client.get("/admin/").status_code == 200
    Authenticator.objects.filter(user=cast.carla).delete()
    assert client.get("/admin/").status_code == 302


def test_pending_member_cannot_reach_member_pages(client, cast):
    client.force_login(cast.nina)
    assert client.get(reverse("site:home")).url == reverse("accounts:status")
    assert client.get(reverse("accounts:queue")).status_code == 404


@pytest.mark.parametrize("selected", ["²", "١٢", "9" * 5000, "9" * 20])
def test_bulk_validation_of_ids_that_are_none_validates_nobody(client, cast, selected):
    """Found by the door fuzzer (issue 21): 20 digits raised OverflowError on SQLite, 5,000 digits ValueError."""
    client.raise_request_exception = False
    client.force_login(cast.jonas)
    response = client.post(reverse("accounts:queue_bulk"), {"selected": [selected]})
    assert response.status_code == 302
    cast.nina.refresh_from_db()
    assert cast.nina.status == MemberStatus.PENDING
