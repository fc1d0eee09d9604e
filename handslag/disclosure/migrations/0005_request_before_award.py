"""A request may be made before the award: it is registered and refused, naming no tender."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0004_public_id_unique"),
    ]

    operations = [
        migrations.AddField(
            model_name="documentrequest",
            name="before_award",
            field=models.BooleanField(default=False, verbose_name="made before the award"),
        ),
        migrations.AlterField(
            model_name="documentrequest",
            name="requester_email",
            field=models.EmailField(blank=True, max_length=254, verbose_name="requester's e-mail"),
        ),
    ]
