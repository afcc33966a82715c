"""Controlled, translatable lists used for partner finding: subjects, languages and their levels."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Subject(models.TextChoices):
    ART = "art", _("Art")
    BIOLOGY = "biology", _("Biology")
    CHEMISTRY = "chemistry", _("Chemistry")
    CITIZENSHIP = "citizenship", _("Citizenship")
    CLASSICS = "classics", _("Classical languages")
    CROSS_CURRICULAR = "cross_curricular", _("Cross-curricular")
    DRAMA = "drama", _("Drama")
    EARLY_LEARNING = "early_learning", _("Early learning and play")
    ECONOMICS = "economics", _("Economics")
    ENVIRONMENT = "environment", _("Environmental education")
    ESAFETY = "esafety", _("Media literacy and eSafety")
    FOREIGN_LANGUAGES = "foreign_languages", _("Foreign languages")
    GEOGRAPHY = "geography", _("Geography")
    HEALTH = "health", _("Health education")
    HISTORY = "history", _("History")
    ICT = "ict", _("ICT and programming")
    INCLUSION = "inclusion", _("Special needs and inclusion")
    MATHEMATICS = "mathematics", _("Mathematics")
    MOTHER_TONGUE = "mother_tongue", _("Mother tongue and literature")
    MUSIC = "music", _("Music")
    PHILOSOPHY = "philosophy", _("Philosophy and ethics")
    PHYSICAL_EDUCATION = "physical_education", _("Physical education")
    PHYSICS = "physics", _("Physics")
    RELIGION = "religion", _("Religion")
    SCIENCE = "science", _("Science")
    SOCIAL_STUDIES = "social_studies", _("Social studies")
    TECHNOLOGY = "technology", _("Design and technology")
    VOCATIONAL = "vocational", _("Vocational subjects")


class Language(models.TextChoices):
    """Languages members work in: the EU's official languages and those of the partner countries."""

    BG = "bg", _("Bulgarian")
    CS = "cs", _("Czech")
    DA = "da", _("Danish")
    DE = "de", _("German")
    EL = "el", _("Greek")
    EN = "en", _("English")
    ES = "es", _("Spanish")
    ET = "et", _("Estonian")
    FI = "fi", _("Finnish")
    FR = "fr", _("French")
    GA = "ga", _("Irish")
    HR = "hr", _("Croatian")
    HU = "hu", _("Hungarian")
    IT = "it", _("Italian")
    LT = "lt", _("Lithuanian")
    LV = "lv", _("Latvian")
    MT = "mt", _("Maltese")
    NL = "nl", _("Dutch")
    PL = "pl", _("Polish")
    PT = "pt", _("Portuguese")
    RO = "ro", _("Romanian")
    SK = "sk", _("Slovak")
    SL = "sl", _("Slovenian")
    SV = "sv", _("Swedish")
    IS = "is", _("Icelandic")
    NO = "no", _("Norwegian")
    SQ = "sq", _("Albanian")
    BS = "bs", _("Bosnian")
    SR = "sr", _("Serbian")
    MK = "mk", _("Macedonian")
    TR = "tr", _("Turkish")
    HY = "hy", _("Armenian")
    AZ = "az", _("Azerbaijani")
    KA = "ka", _("Georgian")
    UK = "uk", _("Ukrainian")
    RU = "ru", _("Russian")
    AR = "ar", _("Arabic")


class LanguageLevel(models.IntegerChoices):
    BASIC = 1, _("basic")
    GOOD = 2, _("good")
    FLUENT = 3, _("fluent")
    NATIVE = 4, _("native")


class ProjectKind(models.TextChoices):
    SHORT = "short", _("A short exchange (a few weeks)")
    TERM = "term", _("A project over a term")
    YEAR = "year", _("A project over the school year")
    ANY = "any", _("Open to anything")


# PostgreSQL text-search configurations by language; languages without a stemmer use "simple".
SEARCH_CONFIGS = {
    "da": "danish",
    "de": "german",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "hu": "hungarian",
    "it": "italian",
    "lt": "lithuanian",
    "nl": "dutch",
    "nb": "norwegian",  # the interface language (Norwegian Bokmål)
    "no": "norwegian",  # the vocabulary's language a member speaks
    "pt": "portuguese",
    "ro": "romanian",
    "sv": "swedish",
    "tr": "turkish",
    "el": "greek",
    "ar": "arabic",
    "hy": "armenian",
    "sr": "serbian",
    "ga": "irish",
    "ru": "russian",
}


def search_config(language: str) -> str:
    return SEARCH_CONFIGS.get(language, "simple")


# Danish (and Norwegian) put Æ, Ø, Å after Z; Swedish and Finnish Å, Ä, Ö. Other letters sort by their base.
_ALPHABET_END = {
    "da": {"æ": "{", "ø": "|", "å": "}"},  # the three characters after z in ASCII
    "nb": {"æ": "{", "ø": "|", "å": "}"},
    "sv": {"å": "{", "ä": "|", "ö": "}"},
    "fi": {"å": "{", "ä": "|", "ö": "}"},
}


def reading_order(label: object) -> str:
    """A sort key for a label in the active language's alphabet (issue 11: subject lists alphabetical in the
    reader's language, not in English)."""
    import unicodedata

    from django.utils.translation import get_language

    text = str(label).casefold()
    table = _ALPHABET_END.get((get_language() or "en").split("-")[0])
    if table:
        text = "".join(table.get(char, char) for char in text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def alphabetical(choices: list[tuple[str, Any]], *first: tuple[str, Any]) -> Callable[[], list[tuple[str, Any]]]:
    """Form choices in the reader's alphabetical order, sorted when the form is shown (Django calls a callable
    `choices` each time, in the active language); `first` (e.g. "All subjects") stays on top."""

    def ordered() -> list[tuple[str, Any]]:
        return [*first, *sorted(choices, key=lambda choice: reading_order(choice[1]))]

    return ordered
