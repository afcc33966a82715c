"""One account per person (issue 12): two accounts of one member become one.

Who may merge: the member themselves, proving both accounts (signed in to the kept one and giving the other's
password — "logged in to both" —, or typing a code e-mailed to the other account's address: `send_merge_code`,
single use, `MERGE_CODE_MINUTES` long, `MERGE_CODE_TRIES` tries, `MERGE_CODES_PER_HOUR` codes an hour), or an
NSO officer (with MFA) of the country of both accounts, or central support. Suspended or banned accounts are
never merged. What moves: every app's rows, through the member lifecycle's `merge` hooks (higher apps first,
accounts' own `merge_own_rows` last but core); the hooks' notes on what they settled go into the audit entry. The
merged account then ends like a deleted one (anonymised, inactive, sessions over).

Nothing may be lost: as long as some app stores member data without a `merge` hook
(`lifecycle.apps_without_merge`), a merge is refused when the merged account has rows there, naming them, so
the person can be told what is missing instead of losing it. Audit: `member.accounts_merged` on the kept account.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from comenius.accounts import access
from comenius.accounts.models import (
    KnownLoginAddress,
    LoginThrottle,
    MemberStatus,
    MergeCode,
    RequestStatus,
    Role,
    User,
    ValidationRequest,
)
from comenius.core import lifecycle
from comenius.core.emails import absolute_url
from comenius.core.errors import DomainError
from comenius.core.ratelimit import hit
from comenius.core.services import record_audit
from comenius.institutions.models import Membership


def rows_left_behind(user: User) -> list[str]:
    """Models of apps without a `merge` hook that hold rows of `user` (a merge would lose them)."""
    missing = set(lifecycle.apps_without_merge()) - {"accounts", "institutions", "core"}
    found = []
    user_label = User._meta.label_lower
    for model in lifecycle.member_data_models():
        if model._meta.app_label not in missing:
            continue
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and getattr(field.related_model, "_meta", None):
                related: Any = field.related_model
                if related._meta.label_lower == user_label:
                    manager: Any = model._base_manager
                    if manager.filter(**{field.name: user}).exists():
                        found.append(model._meta.label)
                        break
    return sorted(found)


MERGE_CODE_MINUTES = 30
MERGE_CODE_TRIES = 5
MERGE_CODES_PER_HOUR = 3
# Letters and digits that cannot be mistaken for each other when typed from an e-mail.
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_CODE_LENGTH = 8


def _digest(code: str) -> str:
    normalised = "".join(code.split()).replace("-", "").upper()
    return salted_hmac("comenius.accounts.merge_code", normalised).hexdigest()


def other_account(email: str) -> User | None:
    """The member account an address belongs to (for the member's own merge), or None."""
    return User.objects.filter(email__iexact=email.strip(), role=Role.MEMBER, deleted_at__isnull=True).first()


def send_merge_code(kept: User, email: str) -> None:
    """The member signed in to `kept` asks for a code at the address of their other account. Who may call: the
    member themselves (the view passes the signed-in user). Whether or not the address belongs to an account, the
    answer is the same (no one learns who has an account here); a code is made and e-mailed only if it does,
    through notifications' `notify_address`, after commit. A new code ends the earlier ones of the pair. Refused
    beyond `MERGE_CODES_PER_HOUR` codes an hour (counted in the database) and as many again tries of unknown
    addresses (in the cache). Stores only a keyed digest of the code."""
    from comenius.accounts import notifying

    if kept.role != Role.MEMBER or kept.deleted_at is not None or not kept.is_active:
        raise DomainError(_("Only two member accounts can be merged."))
    too_many = _("You asked for several codes in a short time. Wait an hour, then ask again.")
    if not hit(f"merge-code:{kept.pk}", MERGE_CODES_PER_HOUR * 2, 3600):
        raise DomainError(too_many)
    other = other_account(email)
    if other is None or other.pk == kept.pk or not other.is_active or not other.email:
        return
    now = timezone.now()
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=kept.pk).first()  # two requests at once count one after the other
        if (
            MergeCode.objects.filter(kept=kept, created_at__gte=now - timedelta(hours=1)).count()
            >= MERGE_CODES_PER_HOUR
        ):
            raise DomainError(too_many)
        MergeCode.objects.filter(kept=kept, other=other, used_at__isnull=True, expires_at__gt=now).update(
            expires_at=now
        )
        code = "".join(secrets.choice(_CODE_ALPHABET) for _i in range(_CODE_LENGTH))
        MergeCode.objects.create(
            kept=kept, other=other, code_digest=_digest(code), expires_at=now + timedelta(minutes=MERGE_CODE_MINUTES)
        )
        notifying.send_merge_code(
            other.email,
            other.language,
            {
                "name": other.get_full_name(),
                "kept_name": kept.get_full_name(),
                "kept_email": kept.email or "",
                "code": f"{code[:4]}-{code[4:]}",
                "minutes": MERGE_CODE_MINUTES,
                "url": absolute_url(reverse("countries:merge_own_accounts")),
            },
        )


def _checked_code(kept: User, merged: User, code: str) -> int:
    """The id of the live code of this pair that matches `code`; a wrong code counts a failure (kept even though
    the merge is refused) and after `MERGE_CODE_TRIES` the code stops working."""
    expired = _("This code does not work any more. Ask for a new one.")
    now = timezone.now()
    live = (
        MergeCode.objects.filter(kept=kept, other=merged, used_at__isnull=True, expires_at__gt=now)
        .order_by("-created_at")
        .first()
    )
    if live is None or live.failures >= MERGE_CODE_TRIES:
        raise DomainError(expired)
    if not constant_time_compare(live.code_digest, _digest(code)):
        MergeCode.objects.filter(pk=live.pk).update(failures=F("failures") + 1)
        raise DomainError(_("That is not the code we sent. Check the e-mail and try again."))
    return live.pk


def _check(actor: User, kept: User, merged: User, password: str | None, code: str | None = None) -> int | None:
    if kept.pk == merged.pk:
        raise DomainError(_("Choose two different accounts."))
    for account in (kept, merged):
        if account.role != Role.MEMBER or account.deleted_at is not None:
            raise DomainError(_("Only two member accounts can be merged."))
        if not account.is_active:
            # Merging must never be a way out of a suspension or a ban.
            raise DomainError(_("A suspended or banned account cannot be merged."))
    if actor.pk == kept.pk:
        if code is not None and password is None:
            return _checked_code(kept, merged, code)
        if password is None or not merged.check_password(password):
            raise DomainError(_("Give the password of your other account to prove that it is yours."))
        return None
    if not access.is_officer(actor) or not access.has_second_factor(actor):
        raise DomainError(_("Only the member or their national team can merge these accounts."))
    if actor.role != Role.CENTRAL and not (kept.country_id == merged.country_id == actor.country_id):
        raise DomainError(_("Your national team can merge only accounts of your country."))
    return None


def merge_accounts(
    actor: User,
    kept: User,
    merged: User,
    *,
    password: str | None = None,
    code: str | None = None,
    reason: str = "",
) -> User:
    """Merge `merged` into `kept` (see the module docstring). Locks both user rows in id order (and the code used
    as proof, which is spent in the same transaction); one transaction."""
    proof = _check(actor, kept, merged, password, code)
    left = rows_left_behind(merged)
    if left:
        raise DomainError(
            _(
                "These accounts cannot be merged yet: the other account has data the platform cannot move yet "
                "(%(what)s)."
            )
            % {"what": ", ".join(left)}
        )
    with transaction.atomic():
        locked = {u.pk: u for u in User.objects.select_for_update().filter(pk__in=[kept.pk, merged.pk]).order_by("pk")}
        kept, merged = locked[kept.pk], locked[merged.pk]
        if merged.deleted_at is not None or kept.deleted_at is not None:
            raise DomainError(_("Only two member accounts can be merged."))
        if proof is not None and not MergeCode.objects.filter(pk=proof, used_at__isnull=True).update(
            used_at=timezone.now()
        ):
            raise DomainError(_("This code does not work any more. Ask for a new one."))  # spent by a parallel request
        # The kept account's standing first, so the hooks see it (the profile's listing, validation requests).
        if merged.status == MemberStatus.VALIDATED and kept.status != MemberStatus.VALIDATED:
            kept.status = MemberStatus.VALIDATED
        if kept.date_joined > merged.date_joined:
            kept.date_joined = merged.date_joined  # the membership's history starts with the older account
        kept.save(update_fields=["status", "date_joined"])
        notes = lifecycle.run_merge(kept, merged)  # accounts' own rows too (merge_own_rows, registered last)
        former = merged.email or ""
        merged.email = None
        merged.username = None
        merged.first_name = ""
        merged.last_name = ""
        merged.is_active = False
        merged.deleted_at = timezone.now()
        merged.set_unusable_password()
        merged.save()
        record_audit(
            actor,
            "member.accounts_merged",
            kept,
            country=kept.country,
            reason="\n".join([f"#{merged.pk} {former} {reason}".strip(), *notes]),
        )
        lifecycle.run("suspended", merged)
    return kept


def merge_own_rows(kept: User, merged: User) -> list[str]:
    """The lifecycle's `merge` hook of accounts (and institutions' workplaces, which accounts covers): workplaces
    (one per institution: where both accounts work at one school the kept account's place and role stay),
    validation requests (one open at most), e-mail addresses (the other account's address becomes a verified,
    non-primary address of the kept one), log-in throttles and known log-in addresses (so a lock still holds).
    Second factors stay behind: the kept account's own log-in is what protects the merged data."""
    from allauth.account.models import EmailAddress

    notes: list[str] = []
    kept_places = {m.institution_id: m for m in Membership.all_objects.filter(user=kept)}
    for theirs in Membership.all_objects.filter(user=merged, institution_id__in=list(kept_places)):
        ours = kept_places[theirs.institution_id]
        if ours.left_at is not None and theirs.left_at is None:  # the other account works there now
            ours.delete()
            continue
        if theirs.role != ours.role:
            notes.append(f"institution #{theirs.institution_id}: the kept role {ours.role} stays ({theirs.role} went)")
        theirs.delete()
    Membership.all_objects.filter(user=merged).update(user=kept)
    LoginThrottle.objects.filter(user=merged).update(user=kept)
    known = KnownLoginAddress.objects.filter(user=kept).values("address_hash")
    KnownLoginAddress.objects.filter(user=merged, address_hash__in=known).delete()
    KnownLoginAddress.objects.filter(user=merged).update(user=kept)
    ValidationRequest.objects.filter(decided_by=merged).update(decided_by=kept)
    MergeCode.objects.filter(Q(kept=merged) | Q(other=merged)).delete()  # proofs about the ending account
    if ValidationRequest.objects.filter(user=kept, status=RequestStatus.OPEN).exists() or kept.is_validated_member:
        ValidationRequest.objects.filter(user=merged, status=RequestStatus.OPEN).update(
            status=RequestStatus.VALIDATED if kept.is_validated_member else RequestStatus.REJECTED,
            decided_at=timezone.now(),
            decided_by_label="account merge",
        )
    ValidationRequest.objects.filter(user=merged).update(user=kept)
    taken = set(EmailAddress.objects.filter(user=kept).values_list("email", flat=True))
    for address in EmailAddress.objects.filter(user=merged):
        if address.email in taken:
            address.delete()
        else:
            address.user = kept
            address.primary = False
            address.save(update_fields=["user", "primary"])
    return notes
