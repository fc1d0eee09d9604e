"""A random public id for every existing row (one uuid4 each, never derived from the key)."""

import uuid

from django.db import migrations


def fill_public_ids(apps, schema_editor):  # noqa: ANN001, ANN201
    for name in ("RedactionCase", "FileDecision"):
        model = apps.get_model("disclosure", name)
        for pk in model.objects.filter(public_id__isnull=True).values_list("pk", flat=True):
            model.objects.filter(pk=pk).update(public_id=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0002_public_id_add"),
    ]

    operations = [
        migrations.RunPython(fill_public_ids, migrations.RunPython.noop),
    ]
