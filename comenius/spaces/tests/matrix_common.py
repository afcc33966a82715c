"""Helpers for the permission-matrix rows of the project spaces (core/tests/test_permission_matrix.py merges
the ROWS of every `matrix_<area>.py` here). The cast's project space: Mette and Lucía are its teacher
administrators, Pia its pupil; Otto, Nina, the officers and visitors are outside it."""

from __future__ import annotations

from typing import Any

ROLES = ["anon", "mette", "lucia", "otto", "nina", "pia", "jonas", "ana", "carla"]


def space(cast: Any) -> dict[str, Any]:
    return {"space_id": cast.project.space.pk}


def inside(teachers: int = 200, pupil: int = 200, **overrides: int) -> dict[str, int]:
    """Statuses for a space page: visitors are sent to log in, everyone outside the space gets 404."""
    table = dict.fromkeys(ROLES, 404)
    table.update(anon=302, mette=teachers, lucia=teachers, pia=pupil)
    table.update(overrides)
    return table
