"""`make check-messages`: the catalogs hold every message of the sources (a new English string that `make
messages` has not brought into the catalogs fails CI), every catalog holds the same messages as the English
one, and `msgfmt -c` finds nothing. Needs GNU gettext, like `make messages`."""

from __future__ import annotations

# Fixed commands of our own (gettext's tools, Django's makemessages): no untrusted input.
# ruff: noqa: S603, S607
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "comenius"
LOCALE = PACKAGE / "locale"
PROBE = "zz_PROBE"  # a throwaway locale that makemessages writes the sources' messages into


def msgids(po: Path) -> set[str]:
    """The catalog's msgids (the plural's singular stands for the entry); obsolete entries left out."""
    found: set[str] = set()
    current, reading = "", False
    for line in [*po.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith('msgid "'):
            current, reading = line[7:-1], True
        elif reading and line.startswith('"'):
            current += line[1:-1]
        else:
            if reading and current:
                found.add(current)
            reading = False
    return found


def main() -> int:
    failures = []
    catalogs = sorted(LOCALE.glob("*/LC_MESSAGES/django.po"))
    for po in catalogs:
        result = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)], capture_output=True, text=True)
        if result.returncode:
            failures.append(f"msgfmt -c {po.relative_to(ROOT)}:\n{result.stderr}")
    probe = LOCALE / PROBE
    try:
        subprocess.run([sys.executable, str(ROOT / "manage.py"), "makemessages", "--locale", PROBE, "--no-location",
                        "-v", "0"], cwd=PACKAGE, check=True)  # fmt: skip
        with tempfile.TemporaryDirectory() as folder:
            fresh = Path(folder) / "fresh.po"
            shutil.copy(probe / "LC_MESSAGES" / "django.po", fresh)
            in_sources = msgids(fresh)
    finally:
        shutil.rmtree(probe, ignore_errors=True)
    english = msgids(LOCALE / "en" / "LC_MESSAGES" / "django.po")
    new, gone = sorted(in_sources - english), sorted(english - in_sources)
    if new or gone:
        failures.append(
            "the catalogs are not up to date with the sources; run `make messages` and translate:\n"
            + "".join(f"  new: {text[:100]}\n" for text in new[:40])
            + "".join(f"  no longer used: {text[:100]}\n" for text in gone[:40])
        )
    for po in catalogs:
        if po.parent.parent.name != "en" and msgids(po) != english:
            failures.append(f"{po.relative_to(ROOT)} holds other messages than the English catalog")
    for failure in failures:
        print(failure, file=sys.stderr)
    print(f"{len(catalogs)} catalogs, {len(english)} messages: {'FAILED' if failures else 'up to date and clean'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
