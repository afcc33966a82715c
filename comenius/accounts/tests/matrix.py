"""Permission-matrix rows for the accounts URLs of issue 17 (merged into site/tests/test_permission_matrix.py):
the log-in locks page is for officers (with MFA: Jonas, Ana, Carla); lifting is POST-only (pupils: 404)."""

from __future__ import annotations

from typing import Any

ROLES = ["anon", "mette", "lucia", "otto", "nina", "pia", "jonas", "ana", "carla"]
OFFICERS = ["jonas", "ana", "carla"]


def NO_ARGS(cast: Any) -> dict[str, Any]:  # noqa: N802 - the matrix's name for it
    return {}


def a_lock(cast: Any) -> dict[str, Any]:
    return {"pk": 1}


def statuses(default: int, **overrides: int) -> dict[str, int]:
    return {**dict.fromkeys(ROLES, default), **overrides}


ROWS: dict[str, tuple[Any, dict[str, int]]] = {
    "accounts:login_locks": (NO_ARGS, statuses(404, anon=302, **dict.fromkeys(OFFICERS, 200))),
    "accounts:lift_login_lock": (a_lock, statuses(405, pia=404)),  # pupils never reach officer URLs
}
