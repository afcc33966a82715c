"""Permission-matrix rows of the certificate pages (merged into site/tests/test_permission_matrix.py)."""

from __future__ import annotations

from typing import Any

from comenius.certificates.tests.sample import mettes_certificate
from comenius.devdata.testing import Cast

ROLES = ["anon", "mette", "lucia", "otto", "nina", "pia", "jonas", "ana", "carla"]
MEMBERS = ["mette", "lucia", "otto"]
OFFICERS = ["jonas", "ana", "carla"]


def NO_ARGS(cast: Cast) -> dict[str, Any]:  # noqa: N802 - the matrix's name for it
    return {}


def statuses(default: int, **overrides: int) -> dict[str, int]:
    return {**dict.fromkeys(ROLES, default), **overrides}


def per_group(anon: int, members: int, nina: int, pia: int, officers: int, **overrides: int) -> dict[str, int]:
    """As in the matrix: visitors, the validated members, Nina (pending), Pia (pupil), the officers."""
    table = {"anon": anon, "nina": nina, "pia": pia, **dict.fromkeys(MEMBERS, members)}
    return {**table, **dict.fromkeys(OFFICERS, officers), **overrides}


def mettes_code(cast: Cast) -> dict[str, Any]:
    return {"code": mettes_certificate(cast).code}


def mettes_badge(cast: Cast) -> dict[str, Any]:
    certificate = mettes_certificate(cast)
    return {"kind": certificate.kind, "subject_id": certificate.subject_id}


def mettes_pk(cast: Cast) -> dict[str, Any]:
    return {"pk": mettes_certificate(cast).pk}


ROWS = {
    # Verification is public (whoever holds the paper); pupils stay in their spaces.
    "certificates:verify_form": (NO_ARGS, statuses(200, pia=404)),
    "certificates:verify": (mettes_code, statuses(200, pia=404)),
    # Open Badges 2.0 hosted verification: public JSON-LD (pupils stay in their spaces).
    "certificates:ob_issuer": (NO_ARGS, statuses(200, pia=404)),
    "certificates:ob_badge": (mettes_badge, statuses(200, pia=404)),
    "certificates:ob_assertion": (mettes_code, statuses(200, pia=404)),
    # The member's own certificates; the PDF only for its owner.
    "certificates:mine": (NO_ARGS, per_group(302, 200, 302, 404, 404)),
    "certificates:pdf": (mettes_pk, per_group(302, 404, 302, 404, 404, mette=200)),
    "certificates:profile_choice": (mettes_pk, per_group(302, 405, 302, 404, 404)),
    # Revocation: the issuing app's organisers (here the Danish national team) and central support.
    "certificates:revoke": (mettes_pk, per_group(302, 404, 404, 404, 404, jonas=200, carla=200)),
}
