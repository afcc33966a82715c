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
