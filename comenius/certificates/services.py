"""Writes of certificates: issue, revoke, show on the profile, forget.

The issuing apps (events, courses, recognition) call `issue` from their own services once they have checked
that the member earned it; this app only checks that the kind is registered and the member is a member.
Revocation is checked here, against the kind's `may_revoke` (central support always may).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from comenius.accounts.models import User
from comenius.certificates import notifying, registry
from comenius.certificates.models import Certificate
from comenius.core.emails import absolute_url
from comenius.core.errors import DomainError
from comenius.core.lifecycle import Deletion
from comenius.core.services import record_audit

REASON_MAX = 500


@dataclass(frozen=True)
class Issued:
    certificate: Certificate
    created: bool  # False when the member already held a valid certificate for this subject


def issue(
    member: User,
    kind: str,
    subject: models.Model,
    *,
    title: str,
    hours: Decimal | float | int | None,
    achieved_on: date,
    issuer: str,
    issued_by: User | None = None,
    notify: bool = True,
) -> Issued:
    """Give `member` a certificate of `kind` (a registered `registry.IssuingKind` key) for `subject`.

    Who may call: an issuing app's service, after its own checks (an organiser marked attendance, a course
    computed completion). Idempotent: a member holds at most one valid certificate per subject and kind, and
    issuing again returns it (`created=False`). Locks the member's row, so two concurrent calls give one
    certificate. Emits an audit entry ("certificate.issued") and (when `notify`) a notification
    "certificates.certificate": in-app, and an e-mail in the member's language with the link to their certificates.
    """
    if registry.get(kind) is None:
        raise ValueError(f"Unknown certificate kind {kind!r}: register it in certificates.registry first.")
    if member.is_pupil:
        raise DomainError(_("Pupils do not receive certificates."))
    subject_type = subject._meta.label_lower
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=member.pk).first()
        existing = (
            Certificate.objects.valid()
            .filter(member=member, kind=kind, subject_type=subject_type, subject_id=subject.pk)
            .first()
        )
        if existing is not None:
            return Issued(existing, created=False)
        try:
            with transaction.atomic():
                certificate = Certificate.objects.create(
                    member=member,
                    kind=kind,
                    subject_type=subject_type,
                    subject_id=subject.pk,
                    recipient_name=member.get_full_name()[:200],
                    title=title[:300],
                    hours=None if hours is None else Decimal(str(hours)),
                    achieved_on=achieved_on,
                    issuer=issuer[:200],
                    issued_by=issued_by,
                )
        except IntegrityError:
            # A code collision (98 bits: practically never) or a race the row lock could not see (no lock on
            # SQLite's deferred transactions): the constraint still holds; answer with what is there.
            again = (
                Certificate.objects.valid()
                .filter(member=member, kind=kind, subject_type=subject_type, subject_id=subject.pk)
                .first()
            )
            if again is None:
                raise
            return Issued(again, created=False)
        record_audit(issued_by, "certificate.issued", certificate, country=member.country)
        if notify:
            context = {
                "certificate": certificate,
                "url": absolute_url(reverse("certificates:mine")),
                "verify_url": certificate.verification_url(),
            }
            notifying.tell(member, "issued", certificate, context)
    return Issued(certificate, created=True)


def may_revoke(actor: Any, certificate: Certificate) -> bool:
    """Whether `actor` may revoke: central support, or whoever the issuing app's `may_revoke` allows."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    if actor.is_central_support:
        return True
    kind = registry.get(certificate.kind)
    return kind is not None and bool(kind.may_revoke(actor, certificate))


def revoke(actor: User, certificate: Certificate, reason: str) -> Certificate:
    """Revoke a certificate: its verification page says "revoked" from now on, with the date (not the reason,
    which stays with the member and the audit log).

    Who may call: `may_revoke(actor, certificate)` (checked here again). Locks the certificate row, so a double
    submit revokes once. Refuses an already revoked certificate and an empty reason. Emits an audit entry
    ("certificate.revoked") and a notification to the member with the reason, in their language.
    """
    reason = " ".join(reason.split())[:REASON_MAX]
    if not reason:
        raise DomainError(_("Say why the certificate is revoked."))
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if not may_revoke(actor, locked):
            raise DomainError(_("You cannot revoke this certificate."))
        if locked.is_revoked:
            raise DomainError(_("This certificate is already revoked."))
        locked.revoked_at = timezone.now()
        locked.revoked_by = actor
        locked.revoke_reason = reason
        locked.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
        record_audit(actor, "certificate.revoked", locked, country=locked.member.country, reason=reason)
        notifying.tell(locked.member, "revoked", locked, {"certificate": locked, "reason": reason})
    return locked


def revoke_for_subject(actor: User | None, kind: str, subject: models.Model, member: User, reason: str) -> int:
    """Revoke the member's valid certificate of `kind` for `subject`, if any (an organiser un-marks attendance).

    Who may call: the issuing app's services, which checked the actor's rights themselves. Returns how many were
    revoked (0 or 1). Audit entry as `revoke`; no e-mail (the issuing app tells the member what changed)."""
    with transaction.atomic():
        found = list(
            Certificate.objects.select_for_update()
            .valid()
            .filter(member=member, kind=kind, subject_type=subject._meta.label_lower, subject_id=subject.pk)
        )
        for certificate in found:
            certificate.revoked_at = timezone.now()
            certificate.revoked_by = actor
            certificate.revoke_reason = " ".join(reason.split())[:REASON_MAX]
            certificate.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
            record_audit(actor, "certificate.revoked", certificate, country=member.country, reason=reason)
    return len(found)


def set_shown_on_profile(member: User, certificate: Certificate, shown: bool) -> Certificate:
    """The member chooses whether a certificate of theirs is listed on their profile. Only its owner may call."""
    if certificate.member_id != member.pk:
        raise DomainError(_("This is not your certificate."))
    Certificate.objects.filter(pk=certificate.pk).update(shown_on_profile=shown)
    certificate.shown_on_profile = shown
    return certificate


def forget_member(user: User, deletion: Deletion) -> int:
    """Member lifecycle (delete): the member's certificates go; their codes then verify as unknown."""
    deleted, _kinds = Certificate.objects.filter(member=user).delete()
    return deleted
