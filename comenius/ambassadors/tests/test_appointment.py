"""Appointment by the NSO, acceptance by the member, renewal and the end of a term (by the NSO or by time)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from comenius.ambassadors import access, services
from comenius.ambassadors.models import Appointment, AppointmentState
from comenius.ambassadors.tests.helpers import appoint
from comenius.core.errors import DomainError
from comenius.core.models import AuditEvent
from comenius.devdata.testing import client_for

pytestmark = pytest.mark.django_db


def test_nso_appoints_a_validated_member_who_accepts(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        appointment = appoint(cast.jonas, cast.mette, ["dk-nordjylland"], accept=False)
    assert appointment.state == AppointmentState.OFFERED
    assert [m.to for m in mail.outbox] == [[cast.mette.email]]
    assert not access.public_appointments().exists()  # not public before the member accepts
    services.accept(cast.mette, appointment)
    assert list(access.public_appointments()) == [appointment]
    actions = set(AuditEvent.objects.filter(target_id=str(appointment.pk)).values_list("action", flat=True))
    assert {"ambassador.appoint", "ambassador.accept"} <= actions


def test_only_the_members_own_nso_appoints_and_only_validated_members(cast):
    with pytest.raises(DomainError):
        appoint(cast.ana, cast.mette, ["dk-nordjylland"])  # the Spanish NSO
    with pytest.raises(DomainError):
        appoint(cast.jonas, cast.nina, ["dk-nordjylland"])  # not validated
    with pytest.raises(DomainError):
        appoint(cast.jonas, cast.mette, ["es-an"])  # a region of another country
    with pytest.raises(DomainError):
        appoint(cast.jonas, cast.mette, [])  # Denmark has regions: choose one
    appoint(cast.carla, cast.mette, ["dk-nordjylland"])  # central support may
    with pytest.raises(DomainError, match="already has an appointment"):
        appoint(cast.jonas, cast.mette, ["dk-nordjylland"])


def test_only_the_appointed_member_accepts(cast):
    appointment = appoint(cast.jonas, cast.mette, ["dk-nordjylland"], accept=False)
    with pytest.raises(DomainError):
        services.accept(cast.otto, appointment)
    services.decline(cast.mette, appointment)
    with pytest.raises(DomainError):
        services.accept(cast.mette, appointment)


def test_renewal_extends_and_end_stops_at_once(cast):
    appointment = appoint(cast.jonas, cast.mette, ["dk-nordjylland"], days=30)
    later = appointment.ends_on + timedelta(days=365)
    with pytest.raises(DomainError):
        services.renew(cast.jonas, appointment, appointment.ends_on)
    services.renew(cast.jonas, appointment, later)
    appointment.refresh_from_db()
    assert appointment.ends_on == later
    services.end(cast.jonas, appointment, "moved abroad")
    appointment.refresh_from_db()
    assert appointment.state == AppointmentState.ENDED and appointment.end_reason == "moved abroad"
    assert not access.public_appointments().exists()
    assert AuditEvent.objects.filter(action="ambassador.end", reason="moved abroad").exists()


def test_a_term_ends_by_itself_when_its_date_passes(cast):
    appointment = appoint(cast.jonas, cast.mette, ["dk-nordjylland"], days=10)
    Appointment.objects.filter(pk=appointment.pk).update(
        ends_on=timezone.localdate() - timedelta(days=1), starts_on=timezone.localdate() - timedelta(days=100)
    )
    assert not access.public_appointments().exists()  # hidden before the task runs
    assert services.end_expired_terms() == 1
    appointment.refresh_from_db()
    assert appointment.state == AppointmentState.ENDED
    assert services.end_expired_terms() == 0


def test_the_nso_pages_appoint_and_stay_in_the_country(cast):
    response = client_for(cast.jonas).post(
        "/nso/ambassadors/",
        {
            "email": cast.mette.email,
            "kind": "ambassador",
            "ends_on": (timezone.localdate() + timedelta(days=200)).isoformat(),
            "regions": ["dk-nordjylland"],
            "languages": ["da"],
        },
    )
    assert response.status_code == 302
    appointment = Appointment.objects.get(user=cast.mette)
    assert client_for(cast.ana).get(f"/nso/ambassadors/{appointment.pk}/").status_code == 404
    assert client_for(cast.jonas).get(f"/nso/ambassadors/{appointment.pk}/").status_code == 200
    response = client_for(cast.ana).post(
        "/nso/ambassadors/", {"email": cast.mette.email, "kind": "ambassador", "ends_on": "2099-01-01"}
    )
    assert response.status_code == 400  # not a member of Ana's country
