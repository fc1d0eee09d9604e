"""The award decision moved from tendering to evaluation; its table did not (state only)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0001_initial"),
        ("partnership", "0006_pilotkpi_direction"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay where they are: nothing moves in the database.
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="contract",
                    name="award",
                    field=models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="contract",
                        to="evaluation.award",
                    ),
                ),
            ],
        ),
    ]
