"""Organisations registered abroad: a country (existing rows are Swedish) and identifiers unique per country."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_attemptcounter"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="country",
            field=models.CharField(default="SE", max_length=2, verbose_name="country"),
        ),
        migrations.AddField(
            model_name="organisation",
            name="org_number_verified",
            field=models.BooleanField(default=True, verbose_name="organisation number checked"),
        ),
        migrations.AlterField(
            model_name="organisation",
            name="org_number",
            field=models.CharField(
                help_text="Ten digits, for example 212000-0688; abroad, the company registration or VAT number.",
                max_length=40,
                verbose_name="organisation number",
            ),
        ),
        migrations.AddConstraint(
            model_name="organisation",
            constraint=models.UniqueConstraint(
                fields=("country", "org_number"),
                name="organisation_unique_country_number",
                violation_error_message="An organisation with this organisation number is already registered.",
            ),
        ),
    ]
