"""A certificate kind for the tests of this app (the real kinds come from the apps above)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from comenius.certificates import registry, services
from comenius.certificates.models import Certificate
from comenius.devdata.testing import Cast

SAMPLE_KIND = "tests.sample"


def _may_revoke(actor: object, certificate: Certificate) -> bool:
    # As an NSO-organised event would say: the national team of the member's country.
    return bool(getattr(actor, "is_nso_officer", False)) and actor.country_id == certificate.member.country_id  # type: ignore[attr-defined]


def register_sample() -> None:
    registry.register(
        registry.IssuingKind(
            SAMPLE_KIND,
            label=_("Attendance of an event"),
            may_revoke=_may_revoke,
            describe=lambda certificate: "Workshop in Hjørring",
        )
    )


def mettes_certificate(cast: Cast) -> Certificate:
    """Mette's certificate for a workshop, issued by the Danish national team (the same one when called again)."""
    register_sample()
    return services.issue(
        cast.mette,
        SAMPLE_KIND,
        cast.project,
        title="eTwinning for beginners – workshop",
        hours=3,
        achieved_on=date(2026, 10, 7),
        issuer="Danish national support organisation",
        issued_by=cast.jonas,
        notify=False,
    ).certificate
