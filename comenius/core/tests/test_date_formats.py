"""One date format per language (issue 11): every date and time is written with the named formats of
comenius/core/formats, never with a pattern of its own, and they read as each language writes dates."""

from __future__ import annotations

import importlib
import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import translation

from comenius.core.formats import NAMED_FORMATS
from comenius.devdata.testing import Cast

PACKAGE = Path(__file__).resolve().parents[2]

# Not dates but their parts or machine forms: ISO 8601 for `datetime` attributes and feeds, a month in a URL's
# query, a year alone, a calendar's day number and weekday heading.
MACHINE_AND_PARTS = {"c", "Y-m", "Y-m-d", "U", "Y", "j", "D"}

# Templates another helper was changing when the named formats came (issue 11); they move to the named formats
# with that work. Keep this list short; the test below fails when one of them no longer needs to be here.
NOT_YET: set[str] = set()

TEMPLATE_FORMAT = re.compile(r"""\|(?:date|time):\s*(?:"([^"]*)"|'([^']*)')|{%\s*now\s+(?:"([^"]*)"|'([^']*)')""")
PYTHON_FORMAT = re.compile(r"""(?:date_format|time_format)\((?:[^()]|\([^()]*\))*?,\s*(?:_\()?["']([^"']*)["']""")


def template_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*") if p.suffix in {".html", ".txt"} and "templates" in p.parts)


def test_every_named_format_is_defined_for_every_shipped_language():
    for code, _name in settings.LANGUAGES:
        # Django looks format modules up by locale name: sr-latn's are in sr_Latn.
        module = importlib.import_module(f"comenius.core.formats.{translation.to_locale(code)}.formats")
        missing = [name for name in NAMED_FORMATS if not getattr(module, name, "")]
        assert not missing, f"{code}: {missing}"


def test_templates_use_only_the_named_formats():
    found = []
    for path in template_files():
        relative = path.relative_to(PACKAGE).as_posix()
        for match in TEMPLATE_FORMAT.finditer(path.read_text()):
            pattern = next(group for group in match.groups() if group is not None)
            if pattern not in NAMED_FORMATS and pattern not in MACHINE_AND_PARTS and relative not in NOT_YET:
                found.append(f"{relative}: {match.group(0)}")
    assert not found, "ad-hoc date formats (use a named one from comenius/core/formats):\n" + "\n".join(found)


def test_the_not_yet_list_is_still_needed():
    for relative in NOT_YET:
        text = (PACKAGE / relative).read_text()
        patterns = [next(g for g in m.groups() if g is not None) for m in TEMPLATE_FORMAT.finditer(text)]
        assert any(p not in NAMED_FORMATS and p not in MACHINE_AND_PARTS for p in patterns), relative


def test_python_uses_only_the_named_formats():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for match in PYTHON_FORMAT.finditer(path.read_text()):
            if match.group(1) not in NAMED_FORMATS:
                found.append(f"{path.relative_to(PACKAGE)}: {match.group(0)}")
    assert not found, "\n".join(found)


def test_the_check_sees_an_ad_hoc_format():
    """The scanners above would notice a pattern of one's own (so they can fail)."""
    assert [m.group(1) for m in TEMPLATE_FORMAT.finditer('{{ when|date:"j M Y" }} {{ x|date:"DATE_FORMAT" }}')] == [
        "j M Y",
        "DATE_FORMAT",
    ]
    found = PYTHON_FORMAT.search('formats.date_format(start.astimezone(zone), _("l j F Y"))')
    assert found is not None and found.group(1) == "l j F Y"


MOMENT = datetime(2026, 12, 1, 8, 30, tzinfo=ZoneInfo("Europe/Brussels"))
EXPECTED = {
    "en": {
        "DATE_FORMAT": "1 Dec 2026",
        "DATETIME_FORMAT": "1 Dec 2026, 08:30",
        "TIME_FORMAT": "08:30",
        "MONTH_DAY_FORMAT": "1 Dec",
        "YEAR_MONTH_FORMAT": "December 2026",
        "WEEKDAY_DATE_FORMAT": "Tuesday 1 December 2026",
        "LONG_DATE_FORMAT": "1 December 2026",
    },
    "da": {
        "DATE_FORMAT": "1. dec. 2026",
        "DATETIME_FORMAT": "1. dec. 2026 kl. 08.30",
        "TIME_FORMAT": "08.30",
        "MONTH_DAY_FORMAT": "1. dec.",
        "YEAR_MONTH_FORMAT": "december 2026",
        "WEEKDAY_DATE_FORMAT": "tirsdag den 1. december 2026",
        "LONG_DATE_FORMAT": "1. december 2026",
    },
}


@pytest.mark.parametrize("language", ["en", "da"])
def test_dates_render_as_the_language_writes_them(language: str):
    with translation.override(language):
        for name, expected in EXPECTED[language].items():
            html = Template(f'{{{{ when|date:"{name}" }}}}').render(Context({"when": MOMENT}))
            assert html == expected, name
        # `|date` and `|time` without a pattern are the same formats.
        assert Template("{{ when|date }} {{ when|time }}").render(Context({"when": MOMENT})) == (
            f"{EXPECTED[language]['DATE_FORMAT']} {EXPECTED[language]['TIME_FORMAT']}"
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "day", "other"), [("en", "1 Dec 2026", "1. dec. 2026"), ("da", "1. dec. 2026", "1 Dec 2026")]
)
def test_a_project_page_shows_its_dates_in_the_readers_format(cast: Cast, language: str, day: str, other: str):
    cast.project.starts_on = date(2026, 12, 1)
    cast.project.save(update_fields=["starts_on"])
    cast.mette.language = language
    cast.mette.save(update_fields=["language"])
    client = Client()
    client.force_login(cast.mette)
    html = client.get(reverse("projects:detail", args=[cast.project.pk])).content.decode()
    assert day in html and other not in html
    # The browser, which rewrites times into the reader's zone, gets the same pattern and month names.
    assert f'<meta name="comenius-datetime-format" content="{EXPECTED_PATTERN[language]}">' in html


EXPECTED_PATTERN = {"en": "j M Y, H:i", "da": "j. N Y \\k\\l. H.i"}
