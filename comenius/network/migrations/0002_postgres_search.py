"""PostgreSQL only: unaccent and pg_trgm, an immutable unaccent for indexes, GIN indexes for full text and
trigram name matching. SQLite (the embedded default) needs none of it and skips this migration's work."""

from django.db import migrations

from comenius.core.search import POSTGRES_SETUP

INDEXES = """
CREATE INDEX IF NOT EXISTS profile_search_vector ON network_profile USING gin (search_vector);
CREATE INDEX IF NOT EXISTS profile_name_trigram ON network_profile USING gin (immutable_unaccent(display_name) gin_trgm_ops);
CREATE INDEX IF NOT EXISTS idea_search_vector ON network_projectidea USING gin (search_vector);
CREATE INDEX IF NOT EXISTS idea_title_trigram ON network_projectidea USING gin (immutable_unaccent(title) gin_trgm_ops);
"""
DROP = """
DROP INDEX IF EXISTS profile_search_vector;
DROP INDEX IF EXISTS profile_name_trigram;
DROP INDEX IF EXISTS idea_search_vector;
DROP INDEX IF EXISTS idea_title_trigram;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_SETUP)
        schema_editor.execute(INDEXES)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
