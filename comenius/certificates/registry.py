"""The kinds of certificate the apps above issue, and how each is described and revoked.

Certificates sit low in the layers (below events, courses, groups and recognition) so that every app that
gives one can use the same codes, PDFs and verification page. The certificates app may not import them; instead
each issuing app registers an `IssuingKind` from its `AppConfig.ready()`:

- `key`: what `services.issue(kind=…)` names, e.g. "events.attendance" (app label first).
- `label`: what the certificate certifies, in general ("Attendance of an event"); shown on the PDF and the
  verification page.
- `may_revoke(actor, certificate)`: whether this person may revoke it (the event's organisers, a course's leads).
  Central support always may.
- `describe(certificate)`: an optional line about the subject as it is now ("Online seminar · 12 March 2027 ·
  organised by the Danish national team"); the certificate's own `title` is what was certified at issue time.
- `subject_url(certificate)`: an optional public address of the subject (a public event page), linked from the
  verification page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class IssuingKind:
    key: str
    label: Any  # a (lazy) translated string
    may_revoke: Callable[[Any, Any], bool]
    describe: Callable[[Any], str] | None = None
    subject_url: Callable[[Any], str | None] | None = None


_kinds: dict[str, IssuingKind] = {}


def register(kind: IssuingKind) -> None:
    """Called from an app's `AppConfig.ready()`; registering the same key again replaces it."""
    _kinds[kind.key] = kind


def get(key: str) -> IssuingKind | None:
    return _kinds.get(key)


def registered() -> list[IssuingKind]:
    return list(_kinds.values())
