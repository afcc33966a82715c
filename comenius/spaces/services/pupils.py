"""Pupils: accounts a teacher creates (no e-mail, a first name or nickname only), their places in spaces.

Who may call: the teachers of a space with the right "manage_pupils" (teacher administrators and teachers, while
the project is active); every service finds the caller's seat itself (404 outside the space) and refuses with a
translated `DomainError`. Passwords are known only when they are made: `add_pupils` and `reset_passwords` return
them for one response (the credentials page or the login cards) and nothing keeps them.

A pupil who leaves their last space — removed by a teacher, or by the retention rule 12 months after the project
is archived (`delete_expired_pupils`) — is forgotten: the account row stays so that what they wrote keeps its
place, shown as "Former pupil", and nothing that identified them is left.
"""

from __future__ import annotations

import calendar
import re
import secrets
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher, get_hasher, make_password
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from comenius.accounts.models import Role, User
from comenius.core.avatars import PICTURES
from comenius.core.errors import DomainError
from comenius.core.lifecycle import Deletion
from comenius.spaces import access
from comenius.spaces.access import Seat
from comenius.spaces.access_pupils import pupils_elsewhere
from comenius.spaces.models import Space, SpacePupil

# Pronounceable, unambiguous pieces for passwords a 10-year-old can type from a card (no 0/O, 1/l/I).
CONSONANTS = "bdfgkmnprstvz"
VOWELS = "aeiou"
USERNAME_CHARACTERS = "abcdefghjkmnpqrstuvwxyz23456789"
MAX_BATCH = 60


def simple_password() -> str:
    """Like "mavo-tika-4711": easy to read aloud and type; 65² · 65² · 9,000 ≈ 1.6 · 10^11 combinations (logins
    are throttled besides)."""

    def word() -> str:
        return "".join(secrets.choice(CONSONANTS) + secrets.choice(VOWELS) for _ in range(2))

    return f"{word()}-{word()}-{secrets.randbelow(9000) + 1000}"


class GeneratedPasswordHasher(PBKDF2PasswordHasher):
    """PBKDF2-SHA256 (the platform's hasher) with a hundredth of its iterations, for the passwords this module
    generates only, whose keyspace (`simple_password`) was made a hundred times larger for it: a guess at a
    leaked hash costs a hundredth, and there are a hundred times more to make, so guessing a pupil's password
    costs what it cost with two digits and the full iterations (docs/security.md, issue 11). A class of 30 is
    then hashed in a fraction of a second instead of 20 seconds. The hash is a standard `pbkdf2_sha256` one:
    at the pupil's first log-in Django's `check_password` sees the lower iteration count and stores the
    password again with the full default (`must_update`)."""

    iterations = PBKDF2PasswordHasher.iterations // 100


def hashed_generated(password: str) -> str:
    """The stored form of a password `simple_password` made (never for a password a person chose): with the
    platform's own hasher when that is not PBKDF2-SHA256 (an operator's choice, or the tests' fast one)."""
    default = get_hasher()
    if default.algorithm != PBKDF2PasswordHasher.algorithm:
        return make_password(password)
    hasher = GeneratedPasswordHasher()
    return hasher.encode(password, hasher.salt(), max(1, getattr(default, "iterations", 0) // 100))


# Latin letters that do not decompose into a base letter and an accent.
_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"})


def _slug(name: str) -> str:
    latin = name.lower().translate(_LETTERS)
    ascii_name = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode()
    cleaned = "".join(ch for ch in ascii_name if ch.isalnum())[:12]
    return cleaned or "pupil"


def new_username(first_name: str) -> str:
    while True:
        candidate = f"{_slug(first_name)}.{''.join(secrets.choice(USERNAME_CHARACTERS) for _ in range(4))}"
        if not User.objects.filter(username__iexact=candidate).exists():
            return candidate


def clean_first_name(name: str) -> str:
    name = " ".join(name.split())
    if not name or len(name) > 40 or any(ch in name for ch in "<>@") or any(ord(ch) < 32 for ch in name):
        raise DomainError(_("Use a first name or nickname of at most 40 letters (no e-mail addresses)."))
    return name


# "1. Emma", "- Emma", "• Emma", "3) Emma": list markers pasted along with the names.
_LIST_MARKER = re.compile(r"^\s*(?:[-*•·–]|\d{1,3}[.)])\s*")


def split_names(text: str) -> list[str]:
    """A pasted class list: one name a line (commas and semicolons separate too); list markers and empty lines
    are dropped."""
    names = []
    for line in re.split(r"[\n\r,;]+", text):
        name = _LIST_MARKER.sub("", line).strip()
        if name:
            names.append(name)
    return names


def consent_needed(space: Space, teacher: User) -> bool:
    """DOMAIN.md: below the country's digital-consent age, parents consent. The project's youngest pupils
    decide (unknown ages count as young)."""
    consent_age = teacher.country.consent_age if teacher.country else 16
    youngest = space.project.age_min
    return youngest is None or youngest < consent_age


def _managing_seat(teacher: User, space: Space) -> Seat:
    """The teacher's seat, if they may manage the space's pupils now (404 outside the space)."""
    seat = access.seat_for(teacher, space.pk)
    if seat.read_only and seat.role in access.RIGHTS["manage_pupils"]:
        raise DomainError(_("The project is closed: its pupils can no longer be changed."))
    if not access.can(seat, "manage_pupils"):
        raise DomainError(_("Only the teachers of this space can manage its pupils."))
    return seat


def add_pupils(
    teacher: User, space: Space, first_names: list[str], *, consent_confirmed: bool
) -> list[tuple[User, str]]:
    """A teacher (teacher administrator or teacher of the space) adds pupils. Returns each new account with its
    password, shown once (for the login cards). Below the country's digital-consent age the teacher must
    confirm parental consent; the confirmation is recorded with the pupil's place."""
    _managing_seat(teacher, space)
    names = [clean_first_name(name) for name in first_names if name.strip()]
    if not names:
        raise DomainError(_("Write at least one first name."))
    if len(names) > MAX_BATCH:
        raise DomainError(_("Add at most %(count)d pupils at a time.") % {"count": MAX_BATCH})
    needs_consent = consent_needed(space, teacher)
    if needs_consent and not consent_confirmed:
        raise DomainError(_("Please confirm that the parents have given their consent."))
    created: list[tuple[User, str]] = []
    now = timezone.now()
    with transaction.atomic():
        for name in names:
            password = simple_password()
            pupil = User.objects.create_user(
                username=new_username(name), password=None, first_name=name, role=Role.PUPIL,
                country=teacher.country, language=teacher.language,
            )  # fmt: skip
            pupil.password = hashed_generated(password)
            pupil.save(update_fields=["password"])
            SpacePupil.objects.create(
                space=space,
                user=pupil,
                added_by=teacher,
                consent_confirmed_by=teacher if needs_consent else None,
                consent_confirmed_at=now if needs_consent else None,
            )
            created.append((pupil, password))
    return created


def add_existing_pupils(
    teacher: User, space: Space, place_ids: Iterable[int], *, consent_confirmed: bool
) -> list[SpacePupil]:
    """A teacher brings pupils they already lead in another project's space into this one: the same accounts
    and passwords, a new place (consent confirmed again for this project where it is needed). Only pupils of
    spaces where the teacher is a teacher administrator or teacher count (`pupils_elsewhere`); those already
    here are skipped. Returns the new places."""
    seat = _managing_seat(teacher, space)
    wanted = {int(pk) for pk in place_ids}
    if not wanted:
        raise DomainError(_("Choose at least one pupil."))
    if len(wanted) > MAX_BATCH:
        raise DomainError(_("Choose at most %(count)d pupils at a time.") % {"count": MAX_BATCH})
    needs_consent = consent_needed(space, teacher)
    if needs_consent and not consent_confirmed:
        raise DomainError(_("Please confirm that the parents have given their consent."))
    now = timezone.now()
    with transaction.atomic():
        user_ids = set(pupils_elsewhere(seat).filter(pk__in=wanted).values_list("user_id", flat=True))
        already = set(SpacePupil.objects.filter(space=space, user_id__in=user_ids).values_list("user_id", flat=True))
        added = [
            SpacePupil.objects.create(
                space=space,
                user_id=user_id,
                added_by=teacher,
                consent_confirmed_by=teacher if needs_consent else None,
                consent_confirmed_at=now if needs_consent else None,
            )
            for user_id in sorted(user_ids - already)
        ]
    if not added:
        raise DomainError(_("Choose at least one pupil."))
    return added


@dataclass(frozen=True)
class Credentials:
    """A pupil's login, for the credentials page and the login cards; lives for one response only."""

    place: SpacePupil
    password: str

    @property
    def first_name(self) -> str:
        return self.place.user.first_name

    @property
    def username(self) -> str:
        return self.place.user.username or ""


def credentials_of_new(space: Space, created: list[tuple[User, str]]) -> list[Credentials]:
    """The places of pupils `add_pupils` just created, with their passwords (one query)."""
    passwords = {user.pk: password for user, password in created}
    places = SpacePupil.objects.filter(space=space, user_id__in=passwords).select_related("user", "space__project")
    by_user = {place.user_id: place for place in places}
    return [Credentials(by_user[user.pk], password) for user, password in created]


def reset_passwords(teacher: User, space: Space, place_ids: Iterable[int]) -> list[Credentials]:
    """New passwords for the chosen pupils of the space (a reset, or printing their login cards). The old
    passwords stop working at once and the pupils' open sessions end (Django checks the password hash on every
    request). Returns the new logins in first-name order."""
    _managing_seat(teacher, space)
    wanted = {int(pk) for pk in place_ids}
    if not wanted:
        raise DomainError(_("Choose at least one pupil."))
    if len(wanted) > MAX_BATCH:
        raise DomainError(_("Choose at most %(count)d pupils at a time.") % {"count": MAX_BATCH})
    with transaction.atomic():
        places = list(
            SpacePupil.objects.select_for_update(of=("self",))
            .filter(space=space, pk__in=wanted, user__is_active=True)
            .select_related("user", "space__project")
            .order_by("user__first_name", "pk")
        )
        if not places:
            raise DomainError(_("Choose at least one pupil."))
        result = []
        for place in places:
            password = simple_password()
            place.user.password = hashed_generated(password)
            place.user.save(update_fields=["password"])
            result.append(Credentials(place, password))
    return result


def set_pupil_admin(teacher: User, place: SpacePupil, is_admin: bool) -> SpacePupil:
    """Make a pupil a pupil administrator (may also write pages and start threads) or a pupil again."""
    _managing_seat(teacher, place.space)
    with transaction.atomic():
        SpacePupil.objects.filter(pk=place.pk).update(is_admin=is_admin)
    place.is_admin = is_admin
    return place


def remove_pupil(teacher: User, place: SpacePupil) -> bool:
    """Take a pupil out of the space. A pupil with no other space is forgotten (`forget_pupil`); what they
    wrote stays. Returns whether the account was deleted."""
    _managing_seat(teacher, place.space)
    with transaction.atomic():
        locked = SpacePupil.objects.select_for_update().filter(pk=place.pk, space_id=place.space_id).first()
        if locked is None:
            raise DomainError(_("This pupil is no longer in the space."))
        user = User.objects.select_for_update().get(pk=locked.user_id)
        locked.delete()
        from comenius.spaces.services.chat import revoke_user

        revoke_user(user.pk)  # an open chat page of this space stops at once (sent after commit)
        if SpacePupil.objects.filter(user=user).exists():
            return False
        forget_pupil(user)
    return True


def forget_pupil(user: User) -> None:
    """Delete a pupil account that has no space left, keeping the row (what they wrote stays, shown as
    "Former pupil"): no name, no username, no password, no country; inactive, so every session ends. Call inside
    a transaction."""
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    from comenius.core.models import AuditEvent
    from comenius.moderation import services as moderation

    if user.role != Role.PUPIL:
        raise DomainError(_("Only pupil accounts are deleted here."))
    former = _("Former pupil")
    moderation.forget_member(user, Deletion(str(former)))
    user_type = ContentType.objects.get_for_model(User)
    LogEntry.objects.filter(content_type=user_type, object_id=str(user.pk)).update(object_repr=former)
    AuditEvent.objects.filter(target_type=User._meta.label_lower, target_id=str(user.pk)).update(target_label=former)
    user.username = None
    user.email = None
    user.first_name = ""
    user.last_name = ""
    user.picture = ""
    user.country = None
    user.is_active = False
    user.deleted_at = timezone.now()
    user.set_unusable_password()
    user.save()


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (the last day of a shorter month)."""
    year, month_index = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    month = month_index + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def expired_spaces(now: datetime | None = None) -> QuerySet[Space]:
    """Spaces of projects archived more than PUPIL_RETENTION_MONTHS ago that still have pupils."""
    limit = months_before(now or timezone.now(), settings.PUPIL_RETENTION_MONTHS)
    return (
        Space.objects.filter(project__archived_at__isnull=False, project__archived_at__lte=limit)
        .filter(pupils__isnull=False)
        .distinct()
    )


def delete_expired_pupils(now: datetime | None = None) -> tuple[int, int]:
    """The retention rule (DOMAIN.md "Safety"): PUPIL_RETENTION_MONTHS after a project is archived its space's
    pupils lose their places there; those with no other space are forgotten. Run daily by
    `manage.py delete_expired_pupils`; each space is one transaction. Returns (places removed, accounts deleted).
    """
    places_removed = accounts_deleted = 0
    for space_id in list(expired_spaces(now).values_list("pk", flat=True)):
        with transaction.atomic():
            places = SpacePupil.objects.select_for_update().filter(space_id=space_id)
            user_ids = set(places.values_list("user_id", flat=True))
            places_removed += len(user_ids)
            SpacePupil.objects.filter(space_id=space_id).delete()
            still_placed = set(
                SpacePupil.objects.filter(user_id__in=user_ids).values_list("user_id", flat=True).distinct()
            )
            for user in User.objects.select_for_update().filter(pk__in=user_ids - still_placed, role=Role.PUPIL):
                forget_pupil(user)
                accounts_deleted += 1
    return places_removed, accounts_deleted


def choose_picture(pupil: User, name: str) -> None:
    """The pupil themself chooses their picture from the set we ship (core/avatars.py), or none (""). Called by
    the pupil's own picture page; locks nothing, emits nothing (a look, not a decision: no audit entry)."""
    if pupil.role != Role.PUPIL:
        raise DomainError(_("Only pupils choose a picture."))
    if name and name not in PICTURES:
        raise DomainError(_("Choose one of the pictures."))
    pupil.picture = name
    pupil.save(update_fields=["picture"])
