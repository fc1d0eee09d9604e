from django.db import migrations, models


def copy_direction(apps, schema_editor):
    """The effect's direction where the effect still exists; otherwise the side the target
    lies on, which is what the KPI assumed before it carried a direction of its own."""
    PilotKpi = apps.get_model("partnership", "PilotKpi")
    ExpectedEffect = apps.get_model("needs", "ExpectedEffect")
    for kpi in PilotKpi.objects.all().only("pk", "effect_id", "baseline", "target"):
        direction = None
        if kpi.effect_id is not None:
            direction = (
                ExpectedEffect.objects.filter(pk=kpi.effect_id)
                .values_list("direction", flat=True)
                .first()
            )
        if direction not in ("increase", "decrease"):
            direction = "increase" if kpi.target > kpi.baseline else "decrease"
        PilotKpi.objects.filter(pk=kpi.pk).update(direction=direction)


class Migration(migrations.Migration):
    dependencies = [
        ("needs", "0004_effect_direction"),
        ("partnership", "0005_acquisition_stage"),
    ]

    operations = [
        migrations.AddField(
            model_name="pilotkpi",
            name="direction",
            field=models.CharField(
                choices=[("increase", "Increase"), ("decrease", "Decrease")],
                default="increase",
                max_length=10,
                verbose_name="desired direction",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(copy_direction, migrations.RunPython.noop),
    ]
