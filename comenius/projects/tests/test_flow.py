"""The whole way of a project through the HTTP layer (issue #4): a draft with only a title, finished later, sent
to the co-founder, accepted, approved by the NSO of each founder's country, active with its space open. And
the ways back: a declined invitation, a withdrawn or changed co-founder, a project the NSO returns."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from comenius.core.models import AuditEvent
from comenius.devdata.testing import founded_project, project_data
from comenius.projects import services
from comenius.projects.models import (
    ApprovalState,
    EventKind,
    MemberState,
    Project,
    ProjectApproval,
    ProjectEvent,
    ProjectKind,
    ProjectMember,
    ProjectState,
)
from comenius.projects.tests.helpers import (
    approval,
    assert_shown,
    flash,
    form_data,
    in_language,
    snapshot,
    teacher,
)
from comenius.spaces.models import Space

pytestmark = pytest.mark.django_db


def detail_url(project: Project) -> str:
    return reverse("projects:detail", args=[project.pk])


def steps_of(client, project: Project) -> list:
    response = client.get(detail_url(project))
    assert response.status_code == 200
    return response.context["steps"]


def mails_to(user) -> list:
    return [message for message in mail.outbox if message.to == [user.email]]


def test_european_project_from_a_title_to_an_open_space(client, cast):
    lucia, mette, jonas, ana = cast.lucia, cast.mette, cast.jonas, cast.ana
    client.force_login(lucia)

    # A draft with only a title.
    key = client.get(reverse("projects:new")).context["form"].initial["creation_key"]
    response = client.post(reverse("projects:new"), {"creation_key": key, "title": "Bridges of Europe"})
    project = Project.objects.get(founder=lucia, title="Bridges of Europe")
    assert response.status_code == 302 and response.url == detail_url(project)
    assert project.state == ProjectState.DRAFT and project.summary == "" and project.cofounder is None
    assert list(project.members.values_list("user_id", "state", "is_founder")) == [(lucia.pk, MemberState.ACTIVE, True)]
    page = client.get(detail_url(project))
    assert "summary" in page.context["missing"] and "co-founder" in page.context["missing"]

    # "Send" while incomplete: refused, the message names what is missing, nothing changes.
    before = snapshot()
    response = client.post(reverse("projects:submit", args=[project.pk]))
    assert response.status_code == 302
    (message,) = flash(response)
    for missing in ("summary", "description", "working languages", "aims", "starts", "co-founder"):
        assert missing in message
    assert "tools" not in message  # optional
    assert snapshot() == before

    # Finished later, naming Mette (a contact, in Denmark) as co-founder.
    response = client.post(
        reverse("projects:edit", args=[project.pk]), form_data("Bridges of Europe", key=key, cofounder=mette)
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.summary == project_data("x").summary and project.subjects == ["science", "environment"]
    assert project.cofounder == mette and project.kind == ProjectKind.EUROPEAN
    assert project.state == ProjectState.DRAFT and not mail.outbox
    assert services.missing_fields(project) == []

    # Sent: Mette is invited, by e-mail in her language (Danish).
    response = client.post(reverse("projects:submit", args=[project.pk]))
    project.refresh_from_db()
    assert project.state == ProjectState.AWAITING_COFOUNDER
    (invitation,) = mail.outbox
    assert invitation.to == [mette.email]
    subject = in_language("da", "%(name)s asks you to co-found a project") % {"name": "Lucía García"}
    assert invitation.subject == "[Comenius] " + subject and "medstifter" in subject
    assert detail_url(project) in invitation.body
    steps = steps_of(client, project)
    assert (steps[0].state, steps[1].state, steps[1].holder) == ("done", "current", "Mette Sørensen")
    assert [step.state for step in steps[2:]] == ["waiting", "waiting"]

    # Mette sees the invitation in her list and on the page, and accepts.
    client.force_login(mette)
    mine = client.get(reverse("projects:mine"))
    assert project in mine.context["invitations"]
    assert client.get(detail_url(project)).context["mine"].state == MemberState.INVITED
    response = client.post(reverse("projects:answer", args=[project.pk]), {"answer": "accept"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.state == ProjectState.AWAITING_APPROVAL and project.approval_round == 1
    assert project.cofounder_institution == cast.vestbyskolen
    assert sorted(project.approvals.values_list("country_id", "state", "round")) == [
        ("DK", ApprovalState.PENDING, 1),
        ("ES", ApprovalState.PENDING, 1),
    ]
    assert len(mails_to(lucia)) == 1  # the co-founder accepted
    assert not Space.objects.filter(project=project).exists()

    # The Danish NSO approves first: the project still waits for Spain.
    client.force_login(jonas)
    queue = client.get(reverse("projects:approvals"))
    assert approval(project, "DK") in list(queue.context["page"].object_list)
    assert client.get(reverse("projects:review", args=[approval(project, "DK").pk])).status_code == 200
    response = client.post(reverse("projects:review", args=[approval(project, "DK").pk]), {"decision": "approve"})
    assert response.status_code == 302 and response.url == reverse("projects:approvals")
    project.refresh_from_db()
    assert project.state == ProjectState.AWAITING_APPROVAL
    assert not Space.objects.filter(project=project).exists()
    client.force_login(lucia)
    steps = steps_of(client, project)
    by_state = {step.state: step for step in steps if step.state in ("done", "current") and "NSO" in step.label}
    assert by_state["done"].holder == "Jonas Madsen"
    assert by_state["current"].holder == "NSO of Spain"
    page = client.get(detail_url(project))
    assert "Jonas Madsen" in page.content.decode() and "NSO of Spain" in page.content.decode()

    # The Spanish NSO approves: active, and the space is open.
    client.force_login(ana)
    response = client.post(reverse("projects:review", args=[approval(project, "ES").pk]), {"decision": "approve"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.state == ProjectState.ACTIVE and project.activated_at is not None
    assert Space.objects.filter(project=project).exists()
    assert len(mails_to(lucia)) == 2 and len(mails_to(mette)) == 2  # invitation/accepted, then "active"
    assert AuditEvent.objects.filter(action="project.approved", target_id=str(project.pk)).count() == 2
    assert list(ProjectEvent.objects.filter(project=project).values_list("kind", flat=True)) == [
        EventKind.CREATED,
        EventKind.COFOUNDER_INVITED,
        EventKind.COFOUNDER_ACCEPTED,
        EventKind.SENT_FOR_APPROVAL,
        EventKind.APPROVED,
        EventKind.APPROVED,
        EventKind.ACTIVATED,
    ]
    client.force_login(lucia)
    assert all(step.state == "done" for step in steps_of(client, project))


def test_national_project_needs_only_the_danish_nso(client, cast):
    karen = teacher("DK", cast.jonas, "Karen", contact_of=cast.mette)
    client.force_login(cast.mette)
    response = client.post(reverse("projects:new"), {**form_data("Vikings", cofounder=karen), "send": "1"})
    project = Project.objects.get(title="Vikings")
    assert response.status_code == 302 and project.state == ProjectState.AWAITING_COFOUNDER
    assert project.kind == ProjectKind.NATIONAL and project.founder_institution == cast.vestbyskolen
    assert [message.to for message in mail.outbox] == [[karen.email]]

    client.force_login(karen)
    client.post(reverse("projects:answer", args=[project.pk]), {"answer": "accept"})
    project.refresh_from_db()
    assert project.state == ProjectState.AWAITING_APPROVAL
    assert list(project.approvals.values_list("country_id", flat=True)) == ["DK"]

    client.force_login(cast.ana)  # not her country
    assert not list(client.get(reverse("projects:approvals")).context["page"].object_list)
    client.force_login(cast.jonas)
    assert list(client.get(reverse("projects:approvals")).context["page"].object_list) == [approval(project, "DK")]
    client.post(reverse("projects:review", args=[approval(project, "DK").pk]), {"decision": "approve"})
    project.refresh_from_db()
    assert project.state == ProjectState.ACTIVE and Space.objects.filter(project=project).exists()
    assert sorted(project.members.filter(state=MemberState.ACTIVE).values_list("user_id", flat=True)) == sorted(
        [cast.mette.pk, karen.pk]
    )


def test_cofounder_declines_with_a_reason(client, cast):
    project = founded_project(cast.mette, cast.lucia, "Seasons")
    client.force_login(cast.lucia)
    response = client.post(
        reverse("projects:answer", args=[project.pk]), {"answer": "decline", "reason": "Our school year is full."}
    )
    assert response.status_code == 302
    assert_shown(response, cast.lucia, "You declined the invitation.")
    project.refresh_from_db()
    assert project.state == ProjectState.DRAFT and project.cofounder is None and project.kind == ""
    row = ProjectMember.objects.get(project=project, user=cast.lucia)
    assert row.state == MemberState.DECLINED and row.reason == "Our school year is full."
    (declined,) = mail.outbox
    assert declined.to == [cast.mette.email] and "Our school year is full." in declined.body
    assert client.get(detail_url(project)).status_code == 404  # no longer invited: a draft is the founder's

    client.force_login(cast.mette)
    first = steps_of(client, project)[0]
    assert first.state == "current" and "Our school year is full." in first.note
    # The draft needs a co-founder again before it can be sent.
    response = client.post(reverse("projects:submit", args=[project.pk]))
    assert in_language("da", "co-founder") in flash(response)[0]
    assert Project.objects.get(pk=project.pk).state == ProjectState.DRAFT


def test_withdraw_and_change_the_cofounder_before_acceptance(client, cast):
    karen = teacher("DK", cast.jonas, "Karen", contact_of=cast.mette)
    project = founded_project(cast.mette, cast.lucia, "Seasons")
    client.force_login(cast.mette)

    # Withdrawn: a draft again, and Lucía can no longer open it.
    response = client.post(reverse("projects:withdraw", args=[project.pk]))
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.state == ProjectState.DRAFT
    assert ProjectMember.objects.get(project=project, user=cast.lucia).state == MemberState.WITHDRAWN
    client.force_login(cast.lucia)
    assert client.get(detail_url(project)).status_code == 404

    # Mette names Karen in the draft and sends it.
    client.force_login(cast.mette)
    data = {**form_data("Seasons", key=project.creation_key, cofounder=karen), "send": "1"}
    assert client.post(reverse("projects:edit", args=[project.pk]), data).status_code == 302
    project.refresh_from_db()
    assert project.state == ProjectState.AWAITING_COFOUNDER and project.cofounder == karen
    assert project.kind == ProjectKind.NATIONAL
    assert [message.to for message in mail.outbox] == [[karen.email]]

    # While Karen has not answered, Mette invites Lucía instead.
    response = client.post(reverse("projects:change_cofounder", args=[project.pk]), {"cofounder": cast.lucia.pk})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.state == ProjectState.AWAITING_COFOUNDER and project.cofounder == cast.lucia
    assert project.kind == ProjectKind.EUROPEAN
    assert ProjectMember.objects.get(project=project, user=karen).state == MemberState.WITHDRAWN
    assert ProjectMember.objects.get(project=project, user=cast.lucia, state=MemberState.INVITED).is_founder
    assert [message.to for message in mail.outbox] == [[karen.email], [cast.lucia.email]]
    client.force_login(karen)
    assert client.get(detail_url(project)).status_code == 404

    client.force_login(cast.lucia)
    client.post(reverse("projects:answer", args=[project.pk]), {"answer": "accept"})
    project.refresh_from_db()
    assert project.state == ProjectState.AWAITING_APPROVAL
    assert sorted(project.approvals.values_list("country_id", flat=True)) == ["DK", "ES"]


def test_the_nso_returns_the_project_and_resubmission_goes_straight_to_round_two(client, cast):
    project = founded_project(cast.mette, cast.lucia, "Seasons")
    services.answer_invitation(cast.lucia, project, accept=True)
    services.approve(cast.jonas, approval(project, "DK"))
    client.force_login(cast.ana)
    review = reverse("projects:review", args=[approval(project, "ES").pk])

    # Returning needs a reason.
    before = snapshot()
    response = client.post(review, {"decision": "reject", "reason": "  "})
    assert response.status_code == 400 and snapshot() == before

    reason = "Please describe how the pupils work together."
    response = client.post(review, {"decision": "reject", "reason": reason})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.state == ProjectState.DRAFT and project.approval_round == 1
    assert approval(project, "ES").state == ApprovalState.REJECTED and approval(project, "ES").reason == reason
    assert approval(project, "DK").state == ApprovalState.APPROVED
    assert sorted(message.to[0] for message in mail.outbox) == sorted([cast.mette.email, cast.lucia.email])
    assert all(reason in message.body for message in mail.outbox)
    assert AuditEvent.objects.filter(action="project.rejected", actor=cast.ana, reason=reason).exists()
    assert not Space.objects.filter(project=project).exists()

    client.force_login(cast.mette)
    steps = steps_of(client, project)
    assert steps[0].state == "current" and reason in steps[0].note
    assert [step.state for step in steps if reason in step.note] == ["current", "stopped"]

    # Mette changes the plan and sends it again: no new co-founder invitation, straight to round 2.
    data = form_data("Seasons", key=project.creation_key, aims="Pupils plan the exhibition together in mixed teams.")
    assert client.post(reverse("projects:edit", args=[project.pk]), data).status_code == 302
    mails_before = len(mail.outbox)
    response = client.post(reverse("projects:submit", args=[project.pk]))
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.state == ProjectState.AWAITING_APPROVAL and project.approval_round == 2
    assert project.aims == "Pupils plan the exhibition together in mixed teams."
    assert len(mail.outbox) == mails_before  # nobody is invited again
    assert ProjectMember.objects.filter(project=project).count() == 2
    assert sorted(ProjectApproval.objects.filter(project=project, round=2).values_list("country_id", "state")) == [
        ("DK", ApprovalState.PENDING),
        ("ES", ApprovalState.PENDING),
    ]
    steps = steps_of(client, project)
    assert [step.state for step in steps] == ["done", "done", "current", "current", "waiting"]

    services.approve(cast.jonas, approval(project, "DK", round=2))
    services.approve(cast.ana, approval(project, "ES", round=2))
    project.refresh_from_db()
    assert project.state == ProjectState.ACTIVE and Space.objects.filter(project=project).exists()
