"""NSO approval: each founder country's NSO approves or returns the project; when all approved, the
project becomes active and its space opens."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from comenius.accounts.models import User
from comenius.core.errors import DomainError
from comenius.core.services import record_audit
from comenius.projects import access, signals
from comenius.projects.models import (
    ApprovalState,
    EventKind,
    Project,
    ProjectApproval,
    ProjectState,
)
from comenius.projects.services._common import (
    _event,
    _locked,
    _mail,
    _now,
    _project_url,
    _set_state,
    refresh_search,
)

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
    project.activated_at = _now()
    _set_state(project, ProjectState.ACTIVE, "activated_at")
    signals.project_activated.send(sender=Project, project=project)  # the space opens
    _event(project, EventKind.ACTIVATED, None)
    refresh_search(project)
