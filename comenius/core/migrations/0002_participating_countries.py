"""Load the 43 participating countries (DOMAIN.md). Operators change them later in the admin."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "countries.json"


def load_countries(apps, schema_editor):
    Country = apps.get_model("core", "Country")
    for item in json.loads(DATA.read_text(encoding="utf-8")):
        Country.objects.update_or_create(
            code=item["code"],
            defaults={
                "name": item["name"],
                "languages": item["languages"],
                "consent_age": item["consent_age"],
                "nso_name": item["nso_name"],
            },
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load_countries, migrations.RunPython.noop)]
