"""Links that apps add to a member's profile page ("Access tokens for the API", …), so the page in `accounts`
can offer them without naming the apps above it. Each app registers from its `AppConfig.ready()`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class AccountLink:
    url_name: str
    label: Promise | str
    shown_to: Callable[[Any], bool]


_links: list[AccountLink] = []


def register(link: AccountLink) -> None:
    if all(existing.url_name != link.url_name for existing in _links):
        _links.append(link)


def links_for(user: Any) -> list[tuple[str, str]]:
    """(address, label) of every registered link this person may follow."""
    return [(reverse(link.url_name), str(link.label)) for link in _links if link.shown_to(user)]
