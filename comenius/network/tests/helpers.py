from __future__ import annotations

from itertools import count

from comenius.accounts.models import User
from comenius.core.models import Country
from comenius.devdata.testing import make_institution, partner_profile, register, validated

_numbers = count(1)


def member(
    country: str,
    *,
    officer: User,
    first_name: str = "Test",
    last_name: str | None = None,
    subjects: list[str] | None = None,
    languages: dict[str, int] | None = None,
    ages: tuple[int, int] = (10, 12),
    available: bool = True,
    introduction: str = "",
    institution_type: str = "primary",
) -> User:
    """A validated member with a partner profile, in a school of their own."""
    number = next(_numbers)
    school = make_institution(Country.objects.get(code=country), f"School {number}", institution_type, "Town")
    user = validated(
        register(f"member{number}@school{number}.example", first_name, last_name or f"Member{number}", school), officer
    )
    partner_profile(
        user, subjects or ["history"], languages or {"en": 3}, ages, available=available, introduction=introduction
    )
    return user
