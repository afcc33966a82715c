"""Log-in throttling that fits schools (issue 17).

A whole school often shares one public address (NAT), so locking an address after a few failed log-ins locks
out every teacher and pupil behind it because of one pupil's typos, and anyone who knows an officer's e-mail
could keep them out by sending five wrong passwords every five minutes. Instead failures are counted under
several keys, each with its own number of free failures, after which every further failure doubles the wait
(up to a ceiling); nothing is a hard lock, and a key's count is forgotten `window` seconds after its last failure:

- ``pair``: one account at one address (the strictest: a guesser at one place);
- ``account``: one account from anywhere (a guesser spread over many addresses) — it does not hold back the
  account's owner at an address where they completed a log-in before (a `KnownLoginAddress`);
- ``address``: every account at one address, generous (a school's NAT stays usable), again not for known
  addresses;
- ``pupil`` and ``class``: the pupils' log-in page, per pupil and per class (the pupils of one project space).

Wrong second-factor codes never reach these keys (they come after a correct password): allauth counts them per
account only (``ACCOUNT_RATE_LIMITS["login_failed"]`` keyed ``mfa-auth-user-<id>``), never per address.
The numbers are `settings.LOGIN_THROTTLE`; docs/security.md explains them. The counts are rows in the database,
so they hold across processes and do not depend on Redis.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comenius.accounts.models import KnownLoginAddress, LoginThrottle, Role, User
from comenius.core import audit
from comenius.core.models import Country

Scope = LoginThrottle.Scope

audit.register({"account.login_lock_lifted": _("Log-in lock lifted")})


@dataclass(frozen=True)
class Rule:
    free: int  # failures that cost nothing
    base_seconds: int  # the wait after the first failure beyond them; doubles with each further one
    cap_seconds: int  # the longest wait
    window_seconds: int  # the count is forgotten this long after the last failure

    def wait(self, failures: int) -> datetime.timedelta | None:
        beyond = failures - self.free
        if beyond <= 0:
            return None
        return datetime.timedelta(seconds=min(self.cap_seconds, self.base_seconds * 2 ** min(beyond - 1, 30)))


def rule(scope: str) -> Rule:
    return Rule(**settings.LOGIN_THROTTLE[scope])


def client_address(request: HttpRequest) -> str:
    """The client's address as allauth sees it (its trusted-proxy settings), REMOTE_ADDR otherwise."""
    from allauth.account.adapter import get_adapter

    try:
        return str(get_adapter(request).get_client_ip(request))
    except Exception:
        return str(request.META.get("REMOTE_ADDR") or "unknown")


def _address_hash(address: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"login-address:{address}".encode(), hashlib.sha256).hexdigest()


def is_known_address(user: User | None, address: str) -> bool:
    if user is None:
        return False
    since = timezone.now() - datetime.timedelta(days=settings.LOGIN_KNOWN_ADDRESS_DAYS)
    return KnownLoginAddress.objects.filter(
        user=user, address_hash=_address_hash(address), last_login_at__gte=since
    ).exists()


def _active(scope: str, key: str, now: datetime.datetime) -> LoginThrottle | None:
    return LoginThrottle.objects.filter(scope=scope, key=key, locked_until__gt=now).first()


def member_keys(login: str, address: str) -> dict[str, list[str]]:
    login = login.strip().lower()
    return {Scope.PAIR: [f"{login}|{address}"], Scope.ACCOUNT: [login], Scope.ADDRESS: [address]}


def pupil_keys(username: str, address: str, class_ids: list[int]) -> dict[str, list[str]]:
    username = username.strip().lower()
    return {
        Scope.PAIR: [f"pupil:{username}|{address}"],
        Scope.PUPIL: [username],
        Scope.CLASS: [str(pk) for pk in class_ids],
    }


def blocked_until(user: User | None, keys: dict[str, list[str]], address: str) -> datetime.datetime | None:
    """When the log-in may be tried again (None: now). A pair always counts; the wider keys do not hold back
    a person at an address where they logged in before."""
    now = timezone.now()
    known = None
    until: datetime.datetime | None = None
    for scope, scope_keys in keys.items():
        for key in scope_keys:
            throttle = _active(scope, key, now)
            if throttle is None:
                continue
            if scope != Scope.PAIR:
                if known is None:
                    known = is_known_address(user, address)
                if known:
                    continue
            assert throttle.locked_until is not None
            until = max(until, throttle.locked_until) if until else throttle.locked_until
    return until


def note_failure(
    user: User | None,
    keys: dict[str, list[str]],
    address: str,
    *,
    labels: dict[str, str] | None = None,
    country: Country | None = None,
) -> None:
    """Count one failed log-in under every key; beyond a key's free failures it waits longer each time.
    Locks each key's row (select_for_update), so concurrent failures all count. `labels` (by scope or key)
    name the key on the officers' page; `country` is the country it belongs to (the account's by default)."""
    now = timezone.now()
    if country is None and user is not None:
        country = user.country
    for scope, scope_keys in keys.items():
        settings_rule = rule(scope)
        for key in scope_keys:
            label = (labels or {}).get(scope) or (labels or {}).get(key, "")
            _count(
                scope,
                key,
                settings_rule,
                now,
                user=user if scope not in {Scope.ADDRESS, Scope.CLASS} else None,
                address=address if scope in {Scope.PAIR, Scope.ADDRESS} else None,
                label=label,
                country=country if scope != Scope.ADDRESS else None,
            )


def _count(
    scope: str,
    key: str,
    settings_rule: Rule,
    now: datetime.datetime,
    *,
    user: User | None,
    address: str | None,
    label: str,
    country: Country | None,
) -> None:
    defaults = {
        "user": user,
        "address": address,
        "label": label[:200],
        "country": country,
        "failures": 0,
        "last_failure_at": now,
    }
    with transaction.atomic():
        try:
            with transaction.atomic():
                LoginThrottle.objects.get_or_create(scope=scope, key=key, defaults=defaults)
        except IntegrityError:  # made by a concurrent failure a moment ago
            pass
        throttle = LoginThrottle.objects.select_for_update().get(scope=scope, key=key)
        if now - throttle.last_failure_at > datetime.timedelta(seconds=settings_rule.window_seconds):
            throttle.failures = 0
        throttle.failures += 1
        throttle.last_failure_at = now
        wait = settings_rule.wait(throttle.failures)
        throttle.locked_until = now + wait if wait else None
        throttle.save(update_fields=["failures", "last_failure_at", "locked_until"])


def note_success(user: User, keys: dict[str, list[str]], address: str) -> None:
    """A completed log-in: the address becomes known for the person and the pair's count is forgotten. The
    wider counts stay (a guesser must not clear them by logging in to an account of their own)."""
    now = timezone.now()
    KnownLoginAddress.objects.update_or_create(
        user=user, address_hash=_address_hash(address), defaults={"last_login_at": now}
    )
    LoginThrottle.objects.filter(scope=Scope.PAIR, key__in=keys.get(Scope.PAIR, [])).delete()


def remember_member_login(request: HttpRequest, user: User) -> None:
    address = client_address(request)
    keys: dict[str, list[str]]
    if user.role == Role.PUPIL:
        keys = {Scope.PAIR: [f"pupil:{(user.username or '').lower()}|{address}"]}
    else:
        keys = {Scope.PAIR: member_keys(user.email or "", address)[Scope.PAIR]}
    note_success(user, keys, address)


# --- what officers see ---------------------------------------------------------------------------------


def waiting_for(officer: User) -> QuerySet[LoginThrottle]:
    """The keys that wait now (or did in the last day) which the officer may see: central support every one,
    an NSO officer those of accounts, pupils and classes of their own country (addresses without an account
    belong to no country: central support only)."""
    since = timezone.now() - datetime.timedelta(days=1)
    throttles = LoginThrottle.objects.filter(locked_until__gt=since).select_related("user", "country")
    if officer.role == Role.CENTRAL:
        return throttles.order_by("-locked_until")
    if officer.role == Role.NSO and officer.country_id:
        return throttles.filter(Q(country_id=officer.country_id)).order_by("-locked_until")
    return throttles.none()
