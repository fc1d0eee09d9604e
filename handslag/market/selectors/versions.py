"""Reads about the versions of a published call: what changed, field by field."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from handslag.market.models import Area, Call, CallVersion


@dataclass(frozen=True)
class ChangeRow:
    field: str
    label: str
    old: str
    new: str


def _display(name: str, value: Any) -> str:
    if value in (None, ""):
        return "–"
    if name in ("application_deadline", "tender_deadline"):
        from django.utils.formats import date_format

        when = dt.datetime.fromisoformat(value)
        return date_format(timezone.localtime(when), "DATETIME_FORMAT")
    if name == "area":
        return str(dict(Area.choices).get(value, value))
    return str(value)


def version_changes(*, version: CallVersion) -> list[ChangeRow]:
    """A version's diff as rows a person can read: field, before, after."""
    rows = []
    for name, change in sorted(version.changes.items()):
        try:
            label = str(Call._meta.get_field(name).verbose_name)
        except Exception:
            label = name
        rows.append(
            ChangeRow(
                field=name,
                label=label[:1].upper() + label[1:],
                old=_display(name, change.get("old")),
                new=_display(name, change.get("new")),
            )
        )
    return rows


def call_version_list(*, call: Call) -> list[tuple[CallVersion, list[ChangeRow]]]:
    """The change history of a published call, newest first (public)."""
    versions = CallVersion.objects.filter(call=call).select_related("changed_by")
    return [(v, version_changes(version=v)) for v in versions.order_by("-number")]
