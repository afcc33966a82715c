"""The open API's institution directory at reference scale (issue 18, measured by `make bench`): a partial index
for a country's validated institutions in id order (the cursor), and on PostgreSQL trigram indexes for its
words search (`name`/`city` icontains: UPPER(...) LIKE '%word%'), which otherwise reads every row for a word
that few or no institutions contain. SQLite needs no trigram index and skips that part."""

from django.db import migrations, models

from comenius.core.search import POSTGRES_SETUP

TRIGRAMS = """
CREATE INDEX IF NOT EXISTS institution_name_trigram ON institutions_institution
    USING gin (upper(name::text) gin_trgm_ops) WHERE status = 'validated';
CREATE INDEX IF NOT EXISTS institution_city_trigram ON institutions_institution
    USING gin (upper(city::text) gin_trgm_ops) WHERE status = 'validated';
"""
DROP = """
DROP INDEX IF EXISTS institution_name_trigram;
DROP INDEX IF EXISTS institution_city_trigram;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_SETUP)
        schema_editor.execute(TRIGRAMS)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_background_work"),
        ("institutions", "0001_initial"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="institution",
            index=models.Index(
                condition=models.Q(("status", "validated")), fields=["country", "id"], name="institution_public_country"
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
