"""Give tenders, tender files and negotiation messages a public id, first as an empty
column that the next migration fills.

Schema changes and the data step are separate migrations, so PostgreSQL never alters a
table with pending trigger events in the same transaction.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("tendering", "0006_negotiation_rounds"),
    ]

    operations = [
        migrations.AddField(
            model_name="tender",
            name="public_id",
            field=models.UUIDField(editable=False, null=True, verbose_name="public id"),
        ),
        migrations.AddField(
            model_name="negotiationmessage",
            name="public_id",
            field=models.UUIDField(editable=False, null=True, verbose_name="public id"),
        ),
        migrations.AddField(
            model_name="tenderfile",
            name="public_id",
            field=models.UUIDField(editable=False, null=True, verbose_name="public id"),
        ),
    ]
