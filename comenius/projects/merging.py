"""Account merge in projects (issue 12): the lifecycle's `merge` hook for projects.

Called by `accounts.merge.merge_accounts` only, inside its transaction, with both user rows locked; it locks the
projects it changes. The merged account's projects (as founder or co-founder), places, invitations sent and the
projects' history move to the kept account. A project keeps the institutions it was founded with.

Where both accounts have a live place in one project (invited or member), one stays: the stronger (a member
before an invitation, a founder before anyone, then the higher role), carrying the founder flag if either had
it; the other is kept as history (an invitation "withdrawn", a place "left") and named in the notes.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone

from comenius.projects.models import (
    LIVE_MEMBER_STATES,
    MemberState,
    Project,
    ProjectApproval,
    ProjectEvent,
    ProjectMember,
    ProjectRole,
)

ROLE_ORDER = [ProjectRole.OBSERVER, ProjectRole.EXPERT, ProjectRole.TEACHER, ProjectRole.TEACHER_ADMIN]


def merge_member(kept: Any, merged: Any) -> list[str]:
    notes: list[str] = []
    touched = set(Project.objects.filter(Q(founder=merged) | Q(cofounder=merged)).values_list("pk", flat=True))
    touched |= set(ProjectMember.objects.filter(user=merged).values_list("project_id", flat=True))
    projects = list(
        Project.objects.select_for_update().filter(pk__in=touched).order_by("pk").values_list("pk", flat=True)
    )
    kept_keys = set(Project.objects.filter(founder=kept).values_list("creation_key", flat=True))
    for project in Project.objects.filter(founder=merged, creation_key__in=kept_keys):
        project.creation_key = f"{project.creation_key[:30]}-m{merged.pk}"[:40]
        project.save(update_fields=["creation_key"])
    Project.objects.filter(founder=merged).update(founder=kept)
    Project.objects.filter(cofounder=merged).update(cofounder=kept)
    for project_id in Project.objects.filter(founder=kept, cofounder=kept, pk__in=projects).values_list(
        "pk", flat=True
    ):
        notes.append(f"project #{project_id}: both founders were this person's two accounts")
    for theirs in ProjectMember.objects.filter(user=merged, state__in=LIVE_MEMBER_STATES):
        ours = ProjectMember.objects.filter(
            project_id=theirs.project_id, user=kept, state__in=LIVE_MEMBER_STATES
        ).first()
        if ours is None:
            continue
        stronger, weaker = (theirs, ours) if _strength(theirs) > _strength(ours) else (ours, theirs)
        if weaker.is_founder and not stronger.is_founder:
            stronger.is_founder = True
            stronger.role = ProjectRole.TEACHER_ADMIN
            stronger.save(update_fields=["is_founder", "role"])
        settled = MemberState.LEFT if weaker.state == MemberState.ACTIVE else MemberState.WITHDRAWN
        ProjectMember.objects.filter(pk=weaker.pk).update(
            state=settled, is_founder=False, decided_at=timezone.now(), reason="account merge"
        )
        notes.append(f"project #{theirs.project_id}: two places became one (place #{weaker.pk} {settled})")
    ProjectMember.objects.filter(user=merged).update(user=kept)
    ProjectMember.objects.filter(invited_by=merged).update(invited_by=kept)
    ProjectApproval.objects.filter(decided_by=merged).update(decided_by=kept)
    ProjectEvent.objects.filter(actor=merged).update(actor=kept)
    ProjectEvent.objects.filter(subject=merged).update(subject=kept)
    return notes


def _strength(place: ProjectMember) -> tuple[bool, bool, int]:
    return (place.state == MemberState.ACTIVE, place.is_founder, ROLE_ORDER.index(ProjectRole(place.role)))
