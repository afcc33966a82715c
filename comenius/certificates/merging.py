"""Account merge in certificates (issue 12): the lifecycle's `merge` hook for certificates.

Called by `accounts.merge.merge_accounts` only, inside its transaction, with both user rows locked. Every
certificate of the merged account becomes the kept account's, with its code unchanged (printed codes keep
verifying). One person has one valid certificate per kind and subject (a constraint): where both accounts hold
one for the same thing, the older stays valid and the newer is revoked as a duplicate (its page then says
"revoked" with the date) — named in the notes. Certificates the merged account issued or revoked name the kept
account as the one who did.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from comenius.certificates.models import Certificate


def merge_member(kept: Any, merged: Any) -> list[str]:
    notes: list[str] = []
    valid = Certificate.objects.filter(revoked_at__isnull=True)
    kept_valid = {(c.kind, c.subject_type, c.subject_id): c for c in valid.filter(member=kept)}
    for theirs in valid.filter(member=merged).order_by("pk"):
        ours = kept_valid.get((theirs.kind, theirs.subject_type, theirs.subject_id))
        if ours is None:
            continue
        newer = theirs if theirs.issued_at >= ours.issued_at else ours
        older = ours if newer is theirs else theirs
        Certificate.objects.filter(pk=newer.pk).update(
            revoked_at=timezone.now(), revoke_reason=f"Duplicate after an account merge; {older.code} stays valid."
        )
        notes.append(f"certificate {newer.code} revoked as a duplicate of {older.code}")
    Certificate.objects.filter(member=merged).update(member=kept)
    Certificate.objects.filter(issued_by=merged).update(issued_by=kept)
    Certificate.objects.filter(revoked_by=merged).update(revoked_by=kept)
    return notes
