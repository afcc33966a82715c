"""One account per person (issue 12): two accounts of one member become one.

Who may merge: the member themselves, proving both accounts (signed in to the kept one and giving the other's
password — "logged in to both"), or an NSO officer (with MFA) of the country of both accounts, or central
support. What moves: every app's rows, through the member lifecycle's `merge` hooks (higher apps first), then
this app's own (workplaces, validation requests, e-mail addresses); the merged account then ends like a deleted
one (anonymised, inactive, sessions over).

Nothing may be lost: as long as some app stores member data without a `merge` hook
(`lifecycle.apps_without_merge`), a merge is refused when the merged account has rows there, naming them, so
the person can be told what is missing instead of losing it. Audit: `member.accounts_merged` on the kept account.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from comenius.accounts import access
from comenius.accounts.models import (
    KnownLoginAddress,
    LoginThrottle,
    MemberStatus,
    RequestStatus,
    Role,
    User,
    ValidationRequest,
)
from comenius.core import lifecycle
from comenius.core.errors import DomainError
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


def _check(actor: User, kept: User, merged: User, password: str | None) -> None:
    if kept.pk == merged.pk:
        raise DomainError(_("Choose two different accounts."))
    for account in (kept, merged):
        if account.role != Role.MEMBER or account.deleted_at is not None:
            raise DomainError(_("Only two member accounts can be merged."))
        if not account.is_active:
            # Merging must never be a way out of a suspension or a ban.
            raise DomainError(_("A suspended or banned account cannot be merged."))
    if actor.pk == kept.pk:
        if password is None or not merged.check_password(password):
            raise DomainError(_("Give the password of your other account to prove that it is yours."))
        return
    if not access.is_officer(actor) or not access.has_second_factor(actor):
        raise DomainError(_("Only the member or their national team can merge these accounts."))
    if actor.role != Role.CENTRAL and not (kept.country_id == merged.country_id == actor.country_id):
        raise DomainError(_("Your national team can merge only accounts of your country."))


def merge_accounts(actor: User, kept: User, merged: User, *, password: str | None = None, reason: str = "") -> User:
    """Merge `merged` into `kept` (see the module docstring). Locks both user rows in id order; one transaction."""
    _check(actor, kept, merged, password)
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
        notes = lifecycle.run_merge(kept, merged)  # accounts' own rows too (merge_own_rows, registered last)
        if merged.status == MemberStatus.VALIDATED and kept.status != MemberStatus.VALIDATED:
            kept.status = MemberStatus.VALIDATED
        if kept.date_joined > merged.date_joined:
            kept.date_joined = merged.date_joined  # the membership's history starts with the older account
        kept.save(update_fields=["status", "date_joined"])
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
    kept_places = {m.institution_id: m for m in Membership.objects.filter(user=kept)}
    for theirs in Membership.objects.filter(user=merged, institution_id__in=list(kept_places)):
        ours = kept_places[theirs.institution_id]
        if theirs.role != ours.role:
            notes.append(f"institution #{theirs.institution_id}: the kept role {ours.role} stays ({theirs.role} went)")
        theirs.delete()
    Membership.objects.filter(user=merged).update(user=kept)
    LoginThrottle.objects.filter(user=merged).update(user=kept)
    known = KnownLoginAddress.objects.filter(user=kept).values("address_hash")
    KnownLoginAddress.objects.filter(user=merged, address_hash__in=known).delete()
    KnownLoginAddress.objects.filter(user=merged).update(user=kept)
    ValidationRequest.objects.filter(decided_by=merged).update(decided_by=kept)
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
