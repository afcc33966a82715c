"""The journey through the HTTP layer: sign up, confirm, wait, be validated (or not)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from comenius.accounts.models import MemberStatus, RequestStatus, User
from comenius.accounts.tests.helpers import confirm_email, signup_data
from comenius.core.models import AuditEvent
from comenius.institutions.models import Institution, InstitutionStatus

pytestmark = pytest.mark.django_db


def sign_up_and_confirm(client, data) -> User:
    response = client.post(reverse("account_signup"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    confirm_email(client, data["email"])
    return User.objects.get(email=data["email"])


def test_member_signs_up_waits_and_is_validated(client, cast):
    user = sign_up_and_confirm(client, signup_data(cast.vestbyskolen))
    assert user.status == MemberStatus.PENDING
    assert user.memberships.get().institution == cast.vestbyskolen
    request = user.validation_requests.get()
    assert request.status == RequestStatus.OPEN

    # Pending: the home page sends them to what they are waiting for; it names their NSO.
    client.force_login(user)
    assert client.get(reverse("site:home")).url == reverse("accounts:status")
    page = client.get(reverse("accounts:status")).content.decode()
    assert "Your national team has just received your request." in page  # not "for 0 minutes" (issue 11)

    # The Danish NSO officer sees the request and validates it.
    officer = cast.jonas
    client.force_login(officer)
    queue = client.get(reverse("accounts:queue")).content.decode()
    assert "Karen Nielsen" in queue
    assert client.get(reverse("accounts:queue_request", args=[request.pk])).status_code == 200
    mail.outbox.clear()
    response = client.post(reverse("accounts:queue_request", args=[request.pk]), {"decision": "validate"})
    assert response.status_code == 302

    user.refresh_from_db()
    assert user.status == MemberStatus.VALIDATED
    request.refresh_from_db()
    assert (request.decided_by, request.method) == (officer, "nso_review")
    assert AuditEvent.objects.filter(action="member.validated", target_id=str(user.pk), actor=officer).exists()
    assert [m.to for m in mail.outbox] == [[user.email]]

    client.force_login(user)
    assert client.get(reverse("site:home")).status_code == 200
    # The decision is visible to the member: who and when.
    assert officer.get_full_name() in client.get(reverse("accounts:status")).content.decode()


def test_rejection_needs_a_reason_which_reaches_the_member_in_their_language(client, cast):
    client.cookies["comenius_language"] = "da"
    user = sign_up_and_confirm(client, signup_data(cast.vestbyskolen))
    assert user.language == "da"
    request = user.validation_requests.get()
    client.force_login(cast.jonas)
    url = reverse("accounts:queue_request", args=[request.pk])

    response = client.post(url, {"decision": "reject", "reason": "  "})
    assert response.status_code == 400
    request.refresh_from_db()
    assert request.status == RequestStatus.OPEN

    mail.outbox.clear()
    client.post(url, {"decision": "reject", "reason": "Vi kan ikke finde dig på skolens personaleliste."})
    user.refresh_from_db()
    assert user.status == MemberStatus.REJECTED
    (message,) = mail.outbox
    assert "personaleliste" in message.body
    assert "Kære Karen" in message.body  # Danish, whatever language the officer's page was in

    # The member sees the reason and may ask again; a rejected member still has no access.
    client.force_login(user)
    assert "personaleliste" in client.get(reverse("accounts:status")).content.decode()
    assert client.get(reverse("site:home")).status_code == 302
    client.post(reverse("accounts:ask_again"))
    user.refresh_from_db()
    assert user.status == MemberStatus.PENDING
    assert user.validation_requests.filter(status=RequestStatus.OPEN).count() == 1


def test_new_institution_is_validated_with_its_first_member(client, cast):
    data = signup_data(
        None,
        email="bo@nyskole.dk.example",
        institution_query="Nyskolen",
        new_institution_name="Nyskolen i Skagen",
        new_institution_type="lower_secondary",
        new_institution_city="Skagen",
        new_institution_postcode="9990",
    )
    user = sign_up_and_confirm(client, data)
    institution = Institution.objects.get(name="Nyskolen i Skagen")
    assert institution.status == InstitutionStatus.PENDING
    request = user.validation_requests.get()
    assert request.institution_is_new

    client.force_login(cast.jonas)
    client.post(reverse("accounts:queue_request", args=[request.pk]), {"decision": "validate"})
    institution.refresh_from_db()
    assert institution.status == InstitutionStatus.VALIDATED
    assert AuditEvent.objects.filter(action="institution.validated").exists()


def test_bulk_validation_skips_new_institutions_and_other_countries(client, cast):
    from comenius.devdata.testing import register

    first = register("a@vestbyskolen.dk.example", "Anne", "Lind", cast.vestbyskolen)
    second = register("b@vestbyskolen.dk.example", "Bent", "Lind", cast.vestbyskolen)
    spanish = register("c@ies.es.example", "Carmen", "Ruiz", cast.cervantes)
    ids = [u.validation_requests.get().pk for u in (first, second, spanish, cast.nina)]
    client.force_login(cast.jonas)
    client.post(reverse("accounts:queue_bulk"), {"selected": [str(i) for i in ids]})
    statuses = {u.email: User.objects.get(pk=u.pk).status for u in (first, second, spanish, cast.nina)}
    assert statuses == {
        first.email: "validated",
        second.email: "validated",
        spanish.email: "pending",  # not Jonas's country
        cast.nina.email: "validated",
    }


def test_a_request_cannot_be_decided_twice(client, cast):
    request = cast.nina.validation_requests.get()
    client.force_login(cast.jonas)
    url = reverse("accounts:queue_request", args=[request.pk])
    client.post(url, {"decision": "validate"})
    response = client.post(url, {"decision": "reject", "reason": "too late"})
    assert response.status_code == 400
    assert "already been decided" in response.content.decode()
    cast.nina.refresh_from_db()
    assert cast.nina.status == MemberStatus.VALIDATED


@pytest.mark.parametrize("institution", ["²", "١٢", "9" * 5000, "9" * 20])
def test_signup_with_an_institution_that_is_no_id_is_refused_with_the_form(client, cast, institution):
    """Found by the door fuzzer (issue 21): `institution=²` once gave a server error on the sign-up page."""
    client.raise_request_exception = False
    before = User.objects.count()
    response = client.post(reverse("account_signup"), signup_data(institution=institution))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert User.objects.count() == before
