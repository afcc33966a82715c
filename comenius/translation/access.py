"""Reads of machine translation that depend on who asks: the text of an object as its reader may see it (through
the owning app's access, by the registry) and the language a reader reads in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from comenius.core.vocabulary import Language
from comenius.translation import registry

LANGUAGE_CODES = frozenset(Language.values)


@dataclass(frozen=True)
class Original:
    kind: str
    pk: int
    text: str
    text_format: str
    language: str | None  # as the author said it, when the content records it
    likely: tuple[str, ...] = ()  # the languages of the author's country, a hint for the detector


def original_for(reader: Any, kind_key: str, pk: int) -> Original:
    """The text of `kind_key` #`pk` as `reader` may read it; Http404 when the owning app says they may not (or
    there is no such kind)."""
    kind = registry.kind_of(kind_key)
    found = kind.fetch_for(reader, pk)
    language = kind.language(found) if kind.language else None
    author = kind.author(found) if kind.author else None
    country = getattr(author, "country", None) if author is not None else None
    likely = tuple(str(code) for code in (getattr(country, "languages", None) or []))
    return Original(kind_key, pk, kind.text(found) or "", kind.text_format, language, likely)


def reading_language(reader: Any, asked: str = "") -> str:
    """The language to translate into: the one the reader picked (`asked`), else the first language of their
    country (a Spanish teacher reads Spanish, whatever interface language she chose), else the interface
    language."""
    if asked in LANGUAGE_CODES:
        return asked
    country = getattr(reader, "country", None)
    for code in getattr(country, "languages", None) or []:
        if code in LANGUAGE_CODES:
            return str(code)
    language = getattr(reader, "language", "") or "en"
    return language if language in LANGUAGE_CODES else "en"


def language_name(code: str | None) -> str:
    if code in LANGUAGE_CODES:
        return str(Language(code).label)
    return (code or "").upper()
