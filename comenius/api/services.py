"""Personal access tokens: creating, using and revoking them."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from comenius.accounts import access as accounts_access
from comenius.accounts.models import User
from comenius.api.models import AccessToken
from comenius.api.scopes import MEMBER_SCOPES, OFFICER_SCOPES, Scope
from comenius.core.errors import DomainError

TOKEN_PREFIX = "cmn_"  # noqa: S105 - a public marker that tells a token apart, not a secret
MAX_TOKENS_PER_MEMBER = 20
# Writing `last_used_at` on every request would turn each API read into a write; once a minute is enough
# for "last used" and for the unused-token expiry.
LAST_USED_PRECISION = timedelta(minutes=1)


def digest_of(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def may_have_tokens(user: User) -> bool:
    """Validated members, NSO officers and central support; never pupils or members still waiting."""
    return user.is_active and (user.is_validated_member or accounts_access.is_officer(user))


def allowed_scopes(user: User) -> frozenset[str]:
    scopes: set[str] = set(MEMBER_SCOPES) if may_have_tokens(user) else set()
    if accounts_access.is_officer(user):
        scopes = {Scope.PROFILE_READ, *OFFICER_SCOPES}
    return frozenset(scopes)


def create_token(user: User, name: str, scopes: list[str], days: int) -> tuple[AccessToken, str]:
    """Create a token for the member themself; returns it with its secret, which is never shown again.

    Caller: the token page (the member's own session). Officers' scopes need a second factor. Locks the
    member's row so two concurrent creations cannot pass the per-member limit. Emits nothing."""
    if not may_have_tokens(user):
        raise DomainError(_("Your account cannot have access tokens."))
    name = name.strip()
    if not name:
        raise DomainError(_("Give the token a name, so you know later what it is for."))
    wanted = set(scopes)
    if not wanted:
        raise DomainError(_("Choose at least one thing the token may do."))
    if not wanted <= allowed_scopes(user):
        raise DomainError(_("Your account cannot give a token these rights."))
    if wanted & OFFICER_SCOPES and not accounts_access.has_second_factor(user):
        raise DomainError(_("Set up two-factor authentication before you create a token for your country's data."))
    if not 1 <= days <= settings.API_TOKEN_MAX_DAYS:
        raise DomainError(_("A token is valid for 1 to %(days)d days.") % {"days": settings.API_TOKEN_MAX_DAYS})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        live = AccessToken.objects.filter(user=user, revoked_at__isnull=True, expires_at__gt=timezone.now())
        if live.count() >= MAX_TOKENS_PER_MEMBER:
            raise DomainError(_("You have many tokens already. Revoke one you no longer use first."))
        token = AccessToken.objects.create(
            user=user,
            name=name[:80],
            prefix=raw[len(TOKEN_PREFIX) : len(TOKEN_PREFIX) + 8],
            digest=digest_of(raw),
            scopes=sorted(wanted),
            expires_at=timezone.now() + timedelta(days=days),
        )
    return token, raw


def is_usable(token: AccessToken, now: Any = None) -> bool:
    """Not revoked, not past its expiry, used (or created) within API_TOKEN_UNUSED_DAYS, owner still allowed."""
    now = now or timezone.now()
    unused_since = token.last_used_at or token.created_at
    return (
        token.revoked_at is None
        and token.expires_at > now
        and unused_since > now - timedelta(days=settings.API_TOKEN_UNUSED_DAYS)
        and may_have_tokens(token.user)
    )


def authenticate(raw: str) -> AccessToken | None:
    """The live token for a presented secret, or None. Caller: the API's bearer authentication. Records the
    use at most once a minute (a conditional update, no lock)."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None
    token = AccessToken.objects.select_related("user", "user__country").filter(digest=digest_of(raw)).first()
    now = timezone.now()
    if token is None or not is_usable(token, now):
        return None
    if token.last_used_at is None or token.last_used_at < now - LAST_USED_PRECISION:
        AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def revoke_token(user: User, pk: int) -> AccessToken:
    """The owner revokes one of their tokens (404-like DomainError for anyone else's). Idempotent."""
    with transaction.atomic():
        token = AccessToken.objects.select_for_update().filter(user=user, pk=pk).first()
        if token is None:
            raise DomainError(_("This token does not exist."))
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
    return token


def revoke_all_tokens(user: Any) -> int:
    """Lifecycle: the account stopped (suspension, ban, role change); every token stops with it."""
    return AccessToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


def forget_tokens(user: Any) -> int:
    """Lifecycle: the account is deleted; its tokens go."""
    deleted, _by_model = AccessToken.objects.filter(user=user).delete()
    return deleted
