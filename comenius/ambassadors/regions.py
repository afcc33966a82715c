"""The regions of participating countries, as data shipped in the repository (`data/regions.json`).

Each country lists its regions with their names, the municipalities or provinces they hold, their postcode
ranges and a schematic shape for the finder's map (drawn for this repository, not to scale: no external map
data, no tiles, no third-party requests). A postcode belongs to the region of the *narrowest* range that holds
it, so an exception (a postcode across a border) is a one-postcode range. Countries without regions here still
have ambassadors; their finder simply lists them without a map.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "regions.json"


@dataclass(frozen=True)
class Region:
    code: str  # "dk-hovedstaden": the country's code in lower case, then the region's own
    country: str  # "DK"
    name: str  # the region's own name, in the country's language
    name_en: str
    areas: tuple[str, ...]  # municipalities (Denmark) or provinces
    postcodes: tuple[tuple[int, int], ...]
    shapes: tuple[tuple[tuple[float, float], ...], ...]
    label: tuple[float, float]

    @property
    def points(self) -> list[str]:
        """Each shape as an SVG `points` attribute."""
        return [" ".join(f"{x:g},{y:g}" for x, y in shape) for shape in self.shapes]


@dataclass(frozen=True)
class CountryRegions:
    code: str
    view_box: tuple[float, float, float, float]
    drawing: str  # "schematic" (rough outlines) or "tiles" (one square per region)
    area_label: str  # "municipalities" or "provinces"
    postcode_note: str
    regions: tuple[Region, ...]

    @property
    def view_box_attr(self) -> str:
        return " ".join(f"{value:g}" for value in self.view_box)


@cache
def _load() -> dict[str, CountryRegions]:
    raw = json.loads(DATA_FILE.read_text(encoding="utf-8"))["countries"]
    found = {}
    for code, entry in raw.items():
        regions = tuple(
            Region(
                code=region["code"],
                country=code,
                name=region["name"],
                name_en=region["name_en"],
                areas=tuple(region["areas"]),
                postcodes=tuple((int(low), int(high)) for low, high in region["postcodes"]),
                shapes=tuple(tuple((float(x), float(y)) for x, y in shape) for shape in region["shapes"]),
                label=(float(region["label"][0]), float(region["label"][1])),
            )
            for region in entry["regions"]
        )
        found[code] = CountryRegions(
            code=code,
            view_box=tuple(entry["view_box"]),
            drawing=entry["drawing"],
            area_label=entry["area_label"],
            postcode_note=entry["postcode_note"],
            regions=regions,
        )
    return found


def for_country(code: str) -> CountryRegions | None:
    return _load().get(code.upper())


def regions_of(code: str) -> tuple[Region, ...]:
    found = for_country(code)
    return found.regions if found else ()


def countries_with_regions() -> list[str]:
    return sorted(_load())


def get(region_code: str) -> Region | None:
    country = region_code.split("-", 1)[0]
    return next((region for region in regions_of(country) if region.code == region_code), None)


def choices(code: str) -> list[tuple[str, str]]:
    return [(region.code, region.name) for region in regions_of(code)]


_DIGITS = re.compile(r"\d+")


def region_for_postcode(country: str, postcode: str) -> Region | None:
    """The region a postcode belongs to (the narrowest range holding it), or None."""
    match = _DIGITS.search(postcode or "")
    if match is None or len(match.group()) > 6:
        return None
    number = int(match.group())
    best: tuple[int, Region] | None = None
    for region in regions_of(country):
        for low, high in region.postcodes:
            if low <= number <= high and (best is None or high - low < best[0]):
                best = (high - low, region)
    return best[1] if best else None


def _fold(text: str) -> str:
    return text.strip().casefold().replace("aa", "å")


def region_for_area(country: str, name: str) -> Region | None:
    """The region holding a municipality or province named `name` (case and "aa"/"å" insensitive)."""
    wanted = _fold(name)
    if not wanted:
        return None
    for region in regions_of(country):
        if any(_fold(area) == wanted or wanted in {_fold(part) for part in area.split("/")} for area in region.areas):
            return region
    return None


def region_of_place(country: str, postcode: str = "", area: str = "", region_name: str = "") -> Region | None:
    """Where an institution is: by its postcode, else its municipality (city) or its stated region."""
    return (
        region_for_postcode(country, postcode)
        or region_for_area(country, area)
        or next(
            (r for r in regions_of(country) if _fold(region_name) in {_fold(r.name), _fold(r.name_en)}),
            None,
        )
    )
