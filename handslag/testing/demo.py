"""The demo database, built once per test process and put back wherever a test needs it.

Loading the demo runs every app's services (sealing, the audit chain, documents) and takes
seconds; putting its rows back takes a fraction of that. The rows are kept as Python
values, not JSON, so times keep their microseconds and the audit chain still verifies.
"""

from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

# Rows every test database has from its migrations, or that the demo never writes.
_LEFT_OUT = {"contenttypes", "sessions", "admin"}


def _models() -> list:
    return [
        model
        for model in serializers.sort_dependencies(
            [(config, None) for config in apps.get_app_configs()]
        )
        if model._meta.app_label not in _LEFT_OUT
        and not (model._meta.app_label == "auth" and model._meta.model_name == "permission")
        and not model._meta.proxy
        and model._meta.managed
    ]


class DemoSnapshot:
    """The rows `load_demo` writes, ready to be written again."""

    def __init__(self, rows: list[dict]) -> None:
        self.rows = rows

    @classmethod
    def build(cls) -> "DemoSnapshot":
        """Load the demo and keep its rows. Call it inside a transaction that is rolled
        back afterwards: the snapshot is meant to leave the database as it found it."""
        call_command("load_demo", verbosity=0)
        rows: list[dict] = []
        for model in _models():
            rows += serializers.serialize("python", model._base_manager.order_by("pk").iterator())
        return cls(rows)

    def restore(self) -> None:
        """Write the demo's rows into the current database, as `load_demo` left them."""
        by_model: dict[type, list] = {}
        for obj in serializers.deserialize("python", self.rows):
            by_model.setdefault(type(obj.object), []).append(obj)
        with transaction.atomic(), connection.constraint_checks_disabled():
            # Rows the migrations made that a test emptying the database put back under
            # other ids (the shipped templates) would clash with the demo's: the demo's win.
            for model, objects in reversed(by_model.items()):
                if model._meta.app_label != "audit":
                    model._base_manager.exclude(pk__in=[obj.object.pk for obj in objects]).delete()
            for model, objects in by_model.items():
                there = set(
                    model._base_manager.filter(
                        pk__in=[obj.object.pk for obj in objects]
                    ).values_list("pk", flat=True)
                )
                # Rows the migrations made (the audit head, shipped templates) are updated
                # as loaddata would; the demo's own rows are inserted straight, without
                # save() or signals (no model inherits from another, which bulk_create
                # could not insert).
                for obj in objects:
                    if obj.object.pk in there:
                        obj.save()
                model._base_manager.bulk_create(
                    [obj.object for obj in objects if obj.object.pk not in there]
                )
                for obj in objects:
                    for name, values in (obj.m2m_data or {}).items():
                        getattr(obj.object, name).set(values)
        connection.check_constraints()
        _advance_sequences(list(by_model))


def _advance_sequences(models: list) -> None:
    """Let the next inserted rows get ids above the ones just written.

    On PostgreSQL a sequence is not rolled back with the test's transaction, so it may
    only ever move forward: set back to this transaction's highest id, it would hand out
    ids that rows committed outside the transaction (the shipped templates a transactional
    test put back) already have. SQLite's counters roll back with the transaction."""
    if connection.vendor != "postgresql":
        statements = connection.ops.sequence_reset_sql(no_style(), models)
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in models:
            pk = model._meta.pk
            if pk.get_internal_type() not in {"AutoField", "BigAutoField", "SmallAutoField"}:
                continue
            table, column = model._meta.db_table, pk.column
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [quote(table), column])
            (sequence,) = cursor.fetchone()
            if not sequence:
                continue
            cursor.execute(
                f"SELECT setval(%s, GREATEST("  # noqa: S608 - names from the schema
                f"(SELECT COALESCE(MAX({quote(column)}), 1) FROM {quote(table)}), "
                f"(SELECT last_value FROM {sequence})))",
                [sequence],
            )
