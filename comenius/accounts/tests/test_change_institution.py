"""Change of institution (issue 12): a member moves to another school through the sign-up's picker (pending
institutions too, or a new one), keeps their history, their projects keep the schools they were run with, and a
move to another country sends them to the new country's NSO for validation. Audited; the NSOs are told."""

from __future__ import annotations

from typing import Any

import pytest

from comenius.accounts import moving
from comenius.accounts.models import ValidationRequest
from comenius.core.errors import DomainError
from comenius.core.models import AuditEvent, Country
from comenius.devdata.testing import client_for, make_institution
from comenius.institutions.models import Institution, Membership
from comenius.notifications.models import Notification

pytestmark = pytest.mark.django_db

URL = "/account/institution/"


def _danish_school() -> Institution:
    return make_institution(Country.objects.get(code="DK"), "Nordbyskolen", "primary", "Frederikshavn", "9900")


def test_a_move_within_the_country_keeps_validation_history_and_projects(cast):
    school = _danish_school()
    response = client_for(cast.mette).post(
        URL, {"country": "DK", "institution_query": "Nordby", "institution": school.pk, "role": "head"}
    )
    assert response.status_code == 302
    cast.mette.refresh_from_db()
    assert cast.mette.is_validated_member and cast.mette.country_id == "DK"
    assert [m.institution for m in Membership.objects.filter(user=cast.mette)] == [school]
    former = Membership.all_objects.get(user=cast.mette, institution=cast.vestbyskolen)
    assert former.left_at is not None and former.role == "teacher"  # the old role stays with the old school
    cast.project.refresh_from_db()
    assert cast.project.founder_institution_id == cast.vestbyskolen.pk  # a project keeps its school
    entry = AuditEvent.objects.get(action="member.institution_changed", target_id=str(cast.mette.pk))
    assert "Vestbyskolen" in entry.reason and "Nordbyskolen" in entry.reason and entry.country_id == "DK"
    assert Notification.objects.filter(recipient=cast.jonas, type="accounts.member_moved").exists()
    assert not Notification.objects.filter(recipient=cast.ana, type="accounts.member_moved").exists()
    page = client_for(cast.mette).get(URL).content.decode()
    assert "Nordbyskolen" in page and "Vestbyskolen" in page  # now and before


def test_a_new_project_uses_the_new_institution(cast):
    from comenius.devdata.testing import project_data
    from comenius.projects import services as projects

    school = _danish_school()
    moving.change_institution(cast.mette, role="teacher", institution=school)
    draft = projects.create_draft(cast.mette, project_data("Stars over Skagen"), cast.lucia, "stars")
    assert draft.founder_institution_id == school.pk


def test_a_move_to_another_country_needs_the_new_nso(cast):
    spanish = make_institution(Country.objects.get(code="ES"), "CEIP Triana", "primary", "Sevilla", "41010")
    moving.change_institution(cast.mette, role="teacher", institution=spanish)
    cast.mette.refresh_from_db()
    assert cast.mette.country_id == "ES" and cast.mette.status == "pending"
    open_request = ValidationRequest.objects.get(user=cast.mette, status="open")
    assert open_request.country_id == "ES" and open_request.institution_id == spanish.pk
    countries = set(
        AuditEvent.objects.filter(action="member.institution_changed", target_id=str(cast.mette.pk)).values_list(
            "country_id", flat=True
        )
    )
    assert countries == {"DK", "ES"}  # both national teams see it in their log
    assert Notification.objects.filter(recipient=cast.ana, type="accounts.member_moved").exists()
    assert Notification.objects.filter(recipient=cast.jonas, type="accounts.member_moved").exists()
    cast.project.refresh_from_db()
    assert cast.project.founder_institution_id == cast.vestbyskolen.pk


def test_an_ambassador_who_leaves_the_country_leaves_the_appointment(cast):
    from comenius.ambassadors.models import LIVE_STATES, Appointment
    from comenius.ambassadors.tests.helpers import appoint

    appoint(cast.jonas, cast.mette, ["dk-nordjylland"])
    moving.change_institution(cast.mette, role="teacher", institution=_danish_school())
    assert Appointment.objects.filter(user=cast.mette, state__in=LIVE_STATES).exists()  # same country: stays
    spanish = make_institution(Country.objects.get(code="ES"), "CEIP Triana", "primary", "Sevilla", "41010")
    moving.change_institution(cast.mette, role="teacher", institution=spanish)
    assert not Appointment.objects.filter(user=cast.mette, state__in=LIVE_STATES).exists()


def test_the_picker_offers_pending_institutions_and_a_new_one_can_be_registered(cast):
    pending = Institution.objects.create(
        name="Skovbørnehaven", type="ecec", city="Hjørring", country_id="DK", status="pending"
    )
    client = client_for(cast.otto)
    page = client.post(URL, {"country": "DK", "institution_query": "Skovb", "search_only": "1"}).content.decode()
    assert f'value="{pending.pk}"' in page
    response = client.post(URL, {"country": "DK", "institution": pending.pk, "role": "pedagogue"})
    assert response.status_code == 302
    assert Membership.objects.get(user=cast.otto).institution_id == pending.pk
    response = client_for(cast.mette).post(
        URL,
        {
            "country": "DK",
            "new_institution_name": "Havneskolen",
            "new_institution_type": "primary",
            "new_institution_city": "Skagen",
            "role": "teacher",
        },
    )
    assert response.status_code == 302
    created = Membership.objects.select_related("institution").get(user=cast.mette).institution
    assert created.name == "Havneskolen" and created.status == "pending" and created.country_id == "DK"


def test_bad_input_changes_nothing(cast):
    before = _places(cast)
    client = client_for(cast.mette)
    response = client.post(URL, {"country": "DK", "institution": cast.vestbyskolen.pk, "role": "teacher"})
    assert response.status_code == 400  # already works there
    response = client.post(URL, {"country": "DK", "institution": cast.cervantes.pk, "role": "teacher"})
    assert response.status_code == 400  # not in the chosen country
    response = client.post(URL, {"country": "DK", "institution": _danish_school().pk, "role": "janitor"})
    assert response.status_code == 400
    with pytest.raises(DomainError):
        moving.change_institution(cast.jonas, role="teacher", institution=_danish_school())
    assert _places(cast) == before


def _places(cast: Any) -> list[tuple[int, object]]:
    return list(Membership.all_objects.filter(user=cast.mette).values_list("institution_id", "left_at"))


def test_coming_back_to_a_former_school_opens_its_row_again(cast):
    school = _danish_school()
    moving.change_institution(cast.mette, role="teacher", institution=school)
    moving.change_institution(cast.mette, role="head", institution=cast.vestbyskolen)
    back = Membership.objects.get(user=cast.mette)
    assert back.institution_id == cast.vestbyskolen.pk and back.role == "head"
    assert Membership.all_objects.filter(user=cast.mette).count() == 2


def test_the_export_lists_former_workplaces_and_deletion_forgets_them(cast):
    from comenius.accounts import access
    from comenius.accounts import services as accounts
    from comenius.core.lifecycle import Deletion

    moving.change_institution(cast.mette, role="teacher", institution=_danish_school())
    exported: Any = access.own_data(cast.mette).data["institutions"]
    assert len(exported) == 2 and any(row["left_at"] for row in exported)
    accounts.forget_member(cast.mette, Deletion("Former member"))
    assert not Membership.all_objects.filter(user=cast.mette).exists()
