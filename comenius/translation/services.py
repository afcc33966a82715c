"""Writes of machine translation: the cache of translations.

`translate_text` may be called by any view or task of the apps above (it checks nobody: the caller has already
read the text through its access functions). It reads the cache, and only on a miss calls the engine and stores
the answer — one row per (hash of the text, target language); two readers racing for the same text store one
row. It writes no audit entry (a translation changes nothing a member made) and emits nothing."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

import nh3
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from comenius.translation.detect import detect_language
from comenius.translation.engine import EngineUnavailableError, get_engine
from comenius.translation.models import Translation

__all__ = ["EngineUnavailableError", "Result", "prune_cache", "text_hash", "translate_text"]

# Longest text sent to the engine; a longer page is translated in its first part only.
MAX_CHARS = 20_000


@dataclass(frozen=True)
class Result:
    text: str  # the translation (sanitised HTML when the format is "html"), or the original when `same`
    source: str | None  # the original's language, when known
    target: str
    same: bool = False  # the text is already in the target language: nothing was translated
    cached: bool = False


def text_hash(text: str, text_format: str) -> str:
    return hashlib.sha256(f"{text_format}\0{text}".encode()).hexdigest()


def _clean(text: str, text_format: str) -> str:
    # What the engine answers is as untrusted as what members write.
    return nh3.clean(text) if text_format == "html" else text


def translate_text(
    text: str, target: str, *, text_format: str = "text", source: str | None = None, likely: tuple[str, ...] = ()
) -> Result:
    """`text` in `target`: from the cache, else from the engine (stored for the next reader). The source
    language is the author's when given, else detected offline (`likely`: the author's country's languages).
    Raises EngineUnavailableError when the engine is off, down, slow or answers nonsense — the caller shows the
    original with a calm message."""
    text = text[:MAX_CHARS]
    digest = text_hash(text, text_format)
    cached = Translation.objects.filter(text_hash=digest, target_language=target).first()
    if cached is not None:
        return Result(cached.translated, cached.source_language or None, target, cached=True)
    source = source or detect_language(text, likely=likely)
    if source == target:
        return Result(text, source, target, same=True)
    engine = get_engine()
    if engine is None:
        raise EngineUnavailableError("machine translation is off")
    translated = _clean(engine.translate(text, source or "auto", target, text_format), text_format)
    try:
        with transaction.atomic():
            Translation.objects.create(
                text_hash=digest, target_language=target, source_language=source or "", translated=translated
            )
    except IntegrityError:
        pass  # another reader stored it a moment ago
    return Result(translated, source, target)


def prune_cache(now: datetime | None = None) -> int:
    """Delete cached translations older than TRANSLATION_CACHE_DAYS (a deleted message's translation does not
    outlive it for long). Periodic, daily."""
    now = now or timezone.now()
    deleted, _ = Translation.objects.filter(
        created_at__lt=now - timedelta(days=settings.TRANSLATION_CACHE_DAYS)
    ).delete()
    return deleted
