"""Institutions in the admin: read-only; validating or rejecting one is an admin action that calls
`institutions.services` (checks, lock, audit log), over real HTTP as central support would use it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from comenius.accounts import services as accounts
from comenius.accounts.models import User
from comenius.core.errors import DomainError
from comenius.core.models import AuditEvent, Country
from comenius.devdata.testing import Cast
from comenius.institutions import services
from comenius.institutions.models import Institution, InstitutionStatus, InstitutionType

pytestmark = pytest.mark.django_db

INSTITUTIONS = reverse("admin:institutions_institution_changelist")


def new_school(country: str, name: str, email: str) -> Institution:
    """A teacher signs up with an institution the platform does not know yet: it is created pending."""
    user = User(email=email)
    user.set_password("a-Long-and-unusual-passphrase-42")
    accounts.register_member(
        user,
        accounts.Registration(
            first_name="Karen",
            last_name="Nielsen",
            country=Country.objects.get(code=country),
            language="en",
            role="teacher",
            new_institution=accounts.NewInstitution(name=name, type=InstitutionType.PRIMARY, city="Aalborg"),
        ),
    )
    return Institution.objects.get(name=name)


def admin_client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def run_action(client: Client, action: str, *institutions: Institution, **data: str):
    selected = [str(institution.pk) for institution in institutions]
    return client.post(
        INSTITUTIONS, {"action": action, "index": "0", "_selected_action": selected, **data}, follow=True
    )


def confirm(client: Client, action: str, *institutions: Institution, **data: str):
    selected = [str(institution.pk) for institution in institutions]
    return client.post(INSTITUTIONS, {"action": action, "_selected_action": selected, "confirmed": "yes", **data})


def audit(action: str, institution: Institution) -> AuditEvent | None:
    return AuditEvent.objects.filter(
        action=action, target_type="institutions.institution", target_id=str(institution.pk)
    ).first()


def test_validating_an_institution_in_the_admin_writes_the_audit_log(cast: Cast):
    school = new_school("DK", "Nordskolen", "karen@nordskolen.dk.example")
    assert school.status == InstitutionStatus.PENDING
    page = run_action(admin_client(cast.carla), "validate_institutions", school)
    assert "1 institution validated." in page.content.decode()
    school.refresh_from_db()
    assert school.status == InstitutionStatus.VALIDATED
    event = audit("institution.validated", school)
    assert event is not None and event.actor == cast.carla and event.country_id == "DK"
    # Deciding it again is refused by the service and changes nothing.
    page = run_action(admin_client(cast.carla), "validate_institutions", school)
    assert "This institution has already been decided." in page.content.decode()
    assert AuditEvent.objects.filter(action="institution.validated", target_id=str(school.pk)).count() == 1


def test_rejecting_an_institution_asks_for_a_reason(cast: Cast):
    school = new_school("DK", "Skolen der ikke findes", "karen@ikke.dk.example")
    carla = admin_client(cast.carla)
    page = run_action(carla, "reject_institutions", school)
    assert page.status_code == 200 and 'name="reason"' in page.content.decode()
    assert confirm(carla, "reject_institutions", school, reason="").status_code == 200  # the form again
    school.refresh_from_db()
    assert school.status == InstitutionStatus.PENDING
    assert confirm(carla, "reject_institutions", school, reason="No such school in Aalborg").status_code == 302
    school.refresh_from_db()
    assert school.status == InstitutionStatus.REJECTED
    assert audit("institution.rejected", school).reason == "No such school in Aalborg"  # type: ignore[union-attr]


def test_status_is_read_only_and_nothing_is_deleted_in_the_admin(cast: Cast):
    school = new_school("DK", "Nordskolen", "karen@nordskolen.dk.example")
    carla = admin_client(cast.carla)
    url = reverse("admin:institutions_institution_change", args=[school.pk])
    page = carla.get(url)
    assert page.status_code == 200 and 'name="status"' not in page.content.decode()
    assert carla.post(url, {"name": school.name, "status": "validated", "_save": "Save"}).status_code == 403
    assert (
        carla.post(reverse("admin:institutions_institution_delete", args=[school.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert "delete_selected" not in carla.get(INSTITUTIONS).content.decode()
    school.refresh_from_db()
    assert school.status == InstitutionStatus.PENDING
    assert not AuditEvent.objects.filter(target_type="institutions.institution").exists()


def test_the_service_refuses_who_may_not_decide(cast: Cast):
    """Jonas (NSO officer for Denmark, given the admin but no superuser) decides Danish institutions only."""
    spanish = new_school("ES", "CEIP Nuevo", "karen@ceip.es.example")
    danish = new_school("DK", "Nordskolen", "karen@nordskolen.dk.example")
    User.objects.filter(pk=cast.jonas.pk).update(is_staff=True)
    cast.jonas.user_permissions.add(Permission.objects.get(codename="view_institution"))
    page = run_action(admin_client(cast.jonas), "validate_institutions", spanish, danish)
    assert "Only the national team of the institution&#x27;s country can decide on it." in page.content.decode()
    spanish.refresh_from_db()
    danish.refresh_from_db()
    assert (spanish.status, danish.status) == (InstitutionStatus.PENDING, InstitutionStatus.VALIDATED)
    assert audit("institution.validated", spanish) is None
    with pytest.raises(DomainError):
        services.validate_institution(cast.otto, spanish)  # a member
    with pytest.raises(DomainError):
        services.reject_institution(cast.carla, spanish, reason="")  # no reason
