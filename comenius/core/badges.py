"""Badges on pages of lower apps (a project's page, a member's profile) that higher apps award.

`projects` and `network` may not import `recognition`; instead recognition registers a provider per subject
from its `AppConfig.ready()`, and the lower app's template asks `{% load badges %}{% badges "project" pk %}`.
Subjects: "project" (a project's id), "member" (a user's id: only what the member chose to show) and
"institution_of_member" (the badges of the member's institution). A provider answers with one query.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Badge:
    kind: str  # e.g. "nql", "eql", "school"
    text: str  # translated: "National Quality Label"
    year: str  # "2025/26"
    valid_until: date | None = None


Provider = Callable[[int], list[Badge]]
_providers: dict[str, dict[str, Provider]] = {}


def register(subject: str, name: str, provider: Provider) -> None:
    """Called from an app's `AppConfig.ready()`; registering the same (subject, name) again replaces it."""
    _providers.setdefault(subject, {})[name] = provider


def badges_for(subject: str, pk: int | None) -> list[Badge]:
    if not pk:
        return []
    return [badge for provider in _providers.get(subject, {}).values() for badge in provider(pk)]
