"""The admin goes through the services: members' roles, status, activity and validation are read-only in the
admin, and every change is an admin action that calls `accounts.services` (audit log, search listing, e-mail),
over real HTTP as central support (Carla, with her second factor) would use it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comenius.accounts import services
from comenius.accounts.models import MemberStatus, RequestStatus, Role, User, ValidationRequest
from comenius.core.errors import DomainError
from comenius.core.models import AuditEvent, Country
from comenius.devdata.testing import Cast, register
from comenius.network.models import Profile

pytestmark = pytest.mark.django_db

USERS = reverse("admin:accounts_user_changelist")
REQUESTS = reverse("admin:accounts_validationrequest_changelist")


def admin_client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def choose(client: Client, url: str, action: str, *objects: object, **data: object):
    """Pick objects on the change list and run an action (the first step of an action with a form)."""
    selected = [str(obj.pk) for obj in objects]  # type: ignore[attr-defined]
    return client.post(
        url, {"action": action, "index": "0", "select_across": "0", "_selected_action": selected, **data}
    )


def confirm(client: Client, url: str, action: str, *objects: object, **data: object):
    """The second step: the intermediate page's form, posted back with the same selection."""
    selected = [str(obj.pk) for obj in objects]  # type: ignore[attr-defined]
    return client.post(url, {"action": action, "_selected_action": selected, "confirmed": "yes", **data}, follow=True)


def audit(action: str, target: User) -> AuditEvent | None:
    return AuditEvent.objects.filter(action=action, target_type="accounts.user", target_id=str(target.pk)).first()


def listed(user: User) -> bool:
    return Profile.objects.get(user=user).listed


def test_suspending_and_reinstating_a_member_goes_through_the_service(cast: Cast):
    carla = admin_client(cast.carla)
    assert listed(cast.otto)
    page = choose(carla, USERS, "suspend_members", cast.otto)
    assert page.status_code == 200
    assert 'name="reason"' in page.content.decode() and 'name="days"' in page.content.decode()
    # Without a reason nothing happens: the form comes back with its error.
    page = confirm(carla, USERS, "suspend_members", cast.otto, days="7", reason="")
    assert 'name="reason"' in page.content.decode()
    cast.otto.refresh_from_db()
    assert cast.otto.is_active

    mail.outbox.clear()
    page = confirm(carla, USERS, "suspend_members", cast.otto, days="7", reason="Insults in several messages")
    assert "1 member suspended." in page.content.decode()
    cast.otto.refresh_from_db()
    assert not cast.otto.is_active
    assert cast.otto.suspended_until is not None and cast.otto.suspended_until > timezone.now() + timedelta(days=6)
    assert not listed(cast.otto)  # the profile's search columns were refreshed
    event = audit("member.suspended", cast.otto)
    assert event is not None and event.actor == cast.carla and event.reason == "Insults in several messages"
    [message] = mail.outbox
    assert message.to == [cast.otto.email] and "Insults in several messages" in message.body

    page = choose(carla, USERS, "reinstate_members", cast.otto)
    assert page.status_code == 302
    cast.otto.refresh_from_db()
    assert cast.otto.is_active and cast.otto.suspended_until is None
    assert listed(cast.otto)
    assert audit("member.reinstated", cast.otto) is not None


def test_banning_needs_a_reason_and_tells_the_member_in_their_language(cast: Cast):
    carla = admin_client(cast.carla)
    mail.outbox.clear()
    confirm(carla, USERS, "ban_members", cast.mette, reason="Grooming attempt")
    cast.mette.refresh_from_db()
    assert not cast.mette.is_active and cast.mette.suspended_until is None
    assert not listed(cast.mette)
    assert audit("member.banned", cast.mette) is not None
    [message] = mail.outbox
    assert "Din konto er lukket." in message.body  # Mette reads Danish
    # A suspension would shorten the ban: refused.
    page = confirm(carla, USERS, "suspend_members", cast.mette, days="3", reason="Shorter")
    assert "This member is already banned." in page.content.decode()
    cast.mette.refresh_from_db()
    assert cast.mette.suspended_until is None
    # An officer is not banned: the service refuses, the admin says why.
    page = confirm(carla, USERS, "ban_members", cast.jonas, reason="Test")
    assert "Only members can be suspended, banned or reinstated." in page.content.decode()
    cast.jonas.refresh_from_db()
    assert cast.jonas.is_active


def test_validating_and_rejecting_members_in_the_admin_goes_through_the_service(cast: Cast):
    carla = admin_client(cast.carla)
    mail.outbox.clear()
    assert choose(carla, USERS, "validate_members", cast.nina).status_code == 302
    cast.nina.refresh_from_db()
    assert cast.nina.status == MemberStatus.VALIDATED
    request = ValidationRequest.objects.get(user=cast.nina)
    assert (request.status, request.decided_by) == (RequestStatus.VALIDATED, cast.carla)
    assert audit("member.validated", cast.nina).actor == cast.carla  # type: ignore[union-attr]
    assert Profile.objects.filter(user=cast.nina).exists()
    assert [m.to for m in mail.outbox] == [[cast.nina.email]]
    # Validating again: there is nothing waiting, the admin says so and nothing changes.
    page = choose(carla, USERS, "validate_members", cast.nina)
    assert "There is no request waiting for validation." in carla.get(page.url).content.decode()

    karen = register("karen@vestbyskolen.dk.example", "Karen", "Nielsen", cast.vestbyskolen)
    open_request = karen.validation_requests.get()
    assert choose(carla, REQUESTS, "reject_requests", open_request).status_code == 200
    confirm(carla, REQUESTS, "reject_requests", open_request, reason="We could not confirm your school.")
    karen.refresh_from_db()
    open_request.refresh_from_db()
    assert karen.status == MemberStatus.REJECTED and open_request.reason == "We could not confirm your school."
    assert audit("member.rejected", karen) is not None


def test_role_status_and_activity_are_read_only_in_the_change_form(cast: Cast):
    carla = admin_client(cast.carla)
    url = reverse("admin:accounts_user_change", args=[cast.otto.pk])
    page = carla.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    for field in ("role", "status", "is_active", "is_staff", "is_superuser", "country", "email", "first_name"):
        assert f'name="{field}"' not in html
    assert "Validated" in html  # shown, as text
    data = {
        "email": cast.otto.email,
        "first_name": "Otto",
        "role": Role.CENTRAL,
        "status": MemberStatus.REJECTED,
        "is_staff": "on",
        "is_superuser": "on",
        "_save": "Save",
    }
    assert carla.post(url, data).status_code == 403
    cast.otto.refresh_from_db()
    assert (cast.otto.role, cast.otto.status, cast.otto.is_active, cast.otto.is_staff) == (
        Role.MEMBER,
        MemberStatus.VALIDATED,
        True,
        False,
    )
    # The decision fields of a validation request are read-only too.
    request = ValidationRequest.objects.get(user=cast.nina)
    request_url = reverse("admin:accounts_validationrequest_change", args=[request.pk])
    assert 'name="status"' not in carla.get(request_url).content.decode()
    assert carla.post(request_url, {"status": "validated", "reason": "x"}).status_code == 403
    request.refresh_from_db()
    assert request.status == RequestStatus.OPEN
    assert not AuditEvent.objects.filter(target_id=str(cast.otto.pk), action__startswith="account.").exists()


def test_members_cannot_be_deleted_from_the_admin(cast: Cast):
    carla = admin_client(cast.carla)
    page = carla.get(USERS).content.decode()
    assert "suspend_members" in page and "delete_selected" not in page
    assert carla.post(reverse("admin:accounts_user_delete", args=[cast.otto.pk]), {"post": "yes"}).status_code == 403
    choose(carla, USERS, "delete_selected", cast.otto, post="yes")
    request = ValidationRequest.objects.get(user=cast.nina)
    assert carla.post(reverse("admin:accounts_validationrequest_delete", args=[request.pk])).status_code == 403
    assert User.objects.filter(pk=cast.otto.pk, deleted_at__isnull=True).exists()
    assert ValidationRequest.objects.filter(pk=request.pk).exists()


def test_role_changes_go_through_the_service(cast: Cast):
    carla = admin_client(cast.carla)
    denmark = Country.objects.get(code="DK")
    assert choose(carla, USERS, "make_nso_officer", cast.otto).status_code == 200
    mail.outbox.clear()
    confirm(carla, USERS, "make_nso_officer", cast.otto, country="DK", reason="New regional officer")
    cast.otto.refresh_from_db()
    assert (cast.otto.role, cast.otto.country, cast.otto.is_staff) == (Role.NSO, denmark, False)
    assert not listed(cast.otto)  # officers are not in people search
    event = audit("account.role_changed", cast.otto)
    assert event is not None and event.actor == cast.carla and "New regional officer" in event.reason
    assert [m.to for m in mail.outbox] == [[cast.otto.email]]

    confirm(carla, USERS, "withdraw_officer_rights", cast.otto, reason="Back to teaching")
    cast.otto.refresh_from_db()
    assert cast.otto.role == Role.MEMBER and cast.otto.is_active and listed(cast.otto)

    confirm(carla, USERS, "make_central_support", cast.ana, reason="Joins central support")
    cast.ana.refresh_from_db()
    assert cast.ana.role == Role.CENTRAL and cast.ana.is_staff and cast.ana.is_superuser
    # An officer without a workplace who stops being an officer has nothing left: the account closes.
    confirm(carla, USERS, "withdraw_officer_rights", cast.ana, reason="Left the organisation")
    cast.ana.refresh_from_db()
    assert cast.ana.role == Role.MEMBER and not cast.ana.is_active and not cast.ana.is_staff
    # Nobody changes their own role.
    page = confirm(carla, USERS, "withdraw_officer_rights", cast.carla, reason="Oops")
    assert "You cannot change your own role." in page.content.decode()


def test_adding_a_user_appoints_an_officer_through_the_service(cast: Cast):
    carla = admin_client(cast.carla)
    data = {
        "email": "sofie@nso.dk.example",
        "first_name": "Sofie",
        "last_name": "Lund",
        "role": Role.NSO,
        "country": "",
        "password1": "a-Long-and-unusual-passphrase-42",
        "password2": "a-Long-and-unusual-passphrase-42",
    }
    page = carla.post(reverse("admin:accounts_user_add"), data)
    assert page.status_code == 200 and "An NSO officer belongs to one country." in page.content.decode()
    assert carla.post(reverse("admin:accounts_user_add"), {**data, "country": "DK"}).status_code == 302
    sofie = User.objects.get(email="sofie@nso.dk.example")
    assert (sofie.role, sofie.country_id, sofie.status, sofie.is_staff) == (Role.NSO, "DK", "validated", False)
    assert sofie.check_password("a-Long-and-unusual-passphrase-42")
    assert audit("account.officer_appointed", sofie).actor == cast.carla  # type: ignore[union-attr]


def test_an_unauthorised_actor_is_refused_by_the_service(cast: Cast):
    """Jonas is given the admin (staff, allowed to view people) but is no superuser and not central support:
    the actions reach the services, which refuse him — except what his NSO role allows."""
    User.objects.filter(pk=cast.jonas.pk).update(is_staff=True)
    cast.jonas.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_user", "add_user", "view_validationrequest"])
    )
    jonas = admin_client(cast.jonas)
    assert jonas.get(USERS).status_code == 200
    page = confirm(jonas, USERS, "make_central_support", cast.otto, reason="I want a helper")
    assert "Only central support can change roles." in page.content.decode()
    cast.otto.refresh_from_db()
    assert cast.otto.role == Role.MEMBER and not cast.otto.is_staff
    assert audit("account.role_changed", cast.otto) is None
    assert jonas.get(reverse("admin:accounts_user_add")).status_code == 403
    # A Spanish member is outside his country; the Danish one is his to decide.
    carmen = register("carmen@ies.es.example", "Carmen", "Ruiz", cast.cervantes)
    choose(jonas, REQUESTS, "validate_requests", carmen.validation_requests.get(), cast.nina.validation_requests.get())
    carmen.refresh_from_db()
    cast.nina.refresh_from_db()
    assert carmen.status == MemberStatus.PENDING and cast.nina.status == MemberStatus.VALIDATED
    page = confirm(jonas, USERS, "suspend_members", cast.lucia, days="3", reason="Spam")
    assert (
        "Only central support or the national team of the member&#x27;s country can do this." in page.content.decode()
    )
    cast.lucia.refresh_from_db()
    assert cast.lucia.is_active

    # The services themselves: a member, an NSO officer, central support without a second factor.
    with pytest.raises(DomainError):
        services.change_role(cast.otto, cast.mette, Role.CENTRAL, reason="x")
    with pytest.raises(DomainError):
        services.suspend_account(cast.ana, cast.mette, days=3, reason="x")
    Authenticator.objects.filter(user=cast.carla).delete()
    with pytest.raises(DomainError):
        services.change_role(cast.carla, cast.otto, Role.NSO, country=cast.otto.country, reason="x")
    with pytest.raises(DomainError):
        services.ban_account(cast.carla, cast.otto, reason="x")
    cast.otto.refresh_from_db()
    assert cast.otto.role == Role.MEMBER and cast.otto.is_active


def test_resetting_a_second_factor_goes_through_the_service(cast: Cast):
    carla = admin_client(cast.carla)
    mail.outbox.clear()
    page = confirm(carla, USERS, "reset_second_factor", cast.jonas, reason="Lost his phone (ticket 1234)")
    assert "1 second factor reset." in page.content.decode()
    assert not Authenticator.objects.filter(user=cast.jonas).exists()
    assert audit("account.second_factor_reset", cast.jonas).reason == "Lost his phone (ticket 1234)"  # type: ignore[union-attr]
    assert [m.to for m in mail.outbox] == [[cast.jonas.email]]
    # allauth's own admin pages show second factors and addresses, never change them.
    authenticator = Authenticator.objects.filter(user=cast.ana).first()
    assert authenticator is not None
    url = reverse("admin:mfa_authenticator_change", args=[authenticator.pk])
    page = carla.get(url)
    assert page.status_code == 200 and str(authenticator.data["secret"]) not in page.content.decode()
    assert (
        carla.post(reverse("admin:mfa_authenticator_delete", args=[authenticator.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert Authenticator.objects.filter(pk=authenticator.pk).exists()
