"""Offline detection of the language a text is written in, when its author did not say it.

langdetect (a port of Google's language-detection) ships its language profiles inside the package, so no text
and no request leaves the machine. Its guesses are random-seeded; a fixed seed makes the same text always get
the same answer."""

from __future__ import annotations

import re
import threading

from langdetect import DetectorFactory, LangDetectException, detect_langs

_lock = threading.Lock()
DetectorFactory.seed = 0

# langdetect's codes that differ from the platform's (core.vocabulary.Language).
_CODES = {"zh-cn": "zh", "zh-tw": "zh", "nb": "no", "nn": "no"}
_TAGS = re.compile(r"<[^>]+>")
# Languages the detector mixes up in short texts.
CLOSE_LANGUAGES = [{"da", "no", "sv"}, {"hr", "bs", "sr"}, {"cs", "sk"}, {"bg", "mk"}, {"ru", "uk"}]


def detect_language(text: str, minimum: float = 0.5, likely: tuple[str, ...] = ()) -> str | None:
    """The ISO 639-1 code of the text's most likely language, or None when the text is too short or unclear.
    `likely` (the languages of the author's country) settles a mix-up between close languages: a short Danish
    message is often taken, with confidence, for Norwegian; written by a teacher in Denmark it is Danish."""
    plain = _TAGS.sub(" ", text).strip()
    if len(plain) < 3:
        return None
    try:
        with _lock:  # the detector factory is shared module state
            guesses = detect_langs(plain[:5000])
    except LangDetectException:
        return None
    if not guesses or guesses[0].prob < minimum:
        return None
    code = _CODES.get(guesses[0].lang, guesses[0].lang)
    for family in CLOSE_LANGUAGES:
        if code in family:
            return next((language for language in likely if language in family), code)
    return code
