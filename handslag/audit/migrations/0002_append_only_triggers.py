"""Refuse UPDATE and DELETE on the audit table in the database itself."""

from django.db import migrations

from handslag.audit.guards import install_guards, remove_guards


def forwards(apps, schema_editor):
    install_guards(schema_editor.connection)


def backwards(apps, schema_editor):
    remove_guards(schema_editor.connection)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS audit_auditentry_append_only();")


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
