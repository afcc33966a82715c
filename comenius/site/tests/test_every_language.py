"""Every shipped language, on the pages people meet first (issue 19): the page says its language and direction,
and no interface text is left in English — not ours, not Django's, not allauth's.

A text on the page is "left in English" when it is exactly one of the catalogs' English messages and appears in
nothing that language's catalog makes of any message (a word that is the same in both, like "Chat", is fine). Names,
numbers and what members wrote are not messages, so they never count."""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from comenius.core.tests.test_translations import entries
from comenius.devdata.testing import CAST_PASSWORD, Cast, client_for

pytestmark = pytest.mark.django_db

LOCALE = Path(__file__).resolve().parents[2] / "locale"
OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]
SHOWN_ATTRIBUTES = {"placeholder", "aria-label", "title", "alt"}


class _Texts(HTMLParser):
    """The texts a reader meets: text between tags (not in scripts or styles, nor in an element marked as being in
    another language, like the switcher's "English") and the attributes read aloud."""

    def __init__(self, language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.language = language
        self.texts: list[str] = []
        self._hidden: list[str] = []  # the open elements whose text is not the page's own

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        other_language = any(name == "lang" and value and value != self.language for name, value in attrs)
        if tag in ("script", "style", "template") or other_language:
            self._hidden.append(tag)
        elif not self._hidden:
            self.texts += [value.strip() for name, value in attrs if name in SHOWN_ATTRIBUTES and value]

    def handle_endtag(self, tag: str) -> None:
        if self._hidden and self._hidden[-1] == tag:
            self._hidden.pop()

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.texts.append(" ".join(data.split()))


def texts(html: str, language: str) -> list[str]:
    parser = _Texts(language)
    parser.feed(html)
    return parser.texts


@cache
def _messages(language: str) -> tuple[set[str], set[str]]:
    ids: set[str] = set()
    strs: set[str] = set()
    for entry in entries(LOCALE / translation.to_locale(language) / "LC_MESSAGES" / "django.po")[1:]:
        ids.add(entry.msgid.strip())
        strs.update(value.strip() for value in entry.msgstr.values())
    return ids, strs


ENGLISH, _ = _messages("en")
# Messages that are only markup or symbols, or too short to tell a language by.
ENGLISH = {text for text in ENGLISH if len(re.findall(r"[A-Za-z]", text)) >= 3 and "%" not in text}


def english_left(html: str, language: str) -> list[str]:
    """The page's texts that are English messages and nothing this language's catalog says: Dutch "Log in" is the
    Dutch imperative inside "Al lid? <a …>Log in</a>.", so a text found inside a translation is not a leak."""
    _ids, translated = _messages(language)
    everything_translated = "\n".join(translated)
    return sorted({text for text in texts(html, language) if text in ENGLISH and text not in everything_translated})


def _pages(cast: Cast) -> list[tuple[str, object, str]]:
    """(name, who, url): visitors and members on the pages they meet first; a pupil on hers."""
    space = cast.project.space
    return [
        ("front page", None, reverse("site:front")),
        ("log-in", None, reverse("account_login")),
        ("sign-up", None, reverse("account_signup")),
        ("password reset", None, reverse("account_reset_password")),
        ("ambassadors", None, reverse("ambassadors:index")),
        ("gallery", None, reverse("projects:gallery")),
        ("events", None, reverse("events:list")),
        ("pupil log-in", None, reverse("spaces:pupil_login")),
        ("member home", cast.mette, reverse("site:home")),
        ("people search", cast.mette, reverse("network:people")),
        ("project page", cast.mette, reverse("projects:detail", args=[cast.project.pk])),
        ("space home", cast.mette, reverse("spaces:home", args=[space.pk])),
        ("groups", cast.mette, reverse("groups:directory")),
        ("profile", cast.mette, reverse("accounts:profile")),
        ("two-factor", cast.mette, reverse("mfa_index")),
        ("NSO queue", cast.jonas, reverse("accounts:queue")),
        ("pupil home", cast.pia, reverse("spaces:pupil_home")),
        ("pupil's space", cast.pia, reverse("spaces:home", args=[space.pk])),
    ]


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_first_pages_are_in_the_language_with_nothing_left_in_english(cast: Cast, language: str):
    direction = "rtl" if language.split("-")[0] in settings.LANGUAGES_BIDI else "ltr"
    for person in cast.everyone().values():
        person.language = language
        person.save(update_fields=["language"])
    problems = []
    for name, who, url in _pages(cast):
        client = client_for(who)  # type: ignore[arg-type]
        response = client.get(url, headers={"accept-language": language}, follow=True)
        html = response.content.decode()
        if response.status_code != 200:
            problems.append(f"{name}: {response.status_code}")
            continue
        if f'<html lang="{language}" dir="{direction}">' not in html:
            problems.append(f"{name}: the page does not say lang={language} dir={direction}")
        problems += [f"{name}: {text!r}" for text in english_left(html, language)]
    assert not problems, f"{language}:\n" + "\n".join(problems)


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_form_errors_are_in_the_language(cast: Cast, language: str):
    """Django's and allauth's own messages: a wrong password at log-in, a sign-up with nothing filled in."""
    client = Client(headers={"accept-language": language})
    wrong = client.post(reverse("account_login"), {"login": cast.otto.email, "password": CAST_PASSWORD + "x"})
    empty = client.post(reverse("account_signup"), {})
    problems = [f"log-in: {text!r}" for text in english_left(wrong.content.decode(), language)]
    problems += [f"sign-up: {text!r}" for text in english_left(empty.content.decode(), language)]
    assert not problems, f"{language}:\n" + "\n".join(problems)


def test_the_check_sees_english_left_on_a_page():
    """Shown once: an untranslated message on a Danish page is found; a name and a shared word are not."""
    html = "<main><h1>Mette Sørensen</h1><button>Find a partner school</button><p>Chat</p></main>"
    assert english_left(html, "da") == ["Find a partner school"]
