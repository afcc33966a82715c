"""Every contact state transition, the valid ones and the refused ones, and blocking."""

from __future__ import annotations

import pytest
from django.urls import reverse

from comenius.core.errors import DomainError
from comenius.network import services
from comenius.network.access import are_contacts, contact_state
from comenius.network.models import ContactRequest, ContactState

pytestmark = pytest.mark.django_db


def test_request_accept_remove(cast):
    request = services.request_contact(cast.otto, cast.lucia, "Hola!")
    assert request.state == ContactState.PENDING
    services.accept_contact(cast.lucia, request)
    assert are_contacts(cast.otto, cast.lucia.pk) and are_contacts(cast.lucia, cast.otto.pk)
    services.remove_contact(cast.lucia, cast.otto.pk)
    assert not are_contacts(cast.otto, cast.lucia.pk)
    # After removal a new request is possible.
    services.request_contact(cast.otto, cast.lucia)


def test_decline_and_withdraw(cast):
    request = services.request_contact(cast.otto, cast.lucia)
    services.decline_contact(cast.lucia, request)
    assert contact_state(cast.otto, cast.lucia.pk) is None
    second = services.request_contact(cast.otto, cast.lucia)
    services.withdraw_contact(cast.otto, second)
    assert ContactRequest.objects.get(pk=second.pk).state == ContactState.WITHDRAWN


@pytest.mark.parametrize(
    "attempt",
    [
        "accept_twice",
        "accept_withdrawn",
        "decline_accepted",
        "sender_accepts_own",
        "recipient_withdraws",
        "outsider_accepts",
        "duplicate_request",
        "reverse_request",
        "to_self",
        "remove_non_contact",
    ],
)
def test_invalid_transitions_are_refused_and_change_nothing(cast, attempt):
    request = services.request_contact(cast.otto, cast.lucia)
    actions = {
        "accept_twice": lambda: (
            services.accept_contact(cast.lucia, request),
            services.accept_contact(cast.lucia, request),
        ),
        "accept_withdrawn": lambda: (
            services.withdraw_contact(cast.otto, request),
            services.accept_contact(cast.lucia, request),
        ),
        "decline_accepted": lambda: (
            services.accept_contact(cast.lucia, request),
            services.decline_contact(cast.lucia, request),
        ),
        "sender_accepts_own": lambda: services.accept_contact(cast.otto, request),
        "recipient_withdraws": lambda: services.withdraw_contact(cast.lucia, request),
        "outsider_accepts": lambda: services.accept_contact(cast.mette, request),
        "duplicate_request": lambda: services.request_contact(cast.otto, cast.lucia),
        "reverse_request": lambda: services.request_contact(cast.lucia, cast.otto),
        "to_self": lambda: services.request_contact(cast.otto, cast.otto),
        "remove_non_contact": lambda: services.remove_contact(cast.otto, cast.nina.pk),
    }
    before = sorted(ContactRequest.objects.values_list("pk", "state"))
    with pytest.raises(DomainError):
        actions[attempt]()
    after = sorted(ContactRequest.objects.values_list("pk", "state"))
    # The last attempt changed nothing (the first step of two-step attempts is allowed to have happened).
    if attempt in {"accept_twice", "accept_withdrawn", "decline_accepted"}:
        assert len(after) == len(before)
    else:
        assert after == before


def test_pending_member_cannot_be_asked(cast):
    with pytest.raises(DomainError):
        services.request_contact(cast.otto, cast.nina)


def test_block_ends_the_contact_and_stops_requests_and_messages(cast):
    assert are_contacts(cast.mette, cast.lucia.pk)
    services.block(cast.lucia, cast.mette)
    assert not are_contacts(cast.mette, cast.lucia.pk)
    with pytest.raises(DomainError):
        services.request_contact(cast.mette, cast.lucia)
    with pytest.raises(DomainError):
        services.send_message(cast.mette, cast.lucia, "Hello?")
    with pytest.raises(DomainError):
        services.request_contact(cast.lucia, cast.mette)  # the blocker cannot either, until unblocking
    services.unblock(cast.lucia, cast.mette.pk)
    services.request_contact(cast.mette, cast.lucia)


def test_contact_requests_are_rate_limited(cast, settings):
    from comenius.network.tests.helpers import member

    settings.CONTACT_REQUESTS_PER_DAY = 2
    others = [member("FR", officer=cast.carla) for _ in range(3)]
    services.request_contact(cast.otto, others[0])
    services.request_contact(cast.otto, others[1])
    with pytest.raises(DomainError, match="many contact requests"):
        services.request_contact(cast.otto, others[2])


def test_contact_flow_through_http(client, cast):
    client.force_login(cast.otto)
    client.post(reverse("network:request_contact", args=[cast.lucia.pk]), {"message": "Hi from Hjørring"})
    request = ContactRequest.objects.get(from_user=cast.otto, to_user=cast.lucia)
    client.force_login(cast.lucia)
    page = client.get(reverse("network:contacts")).content.decode()
    assert "Hi from Hjørring" in page
    # Someone else cannot answer it (404: not theirs).
    client.force_login(cast.mette)
    assert client.post(reverse("network:answer_contact", args=[request.pk, "accept"])).status_code == 404
    client.force_login(cast.lucia)
    client.post(reverse("network:answer_contact", args=[request.pk, "accept"]))
    assert are_contacts(cast.otto, cast.lucia.pk)
    response = client.post(reverse("network:answer_contact", args=[request.pk, "accept"]), follow=True)
    assert "no longer waiting" in response.content.decode()


@pytest.mark.parametrize("number", [str(2**63), str(2**64), "9" * 30])
def test_a_member_id_out_of_range_is_not_found(client, cast, number):
    """Found by the door fuzzer (issue 21): these pages looked the id up through a relation (`user_id=`),
    which crashed on SQLite with OverflowError; now they answer 404 like any unknown member."""
    client.raise_request_exception = False
    client.force_login(cast.mette)
    assert client.get(f"/people/{number}/").status_code == 404
    assert client.get(f"/report/member/{number}/").status_code == 404
    for action in ("remove", "block", "unblock"):
        assert client.post(f"/people/{number}/{action}/").status_code == 404
    assert ContactRequest.objects.filter(state=ContactState.ACCEPTED).count() == 1
