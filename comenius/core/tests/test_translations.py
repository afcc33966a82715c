"""English and Danish are complete: every message translated, nothing fuzzy, placeholders kept."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def entries(po: Path) -> list[tuple[str, str, list[str]]]:
    """(msgid, msgstr of every form joined, flags) for each entry, parsed without gettext tools.

    Plural entries get the flag "plural": their singular may leave out the count placeholder."""
    result = []
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if line and not line.startswith("#~")]
        flags = [flag.strip() for line in lines if line.startswith("#,") for flag in line[2:].split(",")]
        if any(line.startswith("msgid_plural") for line in lines):
            flags.append("plural")
        current, parts = None, {"msgid": [], "msgstr": []}  # type: ignore[var-annotated]
        for line in lines:
            if line.startswith("msgid "):
                current = "msgid"
            elif line.startswith("msgid_plural"):
                current = "skip"
            elif line.startswith("msgstr"):
                current = "msgstr"
            if current in parts and '"' in line:
                parts[current].append(line[line.index('"') + 1 : line.rindex('"')])
        if parts["msgid"]:
            result.append(("".join(parts["msgid"]), "".join(parts["msgstr"]), flags))
    return result


@pytest.mark.parametrize("language", ["en", "da"])
def test_catalog_is_complete(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    problems = []
    for msgid, msgstr, flags in entries(po):
        if not msgid:
            assert "fuzzy" not in flags, "header is fuzzy"
            continue
        if "fuzzy" in flags:
            problems.append(f"fuzzy: {msgid}")
        if not msgstr:
            problems.append(f"untranslated: {msgid}")
        if "plural" not in flags and sorted(PLACEHOLDER.findall(msgid)) != sorted(PLACEHOLDER.findall(msgstr)):
            problems.append(f"placeholders differ: {msgid}")
    assert not problems, "\n".join(problems)
    assert (po.with_suffix(".mo")).stat().st_mtime >= po.stat().st_mtime - 5, "run `make messages` to compile"
