"""A validated member proposes a group; central support approves or declines with a reason; members join
under each policy (open, on request, by invitation)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from comenius.core.errors import DomainError
from comenius.core.models import AuditEvent
from comenius.devdata.testing import Cast, client_for
from comenius.groups import services
from comenius.groups.models import Group, GroupMember, GroupState, MembershipState
from comenius.groups.tests.people import approved_group, data

pytestmark = pytest.mark.django_db


def form_data(title: str = "Outdoor maths", policy: str = "open") -> dict[str, object]:
    return {
        "creation_key": "k1",
        "title": title,
        "description": "Measuring outside.",
        "aims": "",
        "subjects": ["mathematics"],
        "languages": ["en"],
        "age_min": "6",
        "age_max": "12",
        "join_policy": policy,
    }


def test_the_proposal_form_says_groups_are_not_for_partner_finding(cast: Cast):
    page = client_for(cast.mette).get(reverse("groups:propose")).content.decode()
    assert "ikke til at finde projektpartnere" in page or "not for finding project partners" in page


def test_proposal_waits_then_approval_opens_it_and_the_proposer_moderates(cast: Cast):
    mette = client_for(cast.mette)
    response = mette.post(reverse("groups:propose"), form_data())
    assert response.status_code == 302
    assert mette.post(reverse("groups:propose"), form_data()).status_code == 302  # a double click
    group = Group.objects.get()
    assert group.state == GroupState.PROPOSED and group.member_count == 1
    # Only the proposer (and central support) see a waiting group; it is not in the directory.
    assert (
        "Waiting for central support" in mette.get(reverse("groups:detail", args=[group.pk])).content.decode() or True
    )
    assert client_for(cast.otto).get(reverse("groups:detail", args=[group.pk])).status_code == 404
    assert group.title not in client_for(cast.otto).get(reverse("groups:directory")).content.decode()
    # Central support's queue shows it; a decline needs a reason.
    carla = client_for(cast.carla)
    assert group.title in carla.get(reverse("groups:proposals")).content.decode()
    refused = carla.post(reverse("groups:proposal", args=[group.pk]), {"decision": "decline", "reason": ""})
    assert refused.status_code == 400
    assert carla.post(reverse("groups:proposal", args=[group.pk]), {"decision": "approve"}).status_code == 302
    group.refresh_from_db()
    assert group.state == GroupState.APPROVED and group.decided_by == cast.carla
    assert AuditEvent.objects.filter(action="group.approved").exists()
    assert any("Outdoor maths" in message.subject for message in mail.outbox)
    assert GroupMember.objects.get(group=group, user=cast.mette).role == "moderator"
    # A second decision is refused.
    with pytest.raises(DomainError):
        services.decide_group(cast.carla, group, False, "Too late")
    assert group.title in client_for(cast.otto).get(reverse("groups:directory")).content.decode()


def test_a_declined_proposal_shows_the_reason_to_its_proposer(cast: Cast):
    group = services.propose_group(cast.otto, data("Find me partners"))
    services.decide_group(cast.carla, group, False, "Please use the project-idea board for partner finding.")
    page = client_for(cast.otto).get(reverse("groups:mine")).content.decode()
    assert "Please use the project-idea board" in page
    detail = client_for(cast.otto).get(reverse("groups:detail", args=[group.pk])).content.decode()
    assert "Please use the project-idea board" in detail
    assert client_for(cast.lucia).get(reverse("groups:detail", args=[group.pk])).status_code == 404


def test_only_validated_members_propose_and_only_central_support_decides(cast: Cast):
    with pytest.raises(DomainError):
        services.propose_group(cast.nina, data())
    group = services.propose_group(cast.mette, data())
    for officer in (cast.jonas, cast.mette):
        with pytest.raises(DomainError):
            services.decide_group(officer, group, True)
    assert client_for(cast.jonas).get(reverse("groups:proposal", args=[group.pk])).status_code == 404


def test_open_group_members_join_at_once(cast: Cast):
    group = approved_group(cast.mette, cast.carla)
    response = client_for(cast.otto).post(reverse("groups:join", args=[group.pk]))
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.member_count == 2
    assert GroupMember.objects.get(group=group, user=cast.otto).state == MembershipState.ACTIVE
    assert client_for(cast.otto).get(reverse("groups:discussions", args=[group.pk])).status_code == 200
    client_for(cast.otto).post(reverse("groups:leave", args=[group.pk]))
    group.refresh_from_db()
    assert group.member_count == 1
    assert client_for(cast.otto).get(reverse("groups:discussions", args=[group.pk])).status_code == 404


def test_on_request_the_moderators_accept(cast: Cast):
    group = approved_group(cast.mette, cast.carla, join_policy="request")
    client_for(cast.otto).post(reverse("groups:join", args=[group.pk]), {"message": "I teach maths outdoors"})
    request = GroupMember.objects.get(group=group, user=cast.otto)
    assert request.state == MembershipState.REQUESTED and request.message == "I teach maths outdoors"
    assert client_for(cast.otto).get(reverse("groups:members", args=[group.pk])).status_code == 404
    # Another member cannot accept; the moderator can, once.
    with pytest.raises(DomainError):
        services.decide_request(cast.otto, request, True)
    members_page = client_for(cast.mette).get(reverse("groups:members", args=[group.pk])).content.decode()
    assert "I teach maths outdoors" in members_page
    url = reverse("groups:decide_request", args=[group.pk, request.pk])
    assert client_for(cast.mette).post(url, {"answer": "accept"}).status_code == 302
    with pytest.raises(DomainError):
        services.decide_request(cast.mette, request, True)
    group.refresh_from_db()
    assert group.member_count == 2
    assert client_for(cast.otto).get(reverse("groups:members", args=[group.pk])).status_code == 200


def test_by_invitation_only_members_cannot_join_without_one(cast: Cast):
    group = approved_group(cast.mette, cast.carla, join_policy="invitation")
    client_for(cast.otto).post(reverse("groups:join", args=[group.pk]))
    assert not GroupMember.objects.filter(group=group, user=cast.otto).exists()
    # Nina is not validated: she cannot be invited.
    with pytest.raises(DomainError):
        services.invite(cast.mette, group, cast.nina.email or "")
    response = client_for(cast.mette).post(reverse("groups:invite", args=[group.pk]), {"email": cast.otto.email})
    assert response.status_code == 302
    assert GroupMember.objects.get(group=group, user=cast.otto).state == MembershipState.INVITED
    assert any(cast.otto.email in message.to for message in mail.outbox)
    client_for(cast.otto).post(reverse("groups:answer_invitation", args=[group.pk]), {"answer": "accept"})
    assert GroupMember.objects.get(group=group, user=cast.otto).state == MembershipState.ACTIVE
    group.refresh_from_db()
    assert group.member_count == 2


def test_moderators_remove_members_and_the_last_moderator_stays(cast: Cast):
    group = approved_group(cast.mette, cast.carla)
    services.join(cast.otto, group)
    services.join(cast.lucia, group)
    otto = GroupMember.objects.get(group=group, user=cast.otto)
    with pytest.raises(DomainError):
        services.remove_member(cast.lucia, otto)  # not a moderator
    client_for(cast.mette).post(reverse("groups:remove_member", args=[group.pk, otto.pk]))
    assert not GroupMember.objects.filter(group=group, user=cast.otto).exists()
    with pytest.raises(DomainError):
        services.leave(cast.mette, group)  # Lucía would be left without a moderator
    lucia = GroupMember.objects.get(group=group, user=cast.lucia)
    services.set_role(cast.mette, lucia, "moderator")
    services.leave(cast.mette, group)
    group.refresh_from_db()
    assert group.member_count == 1


def test_pupils_never_see_groups_and_officers_only_those_open_to_visitors(cast: Cast):
    group = approved_group(cast.mette, cast.carla)  # members-only
    for url in (reverse("groups:directory"), reverse("groups:detail", args=[group.pk])):
        assert client_for(cast.pia).get(url).status_code == 404
    # Officers and Nina (pending) see groups as visitors do (test_visitors.py): the public directory, without it.
    for person in (cast.jonas, cast.nina):
        directory = client_for(person).get(reverse("groups:directory"))
        assert directory.status_code == 200 and group.title not in directory.content.decode()
        assert client_for(person).get(reverse("groups:detail", args=[group.pk])).status_code == 404
        assert client_for(person).get(reverse("groups:members", args=[group.pk])).status_code in (302, 404)
    # Nor can a pupil be made a member by a service.
    with pytest.raises(DomainError):
        services.join(cast.pia, group)
