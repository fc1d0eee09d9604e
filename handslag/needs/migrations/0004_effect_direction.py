from django.db import migrations, models
from django.db.models import F


def set_direction(apps, schema_editor) -> None:  # noqa: ANN001
    """Existing effects keep the direction their target already implied."""
    effect = apps.get_model("needs", "ExpectedEffect")
    effect.objects.filter(target__gt=F("baseline")).update(direction="increase")
    effect.objects.filter(target__lt=F("baseline")).update(direction="decrease")


class Migration(migrations.Migration):
    dependencies = [
        ("needs", "0003_similarity_covering_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="expectedeffect",
            name="direction",
            field=models.CharField(
                choices=[("increase", "Increase"), ("decrease", "Decrease")],
                default="increase",
                max_length=10,
                verbose_name="desired direction",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(set_direction, migrations.RunPython.noop),
    ]
