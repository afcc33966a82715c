"""Closing, reopening and archiving; reminders for steps that wait; moderation and account deletion."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from comenius.accounts.models import Role, User
from comenius.core.emails import absolute_url
from comenius.core.errors import DomainError
from comenius.core.lifecycle import Deletion
from comenius.projects import access
from comenius.projects.models import (
    ApprovalState,
    EventKind,
    MemberState,
    Project,
    ProjectApproval,
    ProjectMember,
    ProjectState,
)
from comenius.projects.services._common import (
    _event,
    _locked,
    _mail,
    _now,
    _project_url,
    _set_state,
)

# --- closing and archiving ----------------------------------------------------------------------------


def close_project(admin: User, project: Project) -> Project:
    """No new content from now on; everything stays readable."""
    with transaction.atomic():
        locked = _locked(project)
        if not access.is_admin(admin, locked):
            raise DomainError(_("Only the project's administrators can close it."))
        if locked.state != ProjectState.ACTIVE:
            raise DomainError(_("Only an active project can be closed."))
        locked.closed_at = _now()
        _set_state(locked, ProjectState.CLOSED, "closed_at")
        # Invitations could no longer be answered: take them back rather than leave them hanging.
        ProjectMember.objects.filter(project=locked, state=MemberState.INVITED).update(
            state=MemberState.WITHDRAWN, decided_at=_now()
        )
        _event(locked, EventKind.CLOSED, admin)
    return locked


def reopen_project(admin: User, project: Project) -> Project:
    """A closed project can be reopened once."""
    with transaction.atomic():
        locked = _locked(project)
        if not access.is_admin(admin, locked):
            raise DomainError(_("Only the project's administrators can reopen it."))
        if locked.state != ProjectState.CLOSED:
            raise DomainError(_("Only a closed project can be reopened."))
        if locked.reopened_at is not None:
            raise DomainError(_("This project has already been reopened once; it cannot be reopened again."))
        locked.reopened_at = _now()
        _set_state(locked, ProjectState.ACTIVE, "reopened_at")
        _event(locked, EventKind.REOPENED, admin)
    return locked


def archive_project(admin: User | None, project: Project) -> Project:
    """A closed project becomes read-only forever: on an administrator's request, or (admin None) when
    `archive_closed_projects` finds it closed for longer than PROJECT_ARCHIVE_AFTER_DAYS."""
    with transaction.atomic():
        locked = _locked(project)
        if admin is not None and not access.is_admin(admin, locked):
            raise DomainError(_("Only the project's administrators can archive it."))
        if locked.state != ProjectState.CLOSED:
            raise DomainError(_("Only a closed project can be archived."))
        locked.archived_at = _now()
        _set_state(locked, ProjectState.ARCHIVED, "archived_at")
        _event(locked, EventKind.ARCHIVED, admin)
    return locked


def archive_due_projects(now: datetime | None = None) -> int:
    """Archive every project closed for longer than PROJECT_ARCHIVE_AFTER_DAYS. Returns how many."""
    limit = (now or _now()) - timedelta(days=settings.PROJECT_ARCHIVE_AFTER_DAYS)
    archived = 0
    for project in Project.objects.filter(state=ProjectState.CLOSED, closed_at__lt=limit).only("pk"):
        try:
            archive_project(None, project)
        except DomainError:
            continue  # reopened in the meantime
        archived += 1
    return archived


# --- reminders ----------------------------------------------------------------------------------------


def send_reminders(now: datetime | None = None) -> int:
    """Remind whoever holds a step that waits longer than PROJECT_REMINDER_DAYS (invited co-founders and
    partners; the NSO officers of a country with waiting approvals). Each is reminded again only after the
    same number of days. Returns the number of e-mails."""
    now = now or _now()
    due = now - timedelta(days=settings.PROJECT_REMINDER_DAYS)
    sent = 0
    # Only invitations that can still be answered: a partner cannot join a closed project.
    answerable = Q(is_founder=True, project__state=ProjectState.AWAITING_COFOUNDER) | Q(
        is_founder=False, project__state=ProjectState.ACTIVE
    )
    invitations = ProjectMember.objects.filter(answerable, state=MemberState.INVITED, created_at__lt=due).exclude(
        reminded_at__gte=due
    )
    for invitation in invitations.select_related("user", "project"):
        with transaction.atomic():
            _mail(
                invitation.user,
                "invitation_reminder",
                {"project": invitation.project, "url": _project_url(invitation.project)},
            )
            invitation.reminded_at = now
            invitation.save(update_fields=["reminded_at"])
        sent += 1
    approvals = ProjectApproval.objects.filter(
        state=ApprovalState.PENDING, created_at__lt=due, project__state=ProjectState.AWAITING_APPROVAL
    ).exclude(reminded_at__gte=due)
    by_country: dict[str, list[ProjectApproval]] = {}
    for approval in approvals.select_related("project"):
        by_country.setdefault(approval.country_id, []).append(approval)
    queue_url = absolute_url(reverse("projects:approvals"))
    for code, waiting in by_country.items():
        officers: Iterable[User] = User.objects.filter(role=Role.NSO, country_id=code, is_active=True)
        with transaction.atomic():
            for officer in officers:
                _mail(
                    officer,
                    "approval_reminder",
                    {
                        "projects": [a.project for a in waiting],
                        "url": queue_url,
                        "days": settings.PROJECT_REMINDER_DAYS,
                    },
                )
                sent += 1
            ProjectApproval.objects.filter(pk__in=[a.pk for a in waiting]).update(reminded_at=now)
    return sent


# --- moderation -------------------------------------------------------------------------------------


def set_hidden(project: Project, hidden: bool) -> None:
    """Called by moderation.services only (it checks the moderator and audits): the project leaves search
    and the gallery for everyone but its members and moderators, or comes back."""
    project.hidden_at = _now() if hidden else None
    project.save(update_fields=["hidden_at"])


def forget_member(user: User, deletion: Deletion) -> None:
    """Account deletion: drafts only the member could see are deleted; in shared projects the member stays
    as "Former member" (the user row is anonymised by accounts.services) and no longer takes part."""
    for project in Project.objects.filter(founder=user, state=ProjectState.DRAFT, approval_round=0):
        if project.cofounder_institution_id is None:
            project.delete()
    ProjectMember.objects.filter(user=user, state=MemberState.INVITED).update(
        state=MemberState.DECLINED, decided_at=_now()
    )
    ProjectMember.objects.filter(user=user, state=MemberState.ACTIVE).update(state=MemberState.LEFT, decided_at=_now())
    ProjectMember.objects.filter(user=user).update(reason="")
