"""Load the participating countries (DOMAIN.md). Operators change them later in the admin."""

from django.db import migrations

from comenius.core.countries import load_countries


def forwards(apps, schema_editor):
    load_countries(apps.get_model("core", "Country"))


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
