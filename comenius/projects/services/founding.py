"""From a draft to the NSOs: drafting, naming, inviting, withdrawing and changing the co-founder, and
answering invitations (the co-founder's and partners')."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from comenius.accounts.models import User
from comenius.core.errors import DomainError
from comenius.network.access import is_network_member
from comenius.projects import access
from comenius.projects.models import (
    EventKind,
    MemberState,
    Project,
    ProjectApproval,
    ProjectMember,
    ProjectRole,
    ProjectState,
)
from comenius.projects.services._common import (
    PROJECT_FIELDS,
    ProjectData,
    _check_cofounder,
    _event,
    _institution_of,
    _kind,
    _locked,
    _mail,
    _now,
    _project_url,
    _set_state,
    missing_fields,
    refresh_search,
)

# --- drafting -----------------------------------------------------------------------------------------


def create_draft(founder: User, data: ProjectData, cofounder: User | None, creation_key: str) -> Project:
    """A validated member starts a project. The same `creation_key` (one per form) returns the same project,
    so a double click on "Save" never makes two."""
    if not is_network_member(founder):
        raise DomainError(_("Only validated members can create projects."))
    existing = Project.objects.filter(founder=founder, creation_key=creation_key).first()
    if existing is not None:
        return existing
    institution = _institution_of(founder)
    if institution is None:
        raise DomainError(_("Your profile has no institution; add it before you create a project."))
    if cofounder is not None:
        _check_cofounder(founder, cofounder, institution)
    try:
        with transaction.atomic():
            project = Project(
                founder=founder,
                founder_institution=institution,
                cofounder=cofounder,
                kind=_kind(founder, cofounder),
                state_since=_now(),
                creation_key=creation_key[:40],
                **{name: getattr(data, name) for name in PROJECT_FIELDS},
            )
            project.save()
            ProjectMember.objects.create(
                project=project,
                user=founder,
                institution=institution,
                role=ProjectRole.TEACHER_ADMIN,
                state=MemberState.ACTIVE,
                is_founder=True,
                decided_at=_now(),
            )
            _event(project, EventKind.CREATED, founder)
            refresh_search(project)
    except IntegrityError:
        # The other click of a double click won the race: answer with its project.
        return Project.objects.get(founder=founder, creation_key=creation_key[:40])
    return project


_UNCHANGED = object()


def update_project(
    user: User, project: Project, data: ProjectData, cofounder: User | object | None = _UNCHANGED
) -> Project:
    """Founders edit their project until it is closed; teacher administrators edit an active project.
    The co-founder can be changed here only while the project is a draft (see `change_cofounder`)."""
    with transaction.atomic():
        locked = _locked(project)
        if locked.is_read_only:
            raise DomainError(_("A closed or archived project cannot be changed."))
        if not access.is_admin(user, locked):
            raise DomainError(_("Only the project's administrators can change it."))
        if locked.state in (ProjectState.AWAITING_COFOUNDER, ProjectState.AWAITING_APPROVAL) and not access.is_founder(
            user, locked
        ):
            raise DomainError(_("Only the founders can change the project before it is approved."))
        for name in PROJECT_FIELDS:
            setattr(locked, name, getattr(data, name))
        if cofounder is not _UNCHANGED and cofounder != locked.cofounder:
            if locked.state != ProjectState.DRAFT or user.pk != locked.founder_id:
                raise DomainError(_("The co-founder can only be changed by the founder while the project is a draft."))
            if locked.cofounder_institution_id is not None:
                raise DomainError(_("The co-founder has already accepted and cannot be replaced."))
            if cofounder is not None:
                _check_cofounder(locked.founder, cofounder, locked.founder_institution)  # type: ignore[arg-type]
            locked.cofounder = cofounder  # type: ignore[assignment]
            locked.kind = _kind(locked.founder, cofounder)  # type: ignore[arg-type]
        locked.save()
        refresh_search(locked)
    return locked


def discard_draft(founder: User, project: Project) -> None:
    """The founder throws away a draft that never went further than the founder."""
    with transaction.atomic():
        locked = _locked(project)
        if locked.founder_id != founder.pk:
            raise DomainError(_("Only the founder can discard this draft."))
        if locked.state != ProjectState.DRAFT or locked.approval_round or locked.cofounder_institution_id:
            raise DomainError(_("Only a draft that was never accepted or approved can be discarded."))
        locked.delete()


def submit_project(founder: User, project: Project) -> Project:
    """The founder sends a complete draft on: to the co-founder, or straight to the NSOs when the co-founder
    already accepted (a project the NSO returned)."""
    with transaction.atomic():
        locked = _locked(project)
        if locked.founder_id != founder.pk:
            raise DomainError(_("Only the founder can send the project on."))
        if locked.state != ProjectState.DRAFT:
            raise DomainError(_("This project has already been sent on."))
        missing = missing_fields(locked)
        if missing:
            raise DomainError(_("The project still needs: %(fields)s.") % {"fields": ", ".join(missing)})
        cofounder = locked.cofounder
        assert cofounder is not None
        if locked.cofounder_institution_id is not None and access.is_member(cofounder, locked):
            _send_for_approval(locked, founder)
            return locked
        _check_cofounder(founder, cofounder, locked.founder_institution)
        _invite_cofounder(locked, founder, cofounder)
    return locked


def _invite_cofounder(project: Project, founder: User, cofounder: User) -> None:
    ProjectMember.objects.create(
        project=project,
        user=cofounder,
        institution=_institution_of(cofounder),
        role=ProjectRole.TEACHER_ADMIN,
        state=MemberState.INVITED,
        is_founder=True,
        invited_by=founder,
    )
    _set_state(project, ProjectState.AWAITING_COFOUNDER)
    _event(project, EventKind.COFOUNDER_INVITED, founder, subject=cofounder)
    _mail(cofounder, "cofounder_invitation", {"project": project, "founder": founder, "url": _project_url(project)})


def withdraw_cofounder(founder: User, project: Project) -> Project:
    """The founder takes the invitation back before the co-founder answered; the project is a draft again."""
    with transaction.atomic():
        locked = _locked(project)
        if locked.founder_id != founder.pk:
            raise DomainError(_("Only the founder can withdraw the invitation."))
        if locked.state != ProjectState.AWAITING_COFOUNDER:
            raise DomainError(_("There is no invitation to withdraw."))
        invitation = ProjectMember.objects.get(project=locked, is_founder=True, state=MemberState.INVITED)
        invitation.state = MemberState.WITHDRAWN
        invitation.decided_at = _now()
        invitation.save(update_fields=["state", "decided_at"])
        _set_state(locked, ProjectState.DRAFT)
        _event(locked, EventKind.COFOUNDER_WITHDRAWN, founder, subject=invitation.user)
    return locked


def change_cofounder(founder: User, project: Project, cofounder: User) -> Project:
    """Before acceptance the founder names another contact: the old invitation is withdrawn, the new one sent."""
    with transaction.atomic():
        locked = _locked(project)
        if locked.founder_id != founder.pk:
            raise DomainError(_("Only the founder can change the co-founder."))
        if locked.state not in (ProjectState.DRAFT, ProjectState.AWAITING_COFOUNDER):
            raise DomainError(_("The co-founder can no longer be changed."))
        if locked.cofounder_institution_id is not None:
            raise DomainError(_("The co-founder has already accepted and cannot be replaced."))
        _check_cofounder(founder, cofounder, locked.founder_institution)
        was_waiting = locked.state == ProjectState.AWAITING_COFOUNDER
        if was_waiting:
            old = ProjectMember.objects.get(project=locked, is_founder=True, state=MemberState.INVITED)
            old.state = MemberState.WITHDRAWN
            old.decided_at = _now()
            old.save(update_fields=["state", "decided_at"])
            _event(locked, EventKind.COFOUNDER_WITHDRAWN, founder, subject=old.user)
        locked.cofounder = cofounder
        locked.kind = _kind(founder, cofounder)
        locked.save(update_fields=["cofounder", "kind", "updated_at"])
        refresh_search(locked)
        if was_waiting:
            _invite_cofounder(locked, founder, cofounder)
    return locked


# --- answering invitations ----------------------------------------------------------------------------


def answer_invitation(user: User, project: Project, *, accept: bool, reason: str = "") -> ProjectMember:
    """The invited member accepts or declines (with an optional reason). For the co-founder, accepting sends
    the project to the NSOs; declining returns it to the founder as a draft."""
    with transaction.atomic():
        locked = _locked(project)
        invitation = (
            ProjectMember.objects.select_for_update()
            .filter(project=locked, user=user, state=MemberState.INVITED)
            .first()
        )
        if invitation is None:
            raise DomainError(_("There is no invitation waiting for your answer (it may have been withdrawn)."))
        if not is_network_member(user):
            raise DomainError(_("Only validated members can join projects."))
        if invitation.is_founder:
            if locked.state != ProjectState.AWAITING_COFOUNDER:
                raise DomainError(_("This project is not waiting for a co-founder."))
        elif locked.state != ProjectState.ACTIVE:
            raise DomainError(_("This project is not active; it cannot take new partners now."))
        invitation.state = MemberState.ACTIVE if accept else MemberState.DECLINED
        invitation.reason = "" if accept else reason[:500]
        invitation.decided_at = _now()
        invitation.institution = _institution_of(user)
        invitation.save(update_fields=["state", "reason", "decided_at", "institution"])
        inviter = invitation.invited_by or locked.founder
        context = {"project": locked, "member": user, "reason": invitation.reason, "url": _project_url(locked)}
        if invitation.is_founder:
            if accept:
                locked.cofounder_institution = invitation.institution
                locked.save(update_fields=["cofounder_institution", "updated_at"])
                _event(locked, EventKind.COFOUNDER_ACCEPTED, user)
                _send_for_approval(locked, user)
                _mail(locked.founder, "cofounder_accepted", context)
            else:
                locked.cofounder = None
                locked.kind = ""
                locked.save(update_fields=["cofounder", "kind", "updated_at"])
                _set_state(locked, ProjectState.DRAFT)
                _event(locked, EventKind.COFOUNDER_DECLINED, user, reason=invitation.reason)
                _mail(locked.founder, "cofounder_declined", context)
        else:
            _event(
                locked, EventKind.MEMBER_JOINED if accept else EventKind.MEMBER_DECLINED, user, reason=invitation.reason
            )
            _mail(inviter, "partner_answered", {**context, "accepted": accept})
    return invitation


def _send_for_approval(project: Project, actor: User) -> None:
    """Open a new round: one approval per founder country, in the queue of that country's NSO."""
    project.approval_round += 1
    project.save(update_fields=["approval_round"])
    founders = [project.founder, project.cofounder]
    countries = sorted({user.country_id for user in founders if user is not None and user.country_id})
    ProjectApproval.objects.bulk_create(
        ProjectApproval(project=project, country_id=code, round=project.approval_round) for code in countries
    )
    _set_state(project, ProjectState.AWAITING_APPROVAL)
    _event(project, EventKind.SENT_FOR_APPROVAL, actor)
