"""Time zones: the organiser's zone for an event, the reader's zone for showing it.

A country's zone comes from the tz database's own table (zone1970.tab in the `tzdata` package, or the system's),
choosing the first zone listed for the country (its capital's, for every participating country)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from zoneinfo import available_timezones

FALLBACK = "Europe/Brussels"


@cache
def _country_zones() -> dict[str, str]:
    text = ""
    try:
        text = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        system = Path("/usr/share/zoneinfo/zone.tab")
        text = system.read_text() if system.is_file() else ""
    zones: dict[str, str] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) >= 3:
            zones.setdefault(parts[0].upper(), parts[2])
    return zones


def zone_for_country(code: str) -> str:
    return _country_zones().get((code or "").upper(), FALLBACK)


@cache
def zone_choices() -> list[tuple[str, str]]:
    """Europe's zones and a few more the platform's partner countries use, sorted; shown as the tz names."""
    wanted = ("Europe/", "Atlantic/", "Asia/Tbilisi", "Asia/Yerevan", "Asia/Baku", "Asia/Nicosia", "Africa/Tunis")
    names = sorted(name for name in available_timezones() if name.startswith(wanted) or name == "UTC")
    return [(name, name.replace("_", " ")) for name in names]
