"""Open Badges 2.0 hosted verification for certificates: the issuer profile, a BadgeClass per subject (an
event, a course …) and an Assertion per certificate, as JSON-LD at stable public addresses. A verifier fetches
the Assertion at its `id`; a revoked one answers 410 Gone with `revoked: true` (the 2.0 spec's rule for hosted
assertions; the reason is not public, as on the verification page). The recipient is the member's e-mail
address, salted and hashed (SHA-256): the public JSON never shows it."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse

from comenius.certificates import registry
from comenius.certificates.models import Certificate

CONTEXT = "https://w3id.org/openbadges/v2"


def _absolute(path: str) -> str:
    return path if path.startswith("http") else settings.SITE_URL.rstrip("/") + path


def issuer_url() -> str:
    return _absolute(reverse("certificates:ob_issuer"))


def badge_url(certificate: Certificate) -> str:
    return _absolute(
        reverse("certificates:ob_badge", kwargs={"kind": certificate.kind, "subject_id": certificate.subject_id})
    )


def assertion_url(certificate: Certificate) -> str:
    return _absolute(reverse("certificates:ob_assertion", kwargs={"code": certificate.code}))


def issuer() -> dict[str, Any]:
    return {
        "@context": CONTEXT,
        "type": "Issuer",
        "id": issuer_url(),
        "name": str(settings.PLATFORM_NAME),
        "url": settings.SITE_URL.rstrip("/") + "/",
        "email": settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">").strip(),
    }


def badge_class(certificate: Certificate) -> dict[str, Any]:
    """What is certified (from one certificate of the subject: titles and hours are copied at issue time)."""
    kind = registry.get(certificate.kind)
    label = str(kind.label) if kind else ""
    hours = f" ({certificate.hours:g} h)" if certificate.hours is not None else ""
    return {
        "@context": CONTEXT,
        "type": "BadgeClass",
        "id": badge_url(certificate),
        "name": certificate.title,
        "description": f"{label}: {certificate.title}{hours}" if label else certificate.title + hours,
        "image": _absolute(static("certificates/badge.svg")),
        "criteria": {"narrative": label or certificate.title},
        "issuer": issuer_url(),
    }


def _salt(certificate: Certificate) -> str:
    # Stable per certificate without a column: the same salt on every fetch, unknowable without the secret key.
    return hmac.new(settings.SECRET_KEY.encode(), certificate.code.encode(), hashlib.sha256).hexdigest()[:16]


def hashed_identity(email: str, salt: str) -> str:
    return "sha256$" + hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()


def assertion(certificate: Certificate) -> dict[str, Any]:
    """The Assertion; for a revoked certificate only what a verifier needs to know that it is revoked."""
    if certificate.is_revoked:
        return {
            "@context": CONTEXT,
            "type": "Assertion",
            "id": assertion_url(certificate),
            "revoked": True,  # the reason stays with the member and the audit log, as on the verification page
        }
    salt = _salt(certificate)
    return {
        "@context": CONTEXT,
        "type": "Assertion",
        "id": assertion_url(certificate),
        "recipient": {
            "type": "email",
            "hashed": True,
            "salt": salt,
            "identity": hashed_identity(certificate.member.email or "", salt),
        },
        "badge": badge_url(certificate),
        "issuedOn": certificate.issued_at.isoformat(),
        "verification": {"type": "HostedBadge"},
        "evidence": certificate.verification_url(),
    }
