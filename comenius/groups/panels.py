"""Panels that apps above groups add to a group's page (events lists the group's coming events), so groups
shows them without importing those apps. A provider gives the context of its template for one reader and one
approved group, or None to show nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from comenius.groups.models import Group


@dataclass(frozen=True)
class GroupPanel:
    key: str
    template: str
    context: Callable[[Any, Group], dict[str, Any] | None]


PANELS: dict[str, GroupPanel] = {}


def register(panel: GroupPanel) -> None:
    PANELS[panel.key] = panel


def panels_for(user: Any, group: Group) -> list[dict[str, Any]]:
    """What the group's page shows in its side column: each registered panel's template and context."""
    shown = []
    for panel in PANELS.values():
        context = panel.context(user, group)
        if context is not None:
            shown.append({"template": panel.template, "context": context})
    return shown
