"""Each refused action (DESIGN.md rule 6): the service raises DomainError, the view shows the message (or answers
404 where the object is outside the person's reach), and NOTHING changes in the database or the outbox."""

from __future__ import annotations

import pytest
from django.urls import reverse

from comenius.devdata.testing import founded_project, project_data
from comenius.network import services as network
from comenius.projects import services
from comenius.projects.models import MemberState, Project, ProjectApproval, ProjectMember, ProjectRole, ProjectState
from comenius.projects.tests.helpers import (
    approval,
    assert_shown,
    form_data,
    make_contacts,
    officer,
    refused,
    snapshot,
    teacher,
)

pytestmark = pytest.mark.django_db


def url(name: str, project: Project, *args: int) -> str:
    return reverse(f"projects:{name}", args=[project.pk, *args])


def waiting_for_approval(cast) -> Project:
    project = founded_project(cast.mette, cast.lucia, "Seasons")
    services.answer_invitation(cast.lucia, project, accept=True)
    return project


def review(approval_row: ProjectApproval) -> str:
    return reverse("projects:review", args=[approval_row.pk])


# --- NSO decisions ------------------------------------------------------------------------------------


def test_approving_twice_is_refused(client, cast):
    project = waiting_for_approval(cast)
    client.force_login(cast.jonas)
    assert client.post(review(approval(project, "DK")), {"decision": "approve"}).status_code == 302
    before = snapshot()
    response = client.post(review(approval(project, "DK")), {"decision": "approve"})
    assert response.status_code == 400
    assert_shown(response, cast.jonas, "This approval has already been decided.")
    assert snapshot() == before
    # Rejecting what was approved is just as final.
    response = client.post(review(approval(project, "DK")), {"decision": "reject", "reason": "Changed my mind."})
    assert response.status_code == 400 and snapshot() == before


def test_approving_a_project_that_is_not_waiting_is_refused(client, cast):
    client.force_login(cast.jonas)
    # An active project: its approval is decided.
    before = snapshot()
    response = client.post(review(approval(cast.project, "DK")), {"decision": "approve"})
    assert response.status_code == 400 and snapshot() == before
    assert_shown(response, cast.jonas, "This approval has already been decided.")

    # A project Spain returned: Denmark's approval of that round is no longer needed.
    project = waiting_for_approval(cast)
    services.reject(cast.ana, approval(project, "ES"), "Add the dates.")
    before = snapshot()
    response = client.post(review(approval(project, "DK")), {"decision": "approve"})
    assert response.status_code == 400 and snapshot() == before
    with refused("This approval has already been decided."):
        services.approve(cast.jonas, approval(project, "DK"))

    # A draft never sent to the NSO. No service makes a pending approval for it, so the row is forged here to
    # prove the guard in `_decide` does not rely on that.
    draft = services.create_draft(cast.mette, project_data("Draft"), cast.lucia, "draft")
    forged = ProjectApproval.objects.create(project=draft, country_id="DK", round=0)
    before = snapshot()
    response = client.post(review(forged), {"decision": "approve"})
    assert response.status_code == 400 and snapshot() == before
    assert_shown(response, cast.jonas, "This project is not waiting for approval.")


def test_an_officer_of_another_country_can_neither_open_nor_decide(client, cast):
    project = waiting_for_approval(cast)
    danish = approval(project, "DK")
    france = officer("FR", "Camille")
    before = snapshot()
    for outsider in (france, cast.ana):
        client.force_login(outsider)
        assert client.get(review(danish)).status_code == 404
        assert client.post(review(danish), {"decision": "approve"}).status_code == 404
        with refused("Only the national support organisation of a founder's country can decide on this project."):
            services.approve(outsider, danish)
    # Members never reach the queue.
    client.force_login(cast.mette)
    assert client.get(review(danish)).status_code == 404
    assert client.get(reverse("projects:approvals")).status_code == 404
    with refused("Only the national support organisation of a founder's country can decide on this project."):
        services.approve(cast.mette, danish)
    assert snapshot() == before


# --- the co-founder -----------------------------------------------------------------------------------


def test_accepting_after_withdrawal_is_refused(client, cast):
    project = founded_project(cast.mette, cast.lucia, "Seasons")
    services.withdraw_cofounder(cast.mette, project)
    before = snapshot()
    client.force_login(cast.lucia)
    # The draft is the founder's again: out of Lucía's reach.
    assert client.post(url("answer", project), {"answer": "accept"}).status_code == 404
    with refused("There is no invitation waiting for your answer (it may have been withdrawn)."):
        services.answer_invitation(cast.lucia, project, accept=True)
    assert snapshot() == before


def test_accepting_twice_is_refused(client, cast):
    project = founded_project(cast.mette, cast.lucia, "Seasons")
    client.force_login(cast.lucia)
    client.post(url("answer", project), {"answer": "accept"})
    before = snapshot()
    response = client.post(url("answer", project), {"answer": "accept"})
    assert_shown(response, cast.lucia, "There is no invitation waiting for your answer (it may have been withdrawn).")
    assert snapshot() == before
    assert ProjectApproval.objects.filter(project=project).count() == 2


def test_a_cofounder_who_is_not_a_contact_is_refused(client, cast):
    client.force_login(cast.mette)
    before = snapshot()
    # The form only offers contacts.
    response = client.post(reverse("projects:new"), form_data("Seasons", cofounder=cast.otto))
    assert response.status_code == 400 and "cofounder" in response.context["form"].errors
    with refused("The co-founder must be one of your contacts."):
        services.create_draft(cast.mette, project_data("Seasons"), cast.otto, "key")
    assert snapshot() == before

    # A contact when named, no longer one when the draft is sent.
    project = services.create_draft(cast.mette, project_data("Seasons"), cast.lucia, "key")
    network.remove_contact(cast.mette, cast.lucia.pk)
    before = snapshot()
    response = client.post(url("submit", project))
    assert_shown(response, cast.mette, "The co-founder must be one of your contacts.")
    assert snapshot() == before


def test_a_cofounder_from_the_same_institution_is_refused(client, cast):
    make_contacts(cast.mette, cast.otto)  # both teach at Vestbyskolen
    client.force_login(cast.mette)
    before = snapshot()
    response = client.post(reverse("projects:new"), form_data("Seasons", cofounder=cast.otto))
    assert response.status_code == 400
    assert_shown(response, cast.mette, "A project needs two founders from two different institutions.")
    with refused("A project needs two founders from two different institutions."):
        services.create_draft(cast.mette, project_data("Seasons"), cast.otto, "key")
    assert snapshot() == before


def test_changing_the_cofounder_after_acceptance_is_refused(client, cast):
    karen = teacher("DK", cast.jonas, "Karen", contact_of=cast.mette)
    project = waiting_for_approval(cast)
    services.reject(cast.ana, approval(project, "ES"), "Add the dates.")  # a draft again, Lucía still co-founder
    before = snapshot()
    with refused("The co-founder has already accepted and cannot be replaced."):
        services.change_cofounder(cast.mette, project, karen)
    with refused("The co-founder has already accepted and cannot be replaced."):
        services.update_project(cast.mette, project, project_data("Seasons"), karen)
    client.force_login(cast.mette)
    # The edit form has no co-founder field any more; a posted one is ignored.
    data = form_data("Seasons", key=project.creation_key, cofounder=karen)
    assert client.post(url("edit", project), data).status_code == 302
    project.refresh_from_db()
    assert project.cofounder == cast.lucia
    assert snapshot()["members"] == before["members"]


@pytest.mark.parametrize(
    ("who", "action", "message"),
    [
        ("lucia", "submit", "Only the founder can send the project on."),
        ("lucia", "withdraw", "Only the founder can withdraw the invitation."),
        ("lucia", "discard", "Only the founder can discard this draft."),
        ("mette", "submit", "This project has already been sent on."),
    ],
)
def test_only_the_founder_moves_the_draft_on(client, cast, who, action, message):
    project = founded_project(cast.mette, cast.lucia, "Seasons")  # Lucía is invited and may read it
    user = getattr(cast, who)
    client.force_login(user)
    before = snapshot()
    response = client.post(url(action, project))
    assert response.status_code == 302
    assert_shown(response, user, message)
    assert snapshot() == before


def test_a_bogus_answer_is_refused(client, cast):
    project = founded_project(cast.mette, cast.lucia, "Seasons")
    client.force_login(cast.lucia)
    before = snapshot()
    for data in ({"answer": "maybe"}, {"answer": ""}, {}):
        response = client.post(url("answer", project), data)
        assert response.status_code == 302
        assert_shown(response, cast.lucia, "Please accept or decline.")
    assert snapshot() == before


def test_answering_without_an_invitation_is_refused(client, cast):
    client.force_login(cast.otto)  # the active project is visible to every member
    before = snapshot()
    response = client.post(url("answer", cast.project), {"answer": "accept"})
    assert_shown(response, cast.otto, "There is no invitation waiting for your answer (it may have been withdrawn).")
    assert snapshot() == before


# --- partners, closing --------------------------------------------------------------------------------


def test_inviting_a_non_contact_is_refused(client, cast):
    client.force_login(cast.mette)
    before = snapshot()
    response = client.post(url("invite", cast.project), {"invitee": cast.otto.pk, "role": ProjectRole.TEACHER})
    assert response.status_code == 400 and "invitee" in response.context["form"].errors
    with refused("You can only invite your contacts."):
        services.invite_member(cast.mette, cast.project, cast.otto, ProjectRole.TEACHER)
    assert snapshot() == before


def test_inviting_someone_already_in_the_project_is_refused(cast):
    before = snapshot()
    with refused("Lucía García is already in the project or invited."):
        services.invite_member(cast.mette, cast.project, cast.lucia, ProjectRole.TEACHER)
    with refused("Choose a role."):
        services.invite_member(cast.mette, cast.project, cast.lucia, "captain")
    assert snapshot() == before


def test_accepting_a_partner_invitation_of_a_closed_project_is_refused(client, cast):
    make_contacts(cast.otto, cast.mette)
    services.invite_member(cast.mette, cast.project, cast.otto, ProjectRole.TEACHER)
    services.close_project(cast.mette, cast.project)
    client.force_login(cast.otto)
    before = snapshot()
    response = client.post(url("answer", cast.project), {"answer": "accept"})
    # Closing took the invitation back, so there is nothing left to accept.
    assert_shown(response, cast.otto, "There is no invitation waiting for your answer (it may have been withdrawn).")
    assert snapshot() == before
    assert ProjectMember.objects.get(project=cast.project, user=cast.otto).state == MemberState.WITHDRAWN


def test_removing_a_founder_is_refused(client, cast):
    lucia_row = ProjectMember.objects.get(project=cast.project, user=cast.lucia)
    client.force_login(cast.mette)
    before = snapshot()
    response = client.post(url("member_remove", cast.project, lucia_row.pk))
    assert_shown(response, cast.mette, "The founders always stay teacher administrators of their project.")
    response = client.post(url("member_role", cast.project, lucia_row.pk), {"role": ProjectRole.OBSERVER})
    assert_shown(response, cast.mette, "The founders always stay teacher administrators of their project.")
    assert snapshot() == before


def test_a_founder_cannot_leave(client, cast):
    client.force_login(cast.lucia)
    before = snapshot()
    response = client.post(url("leave", cast.project))
    assert response.status_code == 302 and response.url == url("detail", cast.project)
    assert_shown(response, cast.lucia, "Founders cannot leave their project. Close it instead.")
    assert snapshot() == before


def test_closing_a_project_that_is_not_active_is_refused(client, cast):
    draft = services.create_draft(cast.mette, project_data("Draft"), cast.lucia, "draft")
    waiting = waiting_for_approval(cast)
    client.force_login(cast.mette)
    before = snapshot()
    for project in (draft, waiting):
        response = client.post(url("close", project))
        assert_shown(response, cast.mette, "Only an active project can be closed.")
    assert snapshot() == before


def test_reopening_twice_is_refused(client, cast):
    services.close_project(cast.mette, cast.project)
    services.reopen_project(cast.mette, cast.project)
    services.close_project(cast.mette, cast.project)
    client.force_login(cast.lucia)
    before = snapshot()
    response = client.post(url("reopen", cast.project))
    assert_shown(response, cast.lucia, "This project has already been reopened once; it cannot be reopened again.")
    assert snapshot() == before
    assert Project.objects.get(pk=cast.project.pk).state == ProjectState.CLOSED


def test_reopening_or_archiving_an_active_project_is_refused(client, cast):
    client.force_login(cast.lucia)
    before = snapshot()
    assert_shown(client.post(url("reopen", cast.project)), cast.lucia, "Only a closed project can be reopened.")
    assert_shown(client.post(url("archive", cast.project)), cast.lucia, "Only a closed project can be archived.")
    assert snapshot() == before


def test_partners_cannot_manage_the_project(client, cast):
    make_contacts(cast.otto, cast.mette)
    member = services.invite_member(cast.mette, cast.project, cast.otto, ProjectRole.TEACHER)
    services.answer_invitation(cast.otto, cast.project, accept=True)
    client.force_login(cast.otto)
    before = snapshot()
    lucia_row = ProjectMember.objects.get(project=cast.project, user=cast.lucia)
    assert client.get(url("invite", cast.project)).status_code == 404
    assert client.get(url("edit", cast.project)).status_code == 404
    assert client.post(url("member_remove", cast.project, lucia_row.pk)).status_code == 404
    assert_shown(client.post(url("close", cast.project)), cast.otto, "Only the project's administrators can close it.")
    with refused("Only the project's administrators can change it."):
        services.update_project(cast.otto, cast.project, project_data("Mine now"))
    with refused("Only the project's administrators can manage partners."):
        services.change_role(cast.otto, member, ProjectRole.TEACHER_ADMIN)
    assert snapshot() == before
