"""Partners of an active project: invitations, roles, removal, leaving."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from comenius.accounts.models import User
from comenius.core.errors import DomainError
from comenius.network.access import are_contacts, is_blocked_between, is_network_member
from comenius.projects import access, signals
from comenius.projects.models import (
    EventKind,
    MemberState,
    Project,
    ProjectMember,
    ProjectRole,
    ProjectState,
)
from comenius.projects.services._common import (
    _event,
    _institution_of,
    _locked,
    _mail,
    _now,
    _project_url,
)

# --- partners -----------------------------------------------------------------------------------------


def invite_member(admin: User, project: Project, invitee: User, role: str) -> ProjectMember:
    """A teacher administrator of an active project invites one of their contacts in a role."""
    if role not in ProjectRole.values:
        raise DomainError(_("Choose a role."))
    with transaction.atomic():
        locked = _locked(project)
        if not access.is_admin(admin, locked):
            raise DomainError(_("Only the project's administrators can invite partners."))
        if locked.state != ProjectState.ACTIVE:
            raise DomainError(_("Partners can be invited once the project is active."))
        if not is_network_member(invitee):
            raise DomainError(_("Only validated members can be invited."))
        if not are_contacts(admin, invitee.pk) or is_blocked_between(admin, invitee.pk):
            raise DomainError(_("You can only invite your contacts."))
        if access.live_membership(invitee, locked) is not None:
            raise DomainError(_("%(name)s is already in the project or invited.") % {"name": invitee.get_full_name()})
        member = ProjectMember.objects.create(
            project=locked, user=invitee, institution=_institution_of(invitee), role=role, invited_by=admin
        )
        _event(locked, EventKind.MEMBER_INVITED, admin, subject=invitee)
        # The lazy label is rendered in the invitee's language (get_role_display() would use the inviter's).
        _mail(
            invitee,
            "partner_invitation",
            {"project": locked, "inviter": admin, "role": ProjectRole(role).label, "url": _project_url(locked)},
        )
    return member


def _managed_member(admin: User, member: ProjectMember) -> tuple[Project, ProjectMember]:
    project = _locked(member.project)
    locked = ProjectMember.objects.select_for_update().select_related("user").get(pk=member.pk)
    if not access.is_admin(admin, project):
        raise DomainError(_("Only the project's administrators can manage partners."))
    if project.is_read_only:
        raise DomainError(_("A closed or archived project cannot be changed."))
    if locked.is_founder:
        raise DomainError(_("The founders always stay teacher administrators of their project."))
    if locked.state not in (MemberState.INVITED, MemberState.ACTIVE):
        raise DomainError(_("This person is no longer in the project."))
    return project, locked


def change_role(admin: User, member: ProjectMember, role: str) -> ProjectMember:
    if role not in ProjectRole.values:
        raise DomainError(_("Choose a role."))
    with transaction.atomic():
        project, locked = _managed_member(admin, member)
        if locked.role == role:
            return locked
        locked.role = role
        locked.save(update_fields=["role"])
        _event(project, EventKind.ROLE_CHANGED, admin, subject=locked.user, reason=str(locked.get_role_display()))
    return locked


def remove_member(admin: User, member: ProjectMember) -> ProjectMember:
    """An administrator removes a partner or withdraws an invitation. Founders cannot be removed."""
    with transaction.atomic():
        project, locked = _managed_member(admin, member)
        locked.state = MemberState.WITHDRAWN if locked.state == MemberState.INVITED else MemberState.REMOVED
        locked.decided_at = _now()
        locked.save(update_fields=["state", "decided_at"])
        _event(project, EventKind.MEMBER_REMOVED, admin, subject=locked.user)
        signals.member_left.send(sender=ProjectMember, project=project, user_id=locked.user_id)
    return locked


def leave_project(user: User, project: Project) -> ProjectMember:
    """A partner leaves. The founders hold the project and cannot leave it."""
    with transaction.atomic():
        locked = _locked(project)
        member = (
            ProjectMember.objects.select_for_update()
            .filter(project=locked, user=user, state=MemberState.ACTIVE)
            .first()
        )
        if member is None:
            raise DomainError(_("You are not a member of this project."))
        if member.is_founder:
            raise DomainError(_("Founders cannot leave their project. Close it instead."))
        if locked.is_read_only:  # like removing a partner: the members of a closed project stay as they were
            raise DomainError(_("A closed or archived project cannot be changed."))
        member.state = MemberState.LEFT
        member.decided_at = _now()
        member.save(update_fields=["state", "decided_at"])
        _event(locked, EventKind.MEMBER_LEFT, user)
        signals.member_left.send(sender=ProjectMember, project=project, user_id=user.pk)
    return member
