"""What recognition forgets when a member deletes their account (core/lifecycle.py)."""

from __future__ import annotations

from typing import Any

from comenius.core.lifecycle import Deletion
from comenius.recognition.models import (
    EQLNomination,
    JuryMember,
    JuryScore,
    Label,
    NQLApplication,
    PrizeEntry,
    SchoolLabelApplication,
)


def forget_member(user: Any, deletion: Deletion) -> int:
    """The member's applications and labels go (they are personal); a school label stays with the school but no
    longer names the member; their jury seats and scores go; assessments stay with the NSO's decision (they are
    the national team's record, the assessor's row is anonymised by accounts)."""
    count = Label.objects.filter(holder=user).delete()[0]
    count += NQLApplication.objects.filter(applicant=user).delete()[0]
    count += JuryScore.objects.filter(juror=user).delete()[0]
    count += JuryMember.objects.filter(user=user).delete()[0]
    count += PrizeEntry.objects.filter(entered_by=user).update(entered_by=None)
    count += EQLNomination.objects.filter(nominated_by=user).update(nominated_by=None)
    for application in SchoolLabelApplication.objects.filter(applicant=user):
        application.applicant = None
        application.save(update_fields=["applicant"])
        count += 1
    return count


def merge_member(kept: Any, merged: Any) -> None:
    """Account merge (one account per person): the merged account's applications, labels, assessments, jury
    seats and scores move to the kept account. Where both accounts hold the same thing (an application for one
    project in one school year, a label, an assessment of one application and stage, a jury seat or score), the
    kept account's stays and the other goes — the stronger application (decided before sent before draft) wins."""
    from comenius.recognition.models import Assessment

    strength = {"awarded": 4, "refused": 3, "submitted": 2, "draft": 1, "withdrawn": 0}
    for theirs in NQLApplication.objects.filter(applicant=merged).exclude(state="withdrawn"):
        ours = (
            NQLApplication.objects.filter(project_id=theirs.project_id, applicant=kept, school_year=theirs.school_year)
            .exclude(state="withdrawn")
            .first()
        )
        if ours is not None and strength[ours.state] >= strength[theirs.state]:
            theirs.delete()
            continue
        if ours is not None:
            ours.delete()
        theirs.applicant = kept
        theirs.save(update_fields=["applicant"])
    NQLApplication.objects.filter(applicant=merged).update(applicant=kept)
    NQLApplication.objects.filter(decided_by=merged).update(decided_by=kept)
    for label in Label.objects.filter(holder=merged):
        if Label.objects.filter(
            kind=label.kind, holder=kept, project=label.project, school_year=label.school_year
        ).exists():
            label.delete()
        else:
            label.holder = kept
            label.save(update_fields=["holder"])
    for assessment in Assessment.objects.filter(assessor=merged):
        if Assessment.objects.filter(
            application_id=assessment.application_id, assessor=kept, stage=assessment.stage
        ).exists():
            assessment.delete()
        else:
            assessment.assessor = kept
            assessment.save(update_fields=["assessor"])
    Assessment.objects.filter(assigned_by=merged).update(assigned_by=kept)
    for seat in JuryMember.objects.filter(user=merged):
        if JuryMember.objects.filter(round_id=seat.round_id, user=kept).exists():
            seat.delete()
        else:
            seat.user = kept
            seat.save(update_fields=["user"])
    for score in JuryScore.objects.filter(juror=merged):
        if JuryScore.objects.filter(entry_id=score.entry_id, juror=kept).exists():
            score.delete()
        else:
            score.juror = kept
            score.save(update_fields=["juror"])
    PrizeEntry.objects.filter(entered_by=merged).update(entered_by=kept)
    EQLNomination.objects.filter(nominated_by=merged).update(nominated_by=kept)
    SchoolLabelApplication.objects.filter(applicant=merged).update(applicant=kept)
