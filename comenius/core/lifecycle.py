"""The member lifecycle registry: what each app does when a member is validated, suspended, reinstated or
deleted, and what it adds to the member's data export.

`accounts` owns the member and drives the lifecycle, but it sits low in the layers and may not import the
apps above it. Instead each app that stores member data registers its hooks from its `AppConfig.ready()`,
and `accounts` iterates this registry. `unregistered_models()` finds models that point at the user but whose
app registered nothing: a test fails on them, so a new app cannot forget a member's data by accident.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.apps import apps as installed_apps
from django.apps.registry import Apps
from django.conf import settings
from django.db import models


class ExportPart(NamedTuple):
    """One app's part of the data export: JSON-able data (merged into data.json by top-level key) and files
    (name in the ZIP → a FieldFile or anything with `open("rb")`)."""

    data: dict[str, object]
    files: dict[str, object]


@dataclass(frozen=True)
class Deletion:
    """How a member's account is being deleted: the label that replaces their name where their words stay,
    and whether their contributions in shared places go too."""

    former_name: str
    delete_contributions: bool = False


@dataclass(frozen=True)
class MemberHooks:
    """An app's answers to the member lifecycle. Every hook runs inside the caller's transaction.

    - export: the member's own data in this app (never anyone else's).
    - delete: forget the member (delete or anonymise every row of theirs).
    - suspended / reinstated: the account stops or starts again (hide from search, end live connections…).
    - validated: the member was validated (create what a validated member has, e.g. a profile).
    - moved: the member changed institution (`accounts.moving`; their country may have changed too, and then
      they wait for the new country's validation).
    - merge: one person's two accounts become one (`merge(kept, merged)`): move every row of `merged` in this
      app to `kept`, without losing any and without making duplicates (two live rows where a constraint or the
      product allows one: keep one, settle the other); it may return notes on what it settled, which the merge
      writes into the audit log. Optional for now; `apps_without_merge()` lists the apps
      that store member data and do not implement it, and a test keeps that list from growing.
    - also_covers: labels of apps without hooks of their own whose member rows this app handles.
    """

    app_label: str
    export: Callable[[Any], ExportPart]
    delete: Callable[[Any, Deletion], object]
    suspended: Callable[[Any], object] | None = None
    reinstated: Callable[[Any], object] | None = None
    validated: Callable[[Any], object] | None = None
    moved: Callable[[Any], object] | None = None
    merge: Callable[[Any, Any], object] | None = None
    also_covers: tuple[str, ...] = ()


_hooks: dict[str, MemberHooks] = {}


def register(hooks: MemberHooks) -> None:
    """Called from an app's `AppConfig.ready()`. Registering the same app again replaces its hooks."""
    _hooks[hooks.app_label] = hooks


def registered() -> list[MemberHooks]:
    """In registration order, which is INSTALLED_APPS order: lower apps first."""
    return list(_hooks.values())


def for_deletion() -> list[MemberHooks]:
    """Higher apps first: their rows may refer to rows of the apps below them, never the other way round."""
    return list(reversed(_hooks.values()))


def run(event: str, user: Any) -> None:
    """Run one lifecycle event ("validated", "suspended", "reinstated", "moved") through every app that handles it."""
    for hooks in registered():
        hook = getattr(hooks, event)
        if hook is not None:
            hook(user)


def for_merge() -> list[MemberHooks]:
    """The apps that implement `merge`, higher apps first (as for deletion)."""
    return [hooks for hooks in for_deletion() if hooks.merge is not None]


def run_merge(kept: Any, merged: Any) -> list[str]:
    """Move `merged`'s rows to `kept` in every app that implements `merge` (inside the caller's transaction).

    A hook may return notes (a list of short strings) on what it had to settle — two rows where one may live,
    a row that could not move —, so that nothing is changed silently: the caller writes them into the audit log.
    """
    notes: list[str] = []
    for hooks in for_merge():
        assert hooks.merge is not None
        returned = hooks.merge(kept, merged)
        if isinstance(returned, list | tuple):
            notes += [f"{hooks.app_label}: {note}" for note in returned]
    return notes


def apps_without_merge(registry: Apps = installed_apps) -> list[str]:
    """Apps whose models hold member data but whose hooks have no `merge` (an account merge would lose their
    rows). Apps covered by another app's hooks count under that app."""
    owners = {label: hooks for hooks in _hooks.values() for label in (hooks.app_label, *hooks.also_covers)}
    holding = {model._meta.app_label for model in member_data_models(registry)}
    return sorted(label for label in holding if label not in owners or owners[label].merge is None)


def member_data_models(registry: Apps = installed_apps) -> list[type[models.Model]]:
    """The platform's models (apps under `comenius.`) with a relation to the user model, except the user itself."""
    user_label = settings.AUTH_USER_MODEL.lower()
    found = []
    for model in registry.get_models():
        if not model.__module__.startswith("comenius.") or model._meta.label_lower == user_label:
            continue
        relations: Iterable[Any] = (f for f in model._meta.get_fields() if f.is_relation and f.concrete)
        if any(_label_of(field.related_model) == user_label for field in relations):
            found.append(model)
    return found


def _label_of(related: Any) -> str:
    # In an isolated registry (tests) a relation to a model of another registry stays a "app.Model" string.
    if related is None:
        return ""
    return related.lower() if isinstance(related, str) else related._meta.label_lower


def unregistered_models(registry: Apps = installed_apps) -> list[str]:
    """Models holding member data whose app registered no hooks (and is covered by no other app's)."""
    covered = set(_hooks) | {label for hooks in _hooks.values() for label in hooks.also_covers}
    return sorted(model._meta.label for model in member_data_models(registry) if model._meta.app_label not in covered)
