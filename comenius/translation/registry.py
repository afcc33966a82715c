"""What members write that can be machine-translated: each content app registers its kinds from its
`AppConfig.ready()` (`<app>/translatable.py`), the way it registers what can be reported.

A kind says how a reader reaches the object — through the owning app's `access.py`, raising Http404 for
anyone who may not read it (this app adds no permission logic of its own) — and which text of it is
translated. Translation sits low in the layers and never imports the apps that register here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import Http404


@dataclass(frozen=True)
class Kind:
    key: str
    fetch_for: Callable[[Any, int], Any]  # as the reader sees it; raises Http404 otherwise
    text: Callable[[Any], str]  # what is translated (plain text, or sanitised HTML when text_format is "html")
    text_format: str = "text"
    # The language the author said they wrote in, when the content records one (else it is detected).
    language: Callable[[Any], str | None] | None = None
    # The author (a user, or None): their country's languages settle a close call of the detector (Danish or
    # Norwegian in a short message).
    author: Callable[[Any], Any] | None = None


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> None:
    if kind.text_format not in {"text", "html"}:
        raise ValueError(f"Unknown text format {kind.text_format!r}")
    KINDS[kind.key] = kind


def kind_of(key: str) -> Kind:
    kind = KINDS.get(key)
    if kind is None:
        raise Http404
    return kind
