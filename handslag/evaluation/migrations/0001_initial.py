"""The evaluation's models, taken over from tendering with their tables (tendering_<model>).

State only: the tables were created by tendering's migrations and keep their data; this
migration and tendering 0010 move the models between the apps' states."""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("market", "0003_market_dialogue"),
        ("tendering", "0009_public_id_unique"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay where they are: nothing moves in the database.
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Award",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(
                                auto_now_add=True, db_index=True, verbose_name="created"
                            ),
                        ),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                        ("decided_at", models.DateTimeField(verbose_name="decided")),
                        ("justification", models.TextField(verbose_name="justification")),
                        ("notice_sent_on", models.DateField(verbose_name="award notice sent")),
                        (
                            "sent_electronically",
                            models.BooleanField(default=True, verbose_name="sent electronically"),
                        ),
                        (
                            "standstill_end",
                            models.DateField(verbose_name="end of the standstill period"),
                        ),
                        (
                            "contract_signed_on",
                            models.DateField(blank=True, null=True, verbose_name="contract signed"),
                        ),
                        (
                            "call",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="award",
                                to="market.call",
                            ),
                        ),
                        (
                            "decided_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "tender",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="awards",
                                to="tendering.tender",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "award decision",
                        "verbose_name_plural": "award decisions",
                        "db_table": "tendering_award",
                    },
                ),
                migrations.CreateModel(
                    name="Criterion",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(
                                auto_now_add=True, db_index=True, verbose_name="created"
                            ),
                        ),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                        ("name", models.CharField(max_length=200, verbose_name="name")),
                        (
                            "description",
                            models.TextField(blank=True, verbose_name="what is assessed"),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("quality", "Quality"),
                                    ("price", "Price or life-cycle cost"),
                                ],
                                default="quality",
                                max_length=20,
                                verbose_name="kind",
                            ),
                        ),
                        (
                            "weight",
                            models.PositiveSmallIntegerField(
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(100),
                                ],
                                verbose_name="weight (%)",
                            ),
                        ),
                        ("order", models.PositiveSmallIntegerField(default=0)),
                        (
                            "call",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="criteria",
                                to="market.call",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "award criterion",
                        "verbose_name_plural": "award criteria",
                        "db_table": "tendering_criterion",
                        "ordering": ["call", "order", "pk"],
                    },
                ),
                migrations.CreateModel(
                    name="EvaluationModel",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(
                                auto_now_add=True, db_index=True, verbose_name="created"
                            ),
                        ),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("weighted_points", "Weighted points"),
                                    ("quality_price_ratio", "Quality/price ratio"),
                                    ("added_value", "Added value (comparison price)"),
                                ],
                                default="weighted_points",
                                max_length=30,
                                verbose_name="evaluation model",
                            ),
                        ),
                        (
                            "price_ceiling",
                            models.DecimalField(
                                blank=True,
                                decimal_places=2,
                                max_digits=15,
                                null=True,
                                verbose_name="price ceiling (SEK)",
                            ),
                        ),
                        (
                            "relative_price",
                            models.BooleanField(
                                default=False, verbose_name="relative price scoring"
                            ),
                        ),
                        (
                            "max_deductions",
                            models.JSONField(
                                blank=True, default=dict, verbose_name="maximum deductions (SEK)"
                            ),
                        ),
                        (
                            "call",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="evaluation_model",
                                to="market.call",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "evaluation model",
                        "verbose_name_plural": "evaluation models",
                        "db_table": "tendering_evaluationmodel",
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("price_ceiling__isnull", True),
                                    ("price_ceiling__gt", 0),
                                    _connector="OR",
                                ),
                                name="evaluationmodel_ceiling_positive",
                                violation_error_message="The price ceiling must be above zero.",
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="Score",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(
                                auto_now_add=True, db_index=True, verbose_name="created"
                            ),
                        ),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                        ("is_consensus", models.BooleanField(default=False)),
                        (
                            "score",
                            models.PositiveSmallIntegerField(
                                validators=[
                                    django.core.validators.MinValueValidator(0),
                                    django.core.validators.MaxValueValidator(5),
                                ],
                                verbose_name="score (0–5)",
                            ),
                        ),
                        (
                            "justification",
                            models.TextField(blank=True, verbose_name="justification"),
                        ),
                        (
                            "external_justification",
                            models.TextField(
                                blank=True, verbose_name="justification to the tenderer"
                            ),
                        ),
                        (
                            "criterion",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="scores",
                                to="evaluation.criterion",
                            ),
                        ),
                        (
                            "evaluator",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "tender",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="scores",
                                to="tendering.tender",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "score",
                        "verbose_name_plural": "scores",
                        "db_table": "tendering_score",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("tender", "criterion", "evaluator", "is_consensus"),
                                name="score_unique_per_evaluator",
                            ),
                            models.UniqueConstraint(
                                condition=models.Q(("is_consensus", True)),
                                fields=("tender", "criterion"),
                                name="score_one_consensus_per_criterion",
                                violation_error_message="The tender already has a consensus score here.",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("score__gte", 0), ("score__lte", 5)),
                                name="score_in_range",
                                violation_error_message="A score must be between 0 and 5.",
                            ),
                        ],
                    },
                ),
            ],
        ),
    ]
