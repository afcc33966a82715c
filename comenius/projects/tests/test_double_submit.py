"""Double clicks and two people acting at once: the same form posted twice makes one project; the second of two
decisions on one approval (the row is locked and re-read) is refused."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from comenius.core.models import AuditEvent
from comenius.devdata.testing import founded_project
from comenius.projects import services
from comenius.projects.models import (
    ApprovalState,
    EventKind,
    MemberState,
    Project,
    ProjectApproval,
    ProjectEvent,
    ProjectMember,
    ProjectState,
)
from comenius.projects.tests.helpers import approval, assert_shown, form_data, refused, snapshot

pytestmark = pytest.mark.django_db


def test_the_same_creation_key_posted_twice_makes_one_project(client, cast):
    client.force_login(cast.mette)
    data = form_data("Seasons", cofounder=cast.lucia)
    first = client.post(reverse("projects:new"), data)
    second = client.post(reverse("projects:new"), data)
    (project,) = Project.objects.filter(founder=cast.mette, title="Seasons")
    assert first.url == second.url == reverse("projects:detail", args=[project.pk])
    assert ProjectMember.objects.filter(project=project).count() == 1
    assert ProjectEvent.objects.filter(project=project, kind=EventKind.CREATED).count() == 1
    # A new form (a new key) is a new project.
    client.post(reverse("projects:new"), form_data("Seasons", cofounder=cast.lucia))
    assert Project.objects.filter(founder=cast.mette, title="Seasons").count() == 2


def test_a_double_click_on_save_and_send_invites_once(client, cast):
    client.force_login(cast.mette)
    data = {**form_data("Seasons", cofounder=cast.lucia), "send": "1"}
    client.post(reverse("projects:new"), data)
    before = snapshot()
    second = client.post(reverse("projects:new"), data)
    (project,) = Project.objects.filter(founder=cast.mette, title="Seasons")
    assert second.url == reverse("projects:detail", args=[project.pk])
    assert_shown(second, cast.mette, "This project has already been sent on.")
    assert snapshot() == before
    assert project.state == ProjectState.AWAITING_COFOUNDER
    assert ProjectMember.objects.filter(project=project, user=cast.lucia, state=MemberState.INVITED).count() == 1
    assert [message.to for message in mail.outbox] == [[cast.lucia.email]]


def test_the_cofounder_accepting_twice_opens_one_round(client, cast):
    project = founded_project(cast.mette, cast.lucia, "Seasons")
    client.force_login(cast.lucia)
    client.post(reverse("projects:answer", args=[project.pk]), {"answer": "accept"})
    client.post(reverse("projects:answer", args=[project.pk]), {"answer": "accept"})
    project.refresh_from_db()
    assert project.approval_round == 1 and ProjectApproval.objects.filter(project=project).count() == 2


def test_two_approvals_of_the_same_row_the_second_is_refused(cast):
    project = founded_project(cast.mette, cast.lucia, "Seasons")
    services.answer_invitation(cast.lucia, project, accept=True)
    # Both officers' pages loaded the row while it was pending.
    seen_by_jonas = approval(project, "DK")
    seen_by_carla = approval(project, "DK")
    services.approve(cast.jonas, seen_by_jonas)
    before = snapshot()
    with refused("This approval has already been decided."):
        services.approve(cast.carla, seen_by_carla)
    with refused("This approval has already been decided."):
        services.reject(cast.carla, seen_by_carla, "Too late.")
    assert snapshot() == before
    row = approval(project, "DK")
    assert row.state == ApprovalState.APPROVED and row.decided_by == cast.jonas
    assert AuditEvent.objects.filter(action="project.approved", target_id=str(project.pk)).count() == 1


def test_approve_and_reject_at_once_the_second_is_refused(cast):
    project = founded_project(cast.mette, cast.lucia, "Seasons")
    services.answer_invitation(cast.lucia, project, accept=True)
    danish, spanish = approval(project, "DK"), approval(project, "ES")
    services.reject(cast.ana, spanish, "Add the dates.")
    before = snapshot()
    # Jonas's page still showed the round as open; his approval arrives after Ana's return.
    with refused("This approval has already been decided."):
        services.approve(cast.jonas, danish)
    assert snapshot() == before
    assert Project.objects.get(pk=project.pk).state == ProjectState.DRAFT


def test_two_last_approvals_open_one_space(cast):
    from comenius.spaces.models import Space

    project = founded_project(cast.mette, cast.lucia, "Seasons")
    services.answer_invitation(cast.lucia, project, accept=True)
    services.approve(cast.jonas, approval(project, "DK"))
    services.approve(cast.ana, approval(project, "ES"))
    with refused("This approval has already been decided."):
        services.approve(cast.carla, approval(project, "ES"))
    assert Space.objects.filter(project=project).count() == 1
    assert ProjectEvent.objects.filter(project=project, kind=EventKind.ACTIVATED).count() == 1
