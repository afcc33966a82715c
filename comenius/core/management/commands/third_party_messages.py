"""The messages of Django and django-allauth that our pages show, in our own catalogs (issue 19).

Django and allauth ship catalogs for many of our languages, but not for all (Django has no Maltese; allauth has no
Irish, Maltese, Icelandic, Macedonian, Albanian, Bosnian or Armenian, and only pt_PT/pt_BR for Portuguese) and
some of theirs are incomplete. So the messages of theirs that a member can meet — form errors, validators, dates
and elapsed times, humanized numbers, allauth's log-in, sign-up, e-mail and second-factor texts — are also in
our catalogs, where the completeness check holds them to 100 % like our own.

  manage.py third_party_messages --write-module   rewrites comenius/core/third_party_messages.py from the
                                                  installed packages' English catalogs (after an upgrade)
  manage.py third_party_messages --fill           fills each of our catalogs' untranslated entries from the
                                                  installed packages' catalogs for that language (exact matches
                                                  only; what they lack stays for our translators)

`make messages` runs --fill after makemessages. Needs GNU gettext (msgmerge), like makemessages.
"""

from __future__ import annotations

# msgmerge with fixed arguments of our own: no untrusted input.
# ruff: noqa: S603, S607
import json
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import allauth
import django
from django.core.management.base import BaseCommand, CommandError

PACKAGE = Path(__file__).resolve().parents[3]
MODULE = PACKAGE / "core" / "third_party_messages.py"
DJANGO = Path(django.__file__).parent
ALLAUTH = Path(allauth.__file__).parent

# Where a message of theirs must come from to be ours too: the source paths in their English catalogs.
SOURCES = {
    DJANGO / "conf" / "locale": (
        "forms/", "core/validators.py", "core/paginator.py", "db/models/fields/", "db/models/base.py",
        "utils/dates.py", "utils/timesince.py", "utils/text.py", "utils/dateformat.py", "template/defaultfilters.py",
    ),
    DJANGO / "contrib" / "auth" / "locale": ("",),
    DJANGO / "contrib" / "humanize" / "locale": ("",),
    ALLAUTH / "locale": ("account/", "mfa/", "templates/account/", "templates/mfa/", "templates/allauth/"),
}  # fmt: skip

# Languages whose packages' catalogs are under another name.
ALSO_UNDER = {"pt": ["pt_PT"], "nb": ["no"], "sr_Latn": ["sr@latin"]}


def _entries(po: Path) -> list[dict[str, Any]]:
    """Entries of a catalog: msgctxt, msgid, msgid_plural and the source references (a small reader; the packages'
    English catalogs are well-formed)."""
    result: list[dict[str, Any]] = []
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        entry: dict[str, Any] = {"refs": [], "msgctxt": None, "msgid": "", "msgid_plural": None}
        field = None
        for line in block.splitlines():
            if line.startswith("#:"):
                entry["refs"] += [ref.rsplit(":", 1)[0] for ref in line[2:].split()]
            elif line.startswith("#"):
                continue
            elif line.startswith(("msgctxt ", "msgid ", "msgid_plural ")):
                field = line.split(" ", 1)[0]
                entry[field] = json.loads(line.split(" ", 1)[1])
            elif line.startswith("msgstr"):
                field = None
            elif line.startswith('"') and field:
                entry[field] += json.loads(line)
        if entry["msgid"]:
            result.append(entry)
    return result


def wanted_messages() -> list[dict[str, Any]]:
    found: dict[tuple[str | None, str], dict[str, Any]] = {}
    for locale, prefixes in SOURCES.items():
        for entry in _entries(locale / "en" / "LC_MESSAGES" / "django.po"):
            if any(ref.startswith(prefixes) for ref in entry["refs"]) or prefixes == ("",):
                found.setdefault((entry["msgctxt"], entry["msgid"]), entry)
    return sorted(found.values(), key=lambda e: (e["msgid"], e["msgctxt"] or ""))


def _call(entry: dict[str, Any]) -> str:
    text = json.dumps(entry["msgid"], ensure_ascii=False)
    context = json.dumps(entry["msgctxt"], ensure_ascii=False) if entry["msgctxt"] is not None else None
    if entry["msgid_plural"] is not None:
        plural = json.dumps(entry["msgid_plural"], ensure_ascii=False)
        if context:
            return f"npgettext_lazy({context}, {text}, {plural}, 1)"
        return f"ngettext_lazy({text}, {plural}, 1)"
    if context:
        return f"pgettext_lazy({context}, {text})"
    return f"gettext_noop({text})"


def write_module() -> int:
    messages = wanted_messages()
    lines = [
        '"""Messages of Django and django-allauth that our pages show, so that our catalogs hold them too.',
        "",
        "Written by `manage.py third_party_messages --write-module` (comenius/core/management/commands/",
        "third_party_messages.py says why); never imported, only read by makemessages. Do not edit by hand.",
        '"""',
        "",
        "# ruff: noqa: E501",
        "# fmt: off",
        "from django.utils.translation import gettext_noop, ngettext_lazy, npgettext_lazy, pgettext_lazy",
        "",
        "MESSAGES = (",
        *(f"    {_call(entry)}," for entry in messages),
        ")",
        "",
    ]
    MODULE.write_text("\n".join(lines), encoding="utf-8")
    return len(messages)


def compendia(locale: str) -> list[Path]:
    names = [locale, *ALSO_UNDER.get(locale, [])]
    return [po for base in SOURCES for name in names if (po := base / name / "LC_MESSAGES" / "django.po").exists()]


def fill(locale_dir: Path) -> list[str]:
    """Gives each untranslated entry of our catalogs the packages' translation of exactly that message: our
    translated entries first, then the packages' catalogs (msgcat --use-first), merged onto our catalog's own
    entries (msgmerge, exact matches only, so nothing is added and nothing guessed)."""
    done = []
    for catalog in sorted(locale_dir.glob("*/LC_MESSAGES/django.po")):
        locale = catalog.parent.parent.name
        if locale == "en":
            continue
        sources = compendia(locale)
        if not sources:
            continue
        with tempfile.TemporaryDirectory() as folder:
            ours, combined = Path(folder) / "ours.po", Path(folder) / "combined.po"
            # makemessages' fuzzy guesses for new entries are never accepted (the completeness check refuses
            # fuzzy entries) and would stand in the way of the exact translations: they go first.
            subprocess.run(["msgattrib", "--clear-fuzzy", "--empty", "-o", str(catalog), str(catalog)], check=True)
            subprocess.run(["msgattrib", "--translated", "-o", str(ours), str(catalog)], check=True)
            # Only the packages' accepted translations: their fuzzy guesses are often wrong.
            accepted = []
            for number, source in enumerate(sources):
                accepted.append(Path(folder) / f"package-{number}.po")
                subprocess.run(["msgattrib", "--translated", "--no-fuzzy", "-o", str(accepted[-1]), str(source)],
                               check=True)  # fmt: skip
            present = [str(po) for po in (ours, *accepted) if po.exists()]
            subprocess.run(["msgcat", "--use-first", "-o", str(combined), *present], check=True)
            subprocess.run(
                [
                    "msgmerge",
                    "--quiet",
                    "--no-fuzzy-matching",
                    "--no-location",
                    "-o",
                    str(catalog),
                    str(combined),
                    str(catalog),
                ],
                check=True,
            )
            # msgmerge keeps what only the packages had as obsolete entries: not ours to keep.
            subprocess.run(["msgattrib", "--no-obsolete", "-o", str(catalog), str(catalog)], check=True)
        done.append(locale)
    return done


class Command(BaseCommand):
    help = "Keep Django's and allauth's messages that our pages show in our catalogs (see the module's text)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--write-module", action="store_true")
        parser.add_argument("--fill", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["write_module"] and not options["fill"]:
            raise CommandError("Say --write-module, --fill or both.")
        if options["write_module"]:
            count = write_module()
            self.stdout.write(f"{MODULE.relative_to(PACKAGE.parent)}: {count} messages")
        if options["fill"]:
            filled = fill(PACKAGE / "locale")
            self.stdout.write(f"filled from the packages' catalogs: {', '.join(filled) or 'none'}")
