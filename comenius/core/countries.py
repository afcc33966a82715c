"""The participating countries as data (data/countries.json), loaded by a migration and by test set-ups
that start from an empty database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "countries.json"


def load_countries(country_model: Any) -> int:
    """Create or update every listed country; returns how many there are. Takes the model so that a
    migration can pass its historical model."""
    items = json.loads(DATA.read_text(encoding="utf-8"))
    for item in items:
        country_model.objects.update_or_create(
            code=item["code"],
            defaults={
                "name": item["name"],
                "languages": item["languages"],
                "consent_age": item["consent_age"],
                "nso_name": item["nso_name"],
            },
        )
    return len(items)
