"""PostgreSQL only: GIN indexes for project search (full text and trigram titles). The extensions and the
immutable unaccent come from network's migration 0002; SQLite skips this migration's work."""

from django.db import migrations

INDEXES = """
CREATE INDEX IF NOT EXISTS project_search_vector ON projects_project USING gin (search_vector);
CREATE INDEX IF NOT EXISTS project_title_trigram ON projects_project USING gin (immutable_unaccent(title) gin_trgm_ops);
CREATE INDEX IF NOT EXISTS project_tags_trigram ON projects_project USING gin (tags gin_trgm_ops);
"""
DROP = """
DROP INDEX IF EXISTS project_search_vector;
DROP INDEX IF EXISTS project_title_trigram;
DROP INDEX IF EXISTS project_tags_trigram;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEXES)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial"), ("network", "0002_postgres_search")]
    operations = [migrations.RunPython(forwards, backwards)]
