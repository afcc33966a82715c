"""PostgreSQL only: indexes that keep project search, the gallery and the NSO queue fast at reference scale
(160 k projects, see docs/performance.md). SQLite skips this migration's work; its demo data is small.

- Listings of visible projects (search, gallery) walk a partial index in "recently activated" order instead
  of sorting every active, closed and archived project.
- Filters (subject, language, country, year) test the tag tokens with one array containment, answered by a
  GIN index whose per-token statistics let the planner choose between that index and the ordered walk. It
  replaces the trigram index on the tags, which matched one- and two-letter tokens slowly.
- The NSO's decided approvals are read newest first by country (officers) or overall (central support).
"""

from django.db import migrations

INDEXES = """
CREATE INDEX IF NOT EXISTS project_visible_recent ON projects_project (activated_at DESC, id DESC)
    WHERE state IN ('active', 'closed', 'archived');
CREATE INDEX IF NOT EXISTS project_tag_tokens ON projects_project USING gin (string_to_array(btrim(tags), ' '));
DROP INDEX IF EXISTS project_tags_trigram;
CREATE INDEX IF NOT EXISTS approval_decided_country ON projects_projectapproval (country_id, decided_at DESC, id DESC)
    WHERE state IN ('approved', 'rejected');
CREATE INDEX IF NOT EXISTS approval_decided_recent ON projects_projectapproval (decided_at DESC, id DESC)
    WHERE state IN ('approved', 'rejected');
"""
DROP = """
DROP INDEX IF EXISTS project_visible_recent;
DROP INDEX IF EXISTS project_tag_tokens;
CREATE INDEX IF NOT EXISTS project_tags_trigram ON projects_project USING gin (tags gin_trgm_ops);
DROP INDEX IF EXISTS approval_decided_country;
DROP INDEX IF EXISTS approval_decided_recent;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEXES)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("projects", "0003_hidden")]
    operations = [migrations.RunPython(forwards, backwards)]
