"""Give redaction cases and file decisions a public id: first as an empty column, filled in the next step.

Schema changes and the data step are separate migrations, so PostgreSQL never alters a
table with pending trigger events in the same transaction.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="redactioncase",
            name="public_id",
            field=models.UUIDField(editable=False, null=True, verbose_name="public id"),
        ),
        migrations.AddField(
            model_name="filedecision",
            name="public_id",
            field=models.UUIDField(editable=False, null=True, verbose_name="public id"),
        ),
    ]
