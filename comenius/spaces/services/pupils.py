"""Pupils: accounts a teacher creates (no e-mail, a first name or nickname only), their places in spaces."""

from __future__ import annotations

import secrets
import unicodedata

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from comenius.accounts.models import Role, User
from comenius.core.errors import DomainError
from comenius.spaces import access
from comenius.spaces.models import Space, SpacePupil

# Pronounceable, unambiguous pieces for passwords a 10-year-old can type from a card (no 0/O, 1/l/I).
CONSONANTS = "bdfgkmnprstvz"
VOWELS = "aeiou"
USERNAME_CHARACTERS = "abcdefghjkmnpqrstuvwxyz23456789"


def simple_password() -> str:
    """Like "mavo-tika-47": easy to read aloud and type, about 10^9 combinations (logins are throttled)."""

    def word() -> str:
        return "".join(secrets.choice(CONSONANTS) + secrets.choice(VOWELS) for _ in range(2))

    return f"{word()}-{word()}-{secrets.randbelow(90) + 10}"


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    cleaned = "".join(ch for ch in ascii_name if ch.isalnum())[:12]
    return cleaned or "pupil"


def new_username(first_name: str) -> str:
    while True:
        candidate = f"{_slug(first_name)}.{''.join(secrets.choice(USERNAME_CHARACTERS) for _ in range(4))}"
        if not User.objects.filter(username=candidate).exists():
            return candidate


def clean_first_name(name: str) -> str:
    name = " ".join(name.split())
    if not name or len(name) > 40 or any(ch in name for ch in "<>@") or any(ord(ch) < 32 for ch in name):
        raise DomainError(_("Use a first name or nickname of at most 40 letters (no e-mail addresses)."))
    return name


def consent_needed(space: Space, teacher: User) -> bool:
    """DOMAIN.md: below the country's digital-consent age, parents consent. The project's youngest pupils
    decide (unknown ages count as young)."""
    consent_age = teacher.country.consent_age if teacher.country else 16
    youngest = space.project.age_min
    return youngest is None or youngest < consent_age


def add_pupils(
    teacher: User, space: Space, first_names: list[str], *, consent_confirmed: bool
) -> list[tuple[User, str]]:
    """A teacher (teacher administrator or teacher of the space) adds pupils. Returns each new account with its
    password, shown once (for the login cards). Below the country's digital-consent age the teacher must
    confirm parental consent; the confirmation is recorded with the pupil's place."""
    seat = access.seat_for(teacher, space.pk)
    if not access.can(seat, "manage_pupils"):
        raise DomainError(_("Only the teachers of this space can add pupils."))
    names = [clean_first_name(name) for name in first_names if name.strip()]
    if not names:
        raise DomainError(_("Write at least one first name."))
    if len(names) > 60:
        raise DomainError(_("Add at most 60 pupils at a time."))
    needs_consent = consent_needed(space, teacher)
    if needs_consent and not consent_confirmed:
        raise DomainError(_("Please confirm that the parents have given their consent."))
    created: list[tuple[User, str]] = []
    now = timezone.now()
    with transaction.atomic():
        for name in names:
            password = simple_password()
            pupil = User.objects.create_user(
                username=new_username(name), password=password, first_name=name, role=Role.PUPIL,
                country=teacher.country, language=teacher.language,
            )  # fmt: skip
            SpacePupil.objects.create(
                space=space,
                user=pupil,
                added_by=teacher,
                consent_confirmed_by=teacher if needs_consent else None,
                consent_confirmed_at=now if needs_consent else None,
            )
            created.append((pupil, password))
    return created
