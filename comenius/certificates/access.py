"""Reads of certificates that depend on who asks.

A certificate's verification page is public by design (whoever holds the code may check it); everything else
— the list, the PDF, the profile choice — is its owner's.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from comenius.accounts.models import User
from comenius.certificates import registry
from comenius.certificates.models import Certificate, normalise_code
from comenius.core.lifecycle import ExportPart


def by_code(code: str) -> Certificate | None:
    """The certificate with this verification code (typed in any case, with or without dashes), or None."""
    normal = normalise_code(code)
    if not normal:
        return None
    return Certificate.objects.select_related("member").filter(code=normal).first()


def own_certificates(user: User) -> QuerySet[Certificate]:
    return Certificate.objects.filter(member=user)


def get_own_certificate(user: User, pk: int) -> Certificate:
    """The member's own certificate; 404 for anyone else's."""
    found = Certificate.objects.filter(member=user, pk=pk).first()
    if found is None:
        raise Http404
    return found


def shown_on_profile(member: User) -> list[Certificate]:
    """The valid certificates a member chose to list on their profile (for the profile page of the app above)."""
    return list(Certificate.objects.valid().filter(member=member, shown_on_profile=True))


def for_subject(kind: str, subject_type: str, subject_id: int) -> QuerySet[Certificate]:
    """Every certificate of a kind given for one subject (an organiser's view of their event)."""
    return Certificate.objects.filter(kind=kind, subject_type=subject_type, subject_id=subject_id)


def first_of_subject(kind: str, subject_id: int) -> Certificate | None:
    """One certificate of a kind for a subject (the public Open Badges BadgeClass reads what it certifies)."""
    return Certificate.objects.filter(kind=kind, subject_id=subject_id).order_by("pk").first()


@dataclass(frozen=True)
class Verification:
    """What the public verification page shows: never more than the certificate itself states."""

    certificate: Certificate
    kind_label: str
    description: str
    subject_url: str | None


def verification_of(certificate: Certificate) -> Verification:
    kind = registry.get(certificate.kind)
    label = str(kind.label) if kind else ""
    description = kind.describe(certificate) if kind and kind.describe else ""
    url = kind.subject_url(certificate) if kind and kind.subject_url else None
    return Verification(certificate, label, description, url)


def kind_label(certificate: Certificate) -> str:
    kind = registry.get(certificate.kind)
    return str(kind.label) if kind else ""


def own_data(user: User) -> ExportPart:
    """The member's certificates for the privacy export (with their verification addresses)."""
    rows = [
        {
            "code": certificate.code,
            "kind": certificate.kind,
            "title": certificate.title,
            "name": certificate.recipient_name,
            "hours": str(certificate.hours) if certificate.hours is not None else None,
            "date": certificate.achieved_on.isoformat(),
            "issuer": certificate.issuer,
            "issued_at": certificate.issued_at.isoformat(),
            "revoked_at": certificate.revoked_at.isoformat() if certificate.revoked_at else None,
            "shown_on_profile": certificate.shown_on_profile,
            "verification_url": certificate.verification_url(),
        }
        for certificate in Certificate.objects.filter(member=user)
    ]
    return ExportPart({"certificates": rows}, {})
