"""What can be reported: each kind says how a reporter reaches the object (404 if they cannot see it), who
its author is, what moderators see of it, and which actions fit it. The writes themselves (hide, restore,
delete) are the owning app's services, so each app stays the only writer of its own tables.

Moderation sits below the apps whose content it moderates: each app registers its kinds from its
`AppConfig.ready()` (`register_kind`), and an app whose own members moderate locally (the teacher
administrators of a project space) registers a `LocalScope` (a column on Report) or a `KindScope` (the
moderators of a thematic group, found from the reported content itself). Moderation never imports those apps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, Q
from django.http import Http404
from django.utils.functional import Promise

from comenius.accounts.models import User


@dataclass(frozen=True)
class Kind:
    key: str
    label: Promise
    fetch_for: Callable[[User, int], Model]  # as the reporter sees it; raises Http404 otherwise
    fetch: Callable[[int], Model | None]  # for moderators: no visibility filter
    author: Callable[[Any], User | None]
    describe: Callable[[Any], str]
    set_hidden: Callable[[Any, bool], None] | None = None
    delete: Callable[[Any], None] | None = None
    # Space content: the space whose teacher administrators moderate it.
    space_of: Callable[[Any], Any] | None = None
    # The country whose NSO handles reports of this kind (its id, or None for central support only). Without it,
    # the author's country: right for members' content, not for an event, which belongs to its organiser.
    country_of: Callable[[Any], str | None] | None = None


@dataclass(frozen=True)
class LocalScope:
    """Reports handled by local moderators: those whose `field` on Report (e.g. "space") is one of the ids
    that `administered(user)` gives for the person asking."""

    field: str
    administered: Callable[[User], set[int]]


@dataclass(frozen=True)
class KindScope:
    """Reports of these kinds go to local moderators (and central support) instead of the author's NSO, for
    venues that have no column on Report (a thematic group): `reports(user)` is the Q over Report of those this
    person moderates, `moderates(user, report)` says whether they moderate one of them."""

    kinds: frozenset[str]
    reports: Callable[[User], Q]
    moderates: Callable[[User, Any], bool]


KINDS: dict[str, Kind] = {}
LOCAL_SCOPES: list[LocalScope] = []
KIND_SCOPES: list[KindScope] = []


def register_kind(kind: Kind) -> None:
    KINDS[kind.key] = kind


def register_local_scope(scope: LocalScope) -> None:
    LOCAL_SCOPES.append(scope)


def register_kind_scope(scope: KindScope) -> None:
    KIND_SCOPES.append(scope)


def scoped_kinds() -> set[str]:
    """The kinds whose reports local moderators handle (never the author's NSO)."""
    return {kind for scope in KIND_SCOPES for kind in scope.kinds}


def kind_of(key: str) -> Kind:
    kind = KINDS.get(key)
    if kind is None:
        raise Http404
    return kind
