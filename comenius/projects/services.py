"""Writes for projects: every transition of DOMAIN.md's flow, each with its guard.

Each service checks who may act and from which state, locks the project row (`select_for_update`) so that a
double click or two officers cannot act twice, writes a `ProjectEvent` (the history the status panel
shows), an audit entry for NSO decisions, and sends e-mails in the recipient's language after commit.
A refused action raises `DomainError` with a translated message and changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from comenius.accounts.models import Role, User
from comenius.core.emails import absolute_url, send_templated_mail
from comenius.core.errors import DomainError
from comenius.core.services import record_audit
from comenius.institutions.models import Institution, Membership
from comenius.network.access import are_contacts, is_blocked_between, is_network_member
from comenius.network.search import is_postgres, vector_sql
from comenius.network.vocabulary import search_config
from comenius.projects import access
from comenius.projects.models import (
    ApprovalState,
    EventKind,
    MemberState,
    Project,
    ProjectApproval,
    ProjectEvent,
    ProjectKind,
    ProjectMember,
    ProjectRole,
    ProjectState,
)


@dataclass(frozen=True)
class ProjectData:
    title: str
    summary: str
    description: str
    languages: list[str]
    age_min: int | None
    age_max: int | None
    pupils_count: int | None
    subjects: list[str]
    tools: str
    aims: str
    work_process: str
    expected_results: str
    starts_on: date | None
    ends_on: date | None
    show_in_gallery: bool


PROJECT_FIELDS = [field.name for field in fields(ProjectData)]
# What a project needs before the founder can send it to the co-founder (tools are optional).
REQUIRED_FOR_SUBMISSION = [name for name in PROJECT_FIELDS if name not in {"tools", "show_in_gallery"}]


def _now() -> datetime:
    return timezone.now()


def _institution_of(user: User) -> Institution | None:
    membership = Membership.objects.select_related("institution").filter(user=user).order_by("created_at").first()
    return membership.institution if membership else None


def _event(
    project: Project,
    kind: str,
    actor: User | None,
    *,
    subject: User | None = None,
    country_id: str | None = None,
    reason: str = "",
) -> None:
    ProjectEvent.objects.create(
        project=project, kind=kind, actor=actor, subject=subject, country_id=country_id, reason=reason[:1000]
    )


def _locked(project: Project) -> Project:
    """The project row, locked until the transaction ends: the guard below it sees the latest state."""
    return Project.objects.select_for_update().get(pk=project.pk)


def _set_state(project: Project, state: str, *extra: str) -> None:
    project.state = state
    project.state_since = _now()
    project.save(update_fields=["state", "state_since", "updated_at", *extra])


def _mail(user: User, template: str, context: dict[str, object]) -> None:
    """E-mail a member after commit, in their language."""
    if not user.email:
        return
    email, language = user.email, user.language
    transaction.on_commit(lambda: send_templated_mail(email, language, f"projects/email/{template}", context))


def _project_url(project: Project) -> str:
    return absolute_url(reverse("projects:detail", args=[project.pk]))


def missing_fields(project: Project) -> list[str]:
    """The names (translated) of what the project still needs before it can be sent on."""
    missing = [
        str(Project._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
        for name in REQUIRED_FOR_SUBMISSION
        if getattr(project, name) in (None, "", [])
    ]
    if project.cofounder_id is None:
        missing.append(_("co-founder"))
    return missing


def _check_cofounder(founder: User, cofounder: User, founder_institution: Institution) -> Institution:
    """DOMAIN.md: the co-founder is one of the founder's contacts, a validated member of another institution."""
    if cofounder.pk == founder.pk:
        raise DomainError(_("You cannot be your own co-founder."))
    if not is_network_member(cofounder):
        raise DomainError(_("The co-founder must be a validated member."))
    if not are_contacts(founder, cofounder.pk) or is_blocked_between(founder, cofounder.pk):
        raise DomainError(_("The co-founder must be one of your contacts."))
    institution = _institution_of(cofounder)
    if institution is None or institution.pk == founder_institution.pk:
        raise DomainError(_("A project needs two founders from two different institutions."))
    return institution


def _kind(founder: User, cofounder: User | None) -> str:
    if cofounder is None:
        return ""
    return ProjectKind.EUROPEAN if founder.country_id != cofounder.country_id else ProjectKind.NATIONAL


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


# --- NSO approval -------------------------------------------------------------------------------------


def approve(officer: User, approval: ProjectApproval) -> Project:
    """The NSO of one founder's country approves. When every country of the round has approved, the project
    becomes active and its space opens."""
    return _decide(officer, approval, approved=True, reason="")


def reject(officer: User, approval: ProjectApproval, reason: str) -> Project:
    """The NSO returns the project to its founders with a reason; the round ends for every country."""
    if not reason.strip():
        raise DomainError(_("Please give the founders a reason."))
    return _decide(officer, approval, approved=False, reason=reason.strip())


def _decide(officer: User, approval: ProjectApproval, *, approved: bool, reason: str) -> Project:
    if not access.can_decide_approval(officer, approval):
        raise DomainError(
            _("Only the national support organisation of a founder's country can decide on this project.")
        )
    with transaction.atomic():
        project = _locked(approval.project)
        locked = ProjectApproval.objects.select_for_update().get(pk=approval.pk)
        if locked.state != ApprovalState.PENDING:
            raise DomainError(_("This approval has already been decided."))
        if project.state != ProjectState.AWAITING_APPROVAL or locked.round != project.approval_round:
            raise DomainError(_("This project is not waiting for approval."))
        now = _now()
        locked.state = ApprovalState.APPROVED if approved else ApprovalState.REJECTED
        locked.decided_by = officer
        locked.decided_at = now
        locked.reason = reason[:1000]
        locked.save(update_fields=["state", "decided_by", "decided_at", "reason"])
        record_audit(
            officer,
            "project.approved" if approved else "project.rejected",
            project,
            country=locked.country,
            reason=reason,
        )
        founders = [project.founder, project.cofounder]
        context = {"project": project, "country": locked.country, "reason": reason, "url": _project_url(project)}
        if approved:
            _event(project, EventKind.APPROVED, officer, country_id=locked.country_id)
            still_waiting = ProjectApproval.objects.filter(
                project=project, round=project.approval_round, state=ApprovalState.PENDING
            )
            if not still_waiting.exists():
                _activate(project)
                for founder in founders:
                    _mail(founder, "project_active", context)  # type: ignore[arg-type]
        else:
            ProjectApproval.objects.filter(
                project=project, round=project.approval_round, state=ApprovalState.PENDING
            ).update(state=ApprovalState.CANCELLED)
            _set_state(project, ProjectState.DRAFT)
            _event(project, EventKind.REJECTED, officer, country_id=locked.country_id, reason=reason)
            for founder in founders:
                _mail(founder, "project_returned", context)  # type: ignore[arg-type]
    return project


def _activate(project: Project) -> None:
    from comenius.spaces.models import Space

    project.activated_at = _now()
    _set_state(project, ProjectState.ACTIVE, "activated_at")
    Space.objects.get_or_create(project=project)
    _event(project, EventKind.ACTIVATED, None)
    refresh_search(project)


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


def _end_live_connections(user_id: int) -> None:
    """Someone who left a project must stop receiving its chat at once."""
    from comenius.spaces.services.chat import revoke_user

    revoke_user(user_id)  # sent once the transaction commits


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
        _end_live_connections(locked.user_id)
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
        _end_live_connections(user.pk)
    return member


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


# --- search -------------------------------------------------------------------------------------------


def refresh_search(project: Project) -> None:
    """Recompute the denormalised filter tags and search text (and the tsvector on PostgreSQL)."""
    from comenius.network.vocabulary import Subject

    countries = {project.founder.country_id, project.cofounder.country_id if project.cofounder else None}
    year = project.starts_on.year if project.starts_on else None
    tokens = [f"s:{s}" for s in project.subjects] + [f"l:{code}" for code in project.languages]
    tokens += [f"c:{code}" for code in sorted(c for c in countries if c)]
    if year:
        tokens.append(f"y:{year}")
    project.tags = f" {' '.join(tokens)} "
    subject_names = [str(Subject(s).label) for s in project.subjects if s in Subject.values]
    project.search_text = " ".join(part for part in [project.title, project.summary, *subject_names] if part)
    project.search_config = search_config(project.languages[0] if project.languages else project.founder.language)
    project.save(update_fields=["tags", "search_text", "search_config"])
    if is_postgres():
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(vector_sql(Project._meta.db_table, "title"), [[project.pk]])


def forget_member(user: User) -> None:
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
