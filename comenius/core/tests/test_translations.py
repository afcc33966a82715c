"""Every catalog is complete (issue 19): every message translated, nothing fuzzy, placeholders and plural forms
right, compiled; every shipped language has a catalog and every catalog is shipped. `make check-messages` (CI's
lint step) adds that the catalogs hold exactly the messages of the sources and that `msgfmt -c` is clean."""

from __future__ import annotations

import gettext
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from comenius.core import languages

LOCALE = Path(__file__).resolve().parents[2] / "locale"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%[sdifr]")
TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str = ""
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)


def _unquote(line: str) -> str:
    text = line[line.index('"') + 1 : line.rindex('"')]
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text)


def entries(po: Path) -> list[Entry]:
    """The catalog's entries, parsed without gettext tools (the suite runs where only Python is installed)."""
    result = []
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if line and not line.startswith("#~")]
        entry = Entry()
        current: str | int | None = None
        for line in lines:
            if line.startswith("#,"):
                entry.flags += [flag.strip() for flag in line[2:].split(",")]
                continue
            if line.startswith("#"):
                continue
            if line.startswith("msgid_plural"):
                current = "plural"
            elif line.startswith("msgid"):
                current = "id"
            elif line.startswith("msgstr["):
                current = int(line[7 : line.index("]")])
                entry.msgstr[current] = ""
            elif line.startswith("msgstr"):
                current = 0
                entry.msgstr[0] = ""
            text = _unquote(line) if '"' in line else ""
            if current == "id":
                entry.msgid += text
            elif current == "plural":
                entry.msgid_plural += text
            elif isinstance(current, int):
                entry.msgstr[current] += text
        if lines:
            result.append(entry)
    return result


def catalogs() -> list[str]:
    return sorted(path.name for path in LOCALE.iterdir() if (path / "LC_MESSAGES" / "django.po").exists())


def problems_of(language: str) -> list[str]:
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    all_entries = entries(po)
    header = all_entries[0]
    assert header.msgid == "" and "fuzzy" not in header.flags, f"{language}: the header is missing or fuzzy"
    plural_forms = re.search(r"Plural-Forms: nplurals=(\d+);", header.msgstr[0])
    assert plural_forms, f"{language}: no Plural-Forms in the header"
    forms = int(plural_forms.group(1))
    problems = []
    for entry in all_entries[1:]:
        where = entry.msgid[:70]
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {where}")
        if entry.msgid_plural:
            if sorted(entry.msgstr) != list(range(forms)):
                problems.append(f"{len(entry.msgstr)} plural forms instead of {forms}: {where}")
            wanted = set(PLACEHOLDER.findall(entry.msgid_plural))
            for form in entry.msgstr.values():
                got = set(PLACEHOLDER.findall(form))
                # A form may leave out a named count ("one message"); it may never add or change a placeholder.
                if not got <= wanted | set(PLACEHOLDER.findall(entry.msgid)) or any(
                    not p.startswith("%(") and p not in got for p in wanted
                ):
                    problems.append(f"placeholders differ: {where}")
        elif Counter(PLACEHOLDER.findall(entry.msgid)) != Counter(PLACEHOLDER.findall(entry.msgstr.get(0, ""))):
            problems.append(f"placeholders differ: {where}")
        elif Counter(TAG.findall(entry.msgid)) != Counter(TAG.findall(entry.msgstr.get(0, ""))):
            problems.append(f"HTML tags differ: {where}")
        if not all(entry.msgstr.values()) or not entry.msgstr:
            problems.append(f"untranslated: {where}")
    return problems


@pytest.mark.parametrize("language", catalogs())
def test_catalog_is_complete_and_compiled(language):
    problems = problems_of(language)
    assert not problems, f"{language}:\n" + "\n".join(problems)
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    assert mo.stat().st_mtime >= po.stat().st_mtime - 5, "run `make messages` to compile"
    with mo.open("rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)  # parses the plural formula, too
    nplurals = re.search(r"nplurals=(\d+)", catalog.info()["plural-forms"])
    assert nplurals, "no plural forms in the compiled catalog"
    forms, plural = int(nplurals.group(1)), catalog.plural  # type: ignore[attr-defined]
    assert all(0 <= plural(n) < forms for n in (0, 1, 2, 5, 11, 21, 101, 1_000_000)), "bad plural formula"


def test_every_shipped_language_has_a_catalog_and_every_catalog_is_shipped():
    shipped = {translation.to_locale(code) for code, _name in settings.LANGUAGES}
    assert shipped == set(catalogs()), "a catalog in comenius/locale must be complete and listed in core/languages.py"
    assert set(languages.SHIPPED) <= set(languages.PLANNED)
    assert len(languages.PLANNED) == 37


def test_the_check_finds_a_missing_translation(tmp_path, monkeypatch):
    """Shown once: an untranslated, a fuzzy and a broken entry are each found."""
    po = tmp_path / "xx" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgid "Find a partner school"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Invite your class"\nmsgstr "Inviter din klasse"\n\n'
        'msgid "Hello %(name)s"\nmsgstr "Hej"\n\n'
        'msgid "%(count)s pupil"\nmsgid_plural "%(count)s pupils"\nmsgstr[0] "én elev"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(sys.modules[__name__], "LOCALE", tmp_path)
    found = problems_of("xx")
    assert "untranslated: Find a partner school" in found
    assert "fuzzy: Invite your class" in found
    assert "placeholders differ: Hello %(name)s" in found
    assert "1 plural forms instead of 2: %(count)s pupil" in found
