"""A confirmed address on one of the country's trusted domains validates at once (known institutions only)."""

from __future__ import annotations

import pytest

from comenius.accounts.models import MemberStatus, RequestStatus
from comenius.core.models import Country
from comenius.devdata.testing import register
from comenius.institutions.models import Institution, InstitutionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def trusted_denmark(cast):
    denmark = Country.objects.get(code="DK")
    denmark.trusted_email_domains = "skole.hjoerring.dk.example\n@edu.dk.example\n"
    denmark.save()
    return denmark


def test_trusted_domain_validates_at_once(cast, trusted_denmark):
    member = register("sofie@skole.hjoerring.dk.example", "Sofie", "Lund", cast.vestbyskolen)
    member.refresh_from_db()
    assert member.status == MemberStatus.VALIDATED
    request = member.validation_requests.get()
    assert (request.status, request.method, request.decided_by) == (RequestStatus.VALIDATED, "trusted_domain", None)
    assert "skole.hjoerring.dk.example" in request.decided_by_label


def test_other_domains_wait_for_the_nso(cast, trusted_denmark):
    member = register("sofie@gmail.example", "Sofie", "Lund", cast.vestbyskolen)
    assert member.status == MemberStatus.PENDING


def test_lookalike_domain_is_not_trusted(cast, trusted_denmark):
    member = register("sofie@evil-skole.hjoerring.dk.example", "Sofie", "Lund", cast.vestbyskolen)
    assert member.status == MemberStatus.PENDING


def test_new_institution_still_goes_to_the_nso(cast, trusted_denmark):
    new = Institution.objects.create(
        name="Nyskolen", type="primary", city="Aalborg", country=trusted_denmark, status=InstitutionStatus.PENDING
    )
    member = register("sofie@edu.dk.example", "Sofie", "Lund", new)
    assert member.status == MemberStatus.PENDING


def test_trusted_domain_of_another_country_does_not_count(cast, trusted_denmark):
    member = register("pablo@edu.dk.example", "Pablo", "Ruiz", cast.cervantes)
    assert member.status == MemberStatus.PENDING
