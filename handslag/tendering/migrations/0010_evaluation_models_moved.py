"""The evaluation's models moved to the evaluation app with their tables (state only).

Runs after the evaluation app has taken them into its state and partnership points its
contract at evaluation.Award, so no state ever holds a relation to a missing model."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("partnership", "0007_contract_award_in_evaluation"),
        ("evaluation", "0001_initial"),
        ("tendering", "0009_public_id_unique"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay where they are: nothing moves in the database.
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name="criterion",
                    name="call",
                ),
                migrations.RemoveField(
                    model_name="score",
                    name="criterion",
                ),
                migrations.RemoveField(
                    model_name="evaluationmodel",
                    name="call",
                ),
                migrations.RemoveField(
                    model_name="score",
                    name="evaluator",
                ),
                migrations.RemoveField(
                    model_name="score",
                    name="tender",
                ),
                migrations.DeleteModel(
                    name="Award",
                ),
                migrations.DeleteModel(
                    name="Criterion",
                ),
                migrations.DeleteModel(
                    name="EvaluationModel",
                ),
                migrations.DeleteModel(
                    name="Score",
                ),
            ],
        ),
    ]
