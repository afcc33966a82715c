"""One record per school (issue 12): the sign-up picker offers pending institutions too; an NSO merges
duplicates of its own country, and every row pointing at the duplicate moves to the kept one."""

from __future__ import annotations

import pytest

from comenius.accounts.models import ValidationRequest
from comenius.core.errors import DomainError
from comenius.core.models import AuditEvent, Country
from comenius.devdata.testing import client_for, make_institution, register
from comenius.institutions import access, services
from comenius.institutions.models import Institution, InstitutionStatus, Membership
from comenius.projects.models import Project

pytestmark = pytest.mark.django_db


def test_the_picker_offers_pending_institutions_but_not_rejected_ones(cast):
    denmark = Country.objects.get(pk="DK")
    pending = Institution.objects.create(name="Nyskolen", type="primary", city="Vejle", country=denmark)
    Institution.objects.create(
        name="Nyskolen Syd", type="primary", city="Vejle", country=denmark, status=InstitutionStatus.REJECTED
    )
    assert list(access.search_for_signup(denmark, "Nyskolen")) == [pending]
    page = client_for(None).get("/institutions/signup-search/", {"country": "DK", "institution_query": "Nyskolen"})
    assert "Nyskolen" in page.text and "waiting for validation" in page.text


def test_a_second_newcomer_joins_the_pending_school_instead_of_registering_it_again(cast):
    from comenius.accounts.forms import MemberSignupForm

    denmark = Country.objects.get(pk="DK")
    pending = Institution.objects.create(name="Nyskolen", type="primary", city="Vejle", country=denmark)
    form = MemberSignupForm(
        {
            "first_name": "Ida", "last_name": "Kro", "email": "ida@nyskolen.example",
            "password1": "a-long-pass-phrase-1", "password2": "a-long-pass-phrase-1",
            "country": "DK", "institution_query": "Nyskolen",
            "institution": str(pending.pk), "role": "teacher", "language": "da",
        }
    )  # fmt: skip
    form.is_valid()
    assert "institution_query" not in form.errors
    assert form.cleaned_data.get("institution_object") == pending


def _duplicate_of_vestbyskolen(cast):
    duplicate = make_institution(Country.objects.get(pk="DK"), "Vestby Skole", "primary", "Hjørring", "9800")
    newcomer = register("ida@vestby.example", "Ida", "Kro", duplicate)
    Membership.objects.create(user=cast.mette, institution=duplicate, role="teacher")  # Mette at both records
    return duplicate, newcomer


def test_an_nso_merges_a_duplicate_and_every_row_follows(cast):
    duplicate, newcomer = _duplicate_of_vestbyskolen(cast)
    kept = cast.vestbyskolen
    services.merge_institutions(cast.jonas, kept, duplicate, "same school")
    assert not Institution.objects.filter(pk=duplicate.pk).exists()
    assert Membership.objects.filter(user=cast.mette).count() == 1  # one membership, not two
    assert Membership.objects.get(user=newcomer).institution == kept
    assert ValidationRequest.objects.get(user=newcomer).institution == kept
    assert AuditEvent.objects.filter(action="institution.merged", reason__contains="Vestby Skole").exists()


def test_projects_keep_their_school_through_a_merge(cast):
    duplicate, _newcomer = _duplicate_of_vestbyskolen(cast)
    services.merge_institutions(cast.jonas, duplicate, cast.vestbyskolen)  # keep the new record this time
    assert Project.objects.get(pk=cast.project.pk).founder_institution_id == duplicate.pk


def test_nso_merge_is_limited_to_its_country(cast):
    duplicate, _newcomer = _duplicate_of_vestbyskolen(cast)
    with pytest.raises(DomainError):
        services.merge_institutions(cast.ana, cast.vestbyskolen, duplicate)
    with pytest.raises(DomainError):
        services.merge_institutions(cast.jonas, cast.vestbyskolen, cast.cervantes)  # two countries
    response = client_for(cast.ana).post(
        "/nso/institutions/merge/", {"kept": cast.vestbyskolen.pk, "duplicate": duplicate.pk}
    )
    assert response.status_code == 400
    assert Institution.objects.filter(pk=duplicate.pk).exists()
    response = client_for(cast.jonas).post(
        "/nso/institutions/merge/", {"kept": cast.vestbyskolen.pk, "duplicate": duplicate.pk}
    )
    assert response.status_code == 302
    assert not Institution.objects.filter(pk=duplicate.pk).exists()
    assert client_for(cast.jonas).get("/nso/institutions/merge/?q=Vestby").status_code == 200
