"""Permission-matrix rows of the ambassadors' pages (merged into site/tests/test_permission_matrix.py).
Mette is made an ambassador for Nordjylland through the services; she has no photo."""

from __future__ import annotations

from typing import Any

PEOPLE = ["anon", "mette", "lucia", "otto", "nina", "pia", "jonas", "ana", "carla"]
MEMBERS = ["mette", "lucia", "otto"]
OFFICERS = ["jonas", "ana", "carla"]


def per_group(anon: int, members: int, nina: int, pia: int, officers: int, **overrides: int) -> dict[str, int]:
    table = {
        "anon": anon,
        "nina": nina,
        "pia": pia,
        **dict.fromkeys(MEMBERS, members),
        **dict.fromkeys(OFFICERS, officers),
    }
    table.update(overrides)
    return table


def public(status: int = 200) -> dict[str, int]:
    return {**dict.fromkeys(PEOPLE, status), "pia": 404}


def mettes_appointment(cast: Any) -> dict[str, Any]:
    from comenius.ambassadors.models import Appointment
    from comenius.ambassadors.tests.helpers import appoint

    found = Appointment.objects.filter(user=cast.mette).first() or appoint(cast.jonas, cast.mette, ["dk-nordjylland"])
    return {"pk": found.pk}


def denmark(cast: Any) -> dict[str, Any]:
    mettes_appointment(cast)
    return {"code": "dk"}


def no_args(cast: Any) -> dict[str, Any]:
    mettes_appointment(cast)
    return {}


ROWS = {
    "ambassadors:index": (no_args, public()),
    "ambassadors:country": (denmark, public()),
    "ambassadors:contact": (mettes_appointment, per_group(200, 200, 200, 404, 404, mette=404)),
    "ambassadors:photo": (mettes_appointment, dict.fromkeys(PEOPLE, 404)),  # she has no photo
    "ambassadors:mine": (no_args, per_group(302, 404, 302, 404, 404, mette=200)),
    "ambassadors:answer": (lambda cast: {**no_args(cast), "answer": "accept"}, per_group(302, 405, 302, 404, 404)),
    "ambassadors:newcomers": (no_args, per_group(302, 404, 302, 404, 404, mette=200)),
    "ambassadors:offer_help": (lambda cast: {"pk": 1}, per_group(302, 405, 302, 404, 404)),
    "ambassadors:ask_for_help": (no_args, per_group(302, 200, 200, 404, 404)),
    "ambassadors:manage": (no_args, per_group(302, 404, 404, 404, 200)),
    # Without a size the poster form sends the officer back to the ambassadors' page.
    "ambassadors:poster": (no_args, per_group(302, 404, 404, 404, 302)),
    "ambassadors:appointment": (mettes_appointment, per_group(302, 404, 404, 404, 200, ana=404)),
    "ambassadors:renew": (mettes_appointment, per_group(302, 404, 404, 404, 405)),
    "ambassadors:end": (mettes_appointment, per_group(302, 404, 404, 404, 405)),
}
