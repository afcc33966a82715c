"""Account merge in moderation (issue 12): the lifecycle's `merge` hook for moderation.

Called by `accounts.merge.merge_accounts` only, inside its transaction, with both user rows locked. Reports the
merged account made, reports about its content and the decisions it took move to the kept account, and so do
reports about the merged account itself (kind "member": the person is the kept account now). One open report
per reporter and target (a constraint): where both accounts reported the same thing, the kept account's report
stays open, takes the other's comment after its own, and the other goes — named in the notes.
"""

from __future__ import annotations

from typing import Any

from comenius.moderation.models import Report, ReportState

MEMBER_KIND = "member"  # network's kind for a member's profile: its object id is the user's id


def merge_member(kept: Any, merged: Any) -> list[str]:
    notes: list[str] = []
    _retarget(Report.objects.filter(kind=MEMBER_KIND, object_id=merged.pk), kept.pk, notes)
    for theirs in Report.objects.filter(reporter=merged, state=ReportState.OPEN):
        ours = Report.objects.filter(
            reporter=kept, kind=theirs.kind, object_id=theirs.object_id, state=ReportState.OPEN
        ).first()
        if ours is not None:
            _join(ours, theirs)
            notes.append(f"report #{theirs.pk} joined report #{ours.pk} (the same report from both accounts)")
    Report.objects.filter(reporter=merged).update(reporter=kept)
    Report.objects.filter(author=merged).update(author=kept)
    Report.objects.filter(decided_by=merged).update(decided_by=kept)
    return notes


def _retarget(reports: Any, new_id: int, notes: list[str]) -> None:
    """Reports about the merged member become reports about the kept one (one open per reporter)."""
    for report in reports.order_by("pk"):
        if report.state == ReportState.OPEN:
            twin = Report.objects.filter(
                reporter=report.reporter_id, kind=report.kind, object_id=new_id, state=ReportState.OPEN
            ).first()
            if twin is not None and report.reporter_id is not None:
                _join(twin, report)
                notes.append(f"report #{report.pk} joined report #{twin.pk} (both accounts reported)")
                continue
        Report.objects.filter(pk=report.pk).update(object_id=new_id)


def _join(ours: Report, theirs: Report) -> None:
    if theirs.comment and theirs.comment not in ours.comment:
        ours.comment = f"{ours.comment}\n\n{theirs.comment}".strip()[: Report._meta.get_field("comment").max_length]
        ours.save(update_fields=["comment"])
    theirs.delete()
