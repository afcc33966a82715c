"""The interface languages (issue 19).

`PLANNED` are the 37 catalogs the platform is to speak: the 24 official EU languages and those of the other
participating countries (Serbian in both scripts). A language is *shipped* — in settings.LANGUAGES, in the
switcher, selectable in a profile — only once its catalog is complete: every message translated, nothing
fuzzy, placeholders and plural forms checked, and its named date formats written
(comenius/core/tests/test_translations.py and test_date_formats.py hold that true for every shipped
language). A catalog that is not complete yet stays on a branch, out of comenius/locale (docs/languages/README.md).

Django has no Maltese: `register()` adds it to Django's language table (settings calls it first), so that
`get_language_info` and the switcher know its name in Maltese.
"""

from __future__ import annotations

import unicodedata

from django.conf.locale import LANG_INFO

PLANNED = (
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt", "lv", "mt", "nl",
    "pl", "pt", "ro", "sk", "sl", "sv",
    "is", "nb", "tr", "sq", "mk", "sr", "sr-latn", "bs", "uk", "ka", "hy", "az", "ar",
)  # fmt: skip

SHIPPED = (
    "ar",
    "az",
    "bg",
    "bs",
    "cs",
    "da",
    "de",
    "el",
    "en",
    "es",
    "et",
    "fi",
    "fr",
    "ga",
    "hr",
    "hu",
    "hy",
    "is",
    "it",
    "ka",
    "lt",
    "lv",
    "mk",
    "mt",
    "nb",
    "nl",
    "pl",
    "pt",
    "ro",
    "sk",
    "sl",
    "sq",
    "sr",
    "sr-latn",
    "sv",
    "tr",
    "uk",
)

_MISSING_FROM_DJANGO = {
    "mt": {"bidi": False, "code": "mt", "name": "Maltese", "name_local": "Malti"},
}


def register() -> None:
    """Adds the languages Django does not know to its table (idempotent)."""
    for code, info in _MISSING_FROM_DJANGO.items():
        LANG_INFO.setdefault(code, info)


def _reading_key(code: str) -> str:
    name = LANG_INFO[code]["name_local"].casefold()
    return "".join(char for char in unicodedata.normalize("NFKD", name) if not unicodedata.combining(char))


def settings_languages(codes: tuple[str, ...] = SHIPPED) -> list[tuple[str, str]]:
    """settings.LANGUAGES: the shipped languages, in the order of their own names ("Dansk, Deutsch, English,
    Español …", other scripts after the Latin one), each with its English name as Django expects."""
    register()
    return [(code, LANG_INFO[code]["name"]) for code in sorted(codes, key=_reading_key)]


def choices() -> list[tuple[str, str]]:
    """Choices for a member's language: each shipped language in its own name. A callable, so the model's
    migration does not change when a language is shipped."""
    from django.conf import settings

    return [(code, LANG_INFO[code]["name_local"][:1].upper() + LANG_INFO[code]["name_local"][1:])
            for code, _name in settings.LANGUAGES]  # fmt: skip
