"""Partners in an active project (invite a contact in a role, accept or decline, change the role, remove, leave)
and the end of a project: close, reopen once, archive on request or after PROJECT_ARCHIVE_AFTER_DAYS."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from comenius.devdata.testing import active_project, project_data
from comenius.projects import services
from comenius.projects.models import (
    EventKind,
    MemberState,
    Project,
    ProjectEvent,
    ProjectMember,
    ProjectRole,
    ProjectState,
)
from comenius.projects.tests.helpers import assert_shown, form_data, make_contacts, refused, snapshot

pytestmark = pytest.mark.django_db


def url(name: str, project: Project, *args: int) -> str:
    return reverse(f"projects:{name}", args=[project.pk, *args])


def otto_row(cast) -> ProjectMember:
    return ProjectMember.objects.get(project=cast.project, user=cast.otto, state__in=["invited", "active"])


def test_invite_a_contact_who_accepts_then_change_the_role_and_remove(client, cast):
    project = cast.project
    client.force_login(cast.mette)
    # Otto is not Mette's contact yet: not offered.
    assert cast.otto not in client.get(url("invite", project)).context["form"].fields["invitee"].queryset
    make_contacts(cast.otto, cast.mette)
    invite_page = client.get(url("invite", project))
    invitable = list(invite_page.context["form"].fields["invitee"].queryset)
    assert cast.otto in invitable and cast.lucia not in invitable  # Lucía is already in

    response = client.post(url("invite", project), {"invitee": cast.otto.pk, "role": ProjectRole.EXPERT})
    assert response.status_code == 302
    row = otto_row(cast)
    assert (row.state, row.role, row.invited_by, row.is_founder) == (
        MemberState.INVITED,
        ProjectRole.EXPERT,
        cast.mette,
        False,
    )
    (invitation,) = mail.outbox
    # In Otto's language (English) although Mette works in Danish: the role too.
    assert invitation.to == [cast.otto.email] and "as Expert." in invitation.body
    assert url("detail", project) in invitation.body

    client.force_login(cast.otto)
    assert project in client.get(reverse("projects:mine")).context["invitations"]
    response = client.post(url("answer", project), {"answer": "accept"})
    assert_shown(response, cast.otto, "Welcome to the project!")
    row.refresh_from_db()
    assert row.state == MemberState.ACTIVE and row.institution == cast.vestbyskolen
    assert mail.outbox[-1].to == [cast.mette.email]  # the inviter hears of it
    page = client.get(url("detail", project))
    assert page.context["insider"] and page.context["history"]
    assert not page.context["is_admin"]

    client.force_login(cast.mette)
    response = client.post(url("member_role", project, row.pk), {"role": ProjectRole.TEACHER_ADMIN})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.role == ProjectRole.TEACHER_ADMIN
    assert ProjectEvent.objects.filter(project=project, kind=EventKind.ROLE_CHANGED, subject=cast.otto).exists()
    # A bogus role changes nothing.
    before = snapshot()
    assert_shown(client.post(url("member_role", project, row.pk), {"role": "captain"}), cast.mette, "Choose a role.")
    assert snapshot() == before

    # As teacher administrator Otto may now invite his own contacts.
    client.force_login(cast.otto)
    assert client.get(url("invite", project)).status_code == 200

    client.force_login(cast.mette)
    response = client.post(url("member_remove", project, row.pk))
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.state == MemberState.REMOVED and row.decided_at is not None
    client.force_login(cast.otto)
    page = client.get(url("detail", project))  # an active project: still readable, from outside
    assert page.status_code == 200 and page.context["mine"] is None and not page.context["insider"]
    assert client.get(url("invite", project)).status_code == 404


def test_decline_leave_and_withdraw(client, cast):
    project = cast.project
    make_contacts(cast.otto, cast.lucia)
    services.invite_member(cast.lucia, project, cast.otto, ProjectRole.TEACHER)
    client.force_login(cast.otto)
    response = client.post(url("answer", project), {"answer": "decline", "reason": "Too busy this term."})
    assert response.status_code == 302
    declined = ProjectMember.objects.get(project=project, user=cast.otto)
    assert declined.state == MemberState.DECLINED and declined.reason == "Too busy this term."
    assert mail.outbox[-1].to == [cast.lucia.email] and "Too busy this term." in mail.outbox[-1].body

    # Invited again later (a new row), he joins, then leaves.
    services.invite_member(cast.lucia, project, cast.otto, ProjectRole.OBSERVER)
    client.post(url("answer", project), {"answer": "accept"})
    assert otto_row(cast).state == MemberState.ACTIVE
    response = client.post(url("leave", project))
    assert response.status_code == 302 and response.url == reverse("projects:mine")
    assert sorted(ProjectMember.objects.filter(project=project, user=cast.otto).values_list("state", flat=True)) == [
        MemberState.DECLINED,
        MemberState.LEFT,
    ]
    with refused("You are not a member of this project."):
        services.leave_project(cast.otto, project)

    # An invitation withdrawn before the answer.
    row = services.invite_member(cast.lucia, project, cast.otto, ProjectRole.TEACHER)
    client.force_login(cast.lucia)
    client.post(url("member_remove", project, row.pk))
    row.refresh_from_db()
    assert row.state == MemberState.WITHDRAWN
    client.force_login(cast.otto)
    response = client.post(url("answer", project), {"answer": "accept"})
    assert_shown(response, cast.otto, "There is no invitation waiting for your answer (it may have been withdrawn).")
    assert not ProjectMember.objects.filter(project=project, user=cast.otto, state=MemberState.ACTIVE).exists()


def test_invitations_only_in_an_active_project(cast):
    make_contacts(cast.otto, cast.mette)
    draft = services.create_draft(cast.mette, project_data("Draft"), cast.lucia, "draft")
    before = snapshot()
    with refused("Partners can be invited once the project is active."):
        services.invite_member(cast.mette, draft, cast.otto, ProjectRole.TEACHER)
    assert snapshot() == before
    services.close_project(cast.mette, cast.project)
    before = snapshot()
    with refused("Partners can be invited once the project is active."):
        services.invite_member(cast.mette, cast.project, cast.otto, ProjectRole.TEACHER)
    assert snapshot() == before


def test_close_reopen_once_and_archive_on_request(client, cast):
    project = cast.project
    make_contacts(cast.otto, cast.mette)
    partner = services.invite_member(cast.mette, project, cast.otto, ProjectRole.TEACHER)
    services.answer_invitation(cast.otto, project, accept=True)
    client.force_login(cast.mette)

    response = client.post(url("close", project))
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.state == ProjectState.CLOSED and project.closed_at is not None and project.is_read_only
    assert_read_only(client, cast, project, partner)

    client.post(url("reopen", project))
    project.refresh_from_db()
    assert project.state == ProjectState.ACTIVE and project.reopened_at is not None
    # Open again: editable again.
    assert client.post(url("edit", project), form_data(project.title, key=project.creation_key)).status_code == 302

    client.post(url("close", project))
    response = client.post(url("archive", project))
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.state == ProjectState.ARCHIVED and project.archived_at is not None
    assert_read_only(client, cast, project, partner)
    before = snapshot()
    for action in ("close", "reopen", "archive"):
        client.post(url(action, project))
    assert snapshot() == before
    # Still readable, and still found.
    client.force_login(cast.otto)
    assert client.get(url("detail", project)).status_code == 200
    found = client.get(reverse("projects:search"), {"state": "archived"}).context["page"].object_list
    assert list(found) == [project]
    kinds = list(ProjectEvent.objects.filter(project=project).values_list("kind", flat=True))
    assert kinds[-4:] == [EventKind.CLOSED, EventKind.REOPENED, EventKind.CLOSED, EventKind.ARCHIVED]


def assert_read_only(client, cast, project: Project, partner: ProjectMember) -> None:
    """Nothing about a closed or archived project can be changed, through a page or a service."""
    before = snapshot()
    client.force_login(cast.mette)
    assert client.get(url("edit", project)).status_code == 404
    assert client.post(url("edit", project), form_data("Changed", key=project.creation_key)).status_code == 404
    with refused("A closed or archived project cannot be changed."):
        services.update_project(cast.mette, project, project_data("Changed"))
    response = client.post(url("member_role", project, partner.pk), {"role": ProjectRole.OBSERVER})
    assert_shown(response, cast.mette, "A closed or archived project cannot be changed.")
    response = client.post(url("member_remove", project, partner.pk))
    assert_shown(response, cast.mette, "A closed or archived project cannot be changed.")
    with refused("A closed or archived project cannot be changed."):
        services.remove_member(cast.mette, partner)
    # The partner stays too: the members of a closed project are part of its record.
    client.force_login(cast.otto)
    response = client.post(url("leave", project))
    assert response.url == url("detail", project)
    assert_shown(response, cast.otto, "A closed or archived project cannot be changed.")
    assert snapshot() == before
    client.force_login(cast.mette)


def archive_command() -> str:
    from io import StringIO

    out = StringIO()
    call_command("archive_closed_projects", stdout=out)
    return out.getvalue()


def test_closed_projects_are_archived_after_the_configured_days(cast, settings):
    settings.PROJECT_ARCHIVE_AFTER_DAYS = 30
    now = timezone.now()
    old = cast.project
    recent = active_project(cast.lucia, cast.mette, [cast.jonas, cast.ana], "Recent")
    still_active = active_project(cast.lucia, cast.mette, [cast.jonas, cast.ana], "Still active")
    for project in (old, recent):
        services.close_project(cast.mette, project)
    Project.objects.filter(pk=old.pk).update(closed_at=now - timedelta(days=31))
    Project.objects.filter(pk=recent.pk).update(closed_at=now - timedelta(days=29))
    Project.objects.filter(pk=still_active.pk).update(activated_at=now - timedelta(days=400))

    assert archive_command().strip() == "1 projects archived."
    states = dict(Project.objects.values_list("title", "state"))
    assert states == {old.title: ProjectState.ARCHIVED, "Recent": ProjectState.CLOSED, "Still active": "active"}
    event = ProjectEvent.objects.get(project=old, kind=EventKind.ARCHIVED)
    assert event.actor is None  # the schedule, not a person
    assert archive_command().strip() == "0 projects archived."

    # Once the days have passed for the other one too.
    assert services.archive_due_projects(now=now + timedelta(days=2)) == 1
    assert Project.objects.get(pk=recent.pk).state == ProjectState.ARCHIVED
