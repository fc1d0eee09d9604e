"""The threshold table: entering and correcting a period's values, with an audit entry.

Used by the Django admin and by ``manage.py thresholds_import``; both go through here so
the checks (a period of one category never overlaps another) and the log are the same.
"""

from datetime import date
from typing import Any

from django.db import transaction

from handslag.audit.services import audit_record
from handslag.projects.audit_actions import ProjectsAction
from handslag.projects.models import ThresholdValue

THRESHOLD_FIELDS = (
    "valid_to",
    "sek_value",
    "eur_value",
    "source_title",
    "source_url",
    "legal_basis",
)


def _snapshot(row: ThresholdValue) -> dict[str, Any]:
    values = {name: getattr(row, name) for name in ("category", "valid_from", *THRESHOLD_FIELDS)}
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}


@transaction.atomic
def threshold_value_save(*, actor: Any, row: ThresholdValue) -> ThresholdValue:
    """Validate and save one row (new or changed); the entry keeps the values before and after."""
    before = None
    if row.pk:
        old = ThresholdValue.objects.select_for_update().filter(pk=row.pk).first()
        before = _snapshot(old) if old else None
    row.full_clean()
    row.save()
    audit_record(
        actor=actor,
        action=ProjectsAction.THRESHOLD_VALUE_SAVE,
        target=row,
        data={"before": before, "after": _snapshot(row)},
    )
    return row


@transaction.atomic
def threshold_values_import(*, actor: Any, rows: list[dict[str, Any]]) -> tuple[int, int]:
    """Enter or correct many rows at once: all or nothing. A row is found by its category
    and first day. Returns (created, changed); an unchanged row is left alone."""
    created = changed = 0
    for data in rows:
        row = ThresholdValue.objects.filter(
            category=data["category"], valid_from=data["valid_from"]
        ).first()
        if row is None:
            row = ThresholdValue(category=data["category"], valid_from=data["valid_from"])
            created += 1
        elif all(getattr(row, name) == data.get(name) for name in THRESHOLD_FIELDS):
            continue
        else:
            changed += 1
        for name in THRESHOLD_FIELDS:
            setattr(row, name, data.get(name, "" if name == "legal_basis" else None))
        threshold_value_save(actor=actor, row=row)
    return created, changed
