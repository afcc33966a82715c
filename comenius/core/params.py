"""Reading ids from request parameters (`?parent=12`, checkboxes `pupil=3`): the one way, so that none of
the ways a number can be written wrong reaches `int()` or the database.

`str.isdigit()` is not enough: it accepts "²" and "١٢" (which `int()` refuses or reads), and any length
(`int()` refuses more than 4,300 digits; the database more than 64 bits).
"""

from __future__ import annotations

from collections.abc import Iterable

from comenius.core.security import MAX_ID

_DIGITS = frozenset("0123456789")


def positive_id(value: object) -> int | None:
    """A database id written in ASCII digits, 1 to 2**63 − 1; None for anything else."""
    if not isinstance(value, str) or not 0 < len(value) <= 19 or not _DIGITS.issuperset(value):
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


def positive_ids(values: Iterable[object]) -> list[int]:
    """The ids among `values` (a list of checkboxes), in order, leaving out whatever is not one."""
    return [number for number in map(positive_id, values) if number is not None]
