"""Writes for the testbed pilot: KPIs from the need's expected effects and their measurements.

A KPI is set up from one of the expected effects of the project's need statements (its
indicator, unit, baseline and target are copied). Measurements are entered one at a time
or imported from a CSV or XLSX file; an import is all or nothing: if any row is wrong,
every error is reported with its row number and nothing is saved.
"""

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import filetype
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from handslag.accounts.models import User
from handslag.audit.services import audit_record
from handslag.core.permissions import forbidden
from handslag.needs.models import ExpectedEffect
from handslag.partnership.audit_actions import PartnershipAction
from handslag.partnership.models import Contract, Measurement, PilotKpi
from handslag.partnership.permissions import can_manage_contract
from handslag.rules.benefit_categories import KPI_CATEGORIES

MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 5000
MAX_VALUE = Decimal("999999999999")

#: Accepted column headings (Swedish and English) → field.
HEADINGS = {
    "indikator": "indicator",
    "indicator": "indicator",
    "datum": "date",
    "date": "date",
    "värde": "value",
    "varde": "value",
    "value": "value",
    "enhet": "unit",
    "unit": "unit",
    "anteckning": "note",
    "note": "note",
}
REQUIRED_COLUMNS = ("indicator", "date", "value", "unit")


def _require_manage(actor: User, contract: Contract) -> None:
    if not can_manage_contract(user=actor, contract=contract):
        raise forbidden(_("Only the project lead and procurement officers may change the pilot."))


def same_unit(a: str, b: str) -> bool:
    """Units match when they are the same text, ignoring case and spacing."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def parse_number(text: Any) -> Decimal | None:
    """A number written the Swedish or English way ("1 234,5", "1234.5"), or None."""
    if isinstance(text, bool):
        return None
    if isinstance(text, int | float | Decimal):
        try:
            number = Decimal(str(text))
        except InvalidOperation:
            return None
        return number if number.is_finite() else None
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", str(text or ""))
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    if not re.fullmatch(r"[-+]?\d+(\.\d+)?", cleaned):
        return None
    return Decimal(cleaned)


def parse_date(text: Any) -> dt.date | None:
    """An ISO date (2024-03-31) or a spreadsheet date cell, or None."""
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    try:
        return dt.date.fromisoformat(str(text or "").strip())
    except ValueError:
        return None


def _check_value(value: Decimal) -> None:
    if abs(value) > MAX_VALUE:
        raise ValidationError({"value": _("The value is too large.")})


@transaction.atomic
def kpi_add_from_effect(
    *,
    actor: User,
    contract: Contract,
    effect: ExpectedEffect,
    category: str = "other",
    volume: Decimal = Decimal("1"),
    unit_value: Decimal = Decimal("0"),
    unit_value_source: str = "",
) -> PilotKpi:
    """Measure one of the need's expected effects in the pilot."""
    _require_manage(actor, contract)
    if not contract.project.needs.filter(pk=effect.need_id).exists():
        raise ValidationError(
            {"effect": _("Choose an expected effect of one of the project's need statements.")}
        )
    if PilotKpi.objects.filter(contract=contract, indicator=effect.indicator).exists():
        raise ValidationError({"effect": _("The pilot already measures this indicator.")})
    kpi = PilotKpi(
        contract=contract,
        effect=effect,
        indicator=effect.indicator,
        unit=effect.unit,
        baseline=effect.baseline,
        target=effect.target,
        direction=effect.direction,
    )
    _set_valuation(kpi, category, volume, unit_value, unit_value_source)
    kpi.full_clean()
    kpi.save()
    audit_record(
        actor=actor,
        action=PartnershipAction.PILOT_KPI_ADD,
        target=kpi,
        data={"contract": contract.pk, "effect": effect.pk, "indicator": kpi.indicator},
        organisation_id=contract.project.organisation_id,
    )
    return kpi


def _set_valuation(
    kpi: PilotKpi, category: str, volume: Decimal, unit_value: Decimal, source: str
) -> None:
    if category not in KPI_CATEGORIES:
        raise ValidationError({"category": _("Choose a benefit category from the list.")})
    if volume is None or volume <= 0:
        raise ValidationError({"volume": _("The volume per year must be above zero.")})
    if unit_value is None or unit_value < 0:
        raise ValidationError({"unit_value": _("The value per unit cannot be negative.")})
    kpi.category, kpi.volume, kpi.unit_value = category, volume, unit_value
    kpi.unit_value_source = source.strip()


@transaction.atomic
def kpi_update_valuation(
    *,
    actor: User,
    kpi: PilotKpi,
    category: str,
    volume: Decimal,
    unit_value: Decimal,
    unit_value_source: str = "",
) -> PilotKpi:
    """Say what a change of the KPI is worth: volume per year and value per unit."""
    _require_manage(actor, kpi.contract)
    kpi = (
        PilotKpi.objects.select_for_update(of=("self",))
        .select_related("contract__project")
        .get(pk=kpi.pk)
    )
    before = {
        "category": kpi.category,
        "volume": str(kpi.volume),
        "unit_value": str(kpi.unit_value),
    }
    _set_valuation(kpi, category, volume, unit_value, unit_value_source)
    kpi.full_clean()
    kpi.save()
    audit_record(
        actor=actor,
        action=PartnershipAction.PILOT_KPI_VALUE,
        target=kpi,
        data={
            "before": before,
            "after": {"category": category, "volume": str(volume), "unit_value": str(unit_value)},
        },
        organisation_id=kpi.contract.project.organisation_id,
    )
    return kpi


@transaction.atomic
def measurement_add(
    *,
    actor: User,
    kpi: PilotKpi,
    measured_on: dt.date,
    value: Decimal,
    unit: str | None = None,
    note: str = "",
) -> Measurement:
    """Record one measured value; a stated unit must be the KPI's."""
    _require_manage(actor, kpi.contract)
    if unit is not None and not same_unit(unit, kpi.unit):
        raise ValidationError(
            {
                "unit": _("The unit “%(given)s” does not match the indicator's unit “%(unit)s”.")
                % {"given": unit, "unit": kpi.unit}
            }
        )
    _check_value(value)
    if Measurement.objects.filter(kpi=kpi, measured_on=measured_on).exists():
        raise ValidationError({"measured_on": _("There is already a measurement on this date.")})
    measurement = Measurement(
        kpi=kpi, measured_on=measured_on, value=value, note=note.strip(), recorded_by=actor
    )
    measurement.full_clean()
    measurement.save()
    audit_record(
        actor=actor,
        action=PartnershipAction.MEASUREMENT_ADD,
        target=measurement,
        data={"kpi": kpi.pk, "date": measured_on.isoformat(), "value": str(value)},
        organisation_id=kpi.contract.project.organisation_id,
    )
    return measurement


@dataclass(frozen=True)
class ImportRow:
    row: int
    kpi: PilotKpi
    measured_on: dt.date
    value: Decimal
    note: str


def _rows_from_file(content: bytes) -> list[list[Any]]:
    """The file's rows as lists of cells; XLSX by content, otherwise CSV text."""
    kind = filetype.guess(content)
    if kind is not None and kind.extension in {"xlsx", "zip"}:
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as error:
            raise ValidationError(_("The spreadsheet could not be read.")) from error
        sheet = workbook.worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        workbook.close()
        return rows
    if kind is not None:
        raise ValidationError(_("Upload a CSV or XLSX file."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")
        except UnicodeDecodeError as error:
            raise ValidationError(_("The file is not a readable CSV file.")) from error
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") >= first.count(",") and ";" in first else ","
    if "\t" in first and ";" not in first and "," not in first:
        delimiter = "\t"
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def parse_measurements(*, contract: Contract, content: bytes) -> list[ImportRow]:
    """Validate every row of an import; raise one ValidationError listing all problems."""
    if not content:
        raise ValidationError(_("The file is empty."))
    if len(content) > MAX_IMPORT_BYTES:
        raise ValidationError(_("The file is larger than 2 MB."))
    rows = _rows_from_file(content)
    rows = [row for row in rows if any(str(cell or "").strip() for cell in row)]
    if not rows:
        raise ValidationError(_("The file is empty."))
    header = [HEADINGS.get(str(cell or "").strip().casefold(), "") for cell in rows[0]]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise ValidationError(
            _(
                "The first row must name the columns indikator, datum, värde and enhet "
                "(or indicator, date, value and unit)."
            )
        )
    if len(rows) - 1 > MAX_IMPORT_ROWS:
        raise ValidationError(
            _("The file has more than %(limit)d rows.") % {"limit": MAX_IMPORT_ROWS}
        )
    if len(rows) == 1:
        raise ValidationError(_("The file has column headings but no measurements."))
    column = {name: header.index(name) for name in set(header) if name}
    kpis = {kpi.indicator.casefold(): kpi for kpi in PilotKpi.objects.filter(contract=contract)}
    existing = set(
        Measurement.objects.filter(kpi__contract=contract).values_list("kpi_id", "measured_on")
    )
    seen: dict[tuple[int, dt.date], int] = {}
    errors: list[str] = []
    parsed: list[ImportRow] = []
    for number, row in enumerate(rows[1:], start=2):

        def cell(name: str, row: list[Any] = row) -> Any:
            index = column.get(name)
            return row[index] if index is not None and index < len(row) else None

        problems: list[str] = []
        indicator = str(cell("indicator") or "").strip()
        kpi = kpis.get(indicator.casefold())
        if kpi is None:
            problems.append(
                _("the pilot has no indicator called “%(name)s”") % {"name": indicator}
                if indicator
                else _("the indicator is missing")
            )
        measured_on = parse_date(cell("date"))
        if measured_on is None:
            problems.append(
                _("“%(text)s” is not a date (write it as 2024-03-31)")
                % {"text": str(cell("date") or "")}
            )
        value = parse_number(cell("value"))
        if value is None:
            problems.append(_("“%(text)s” is not a number") % {"text": str(cell("value") or "")})
        elif abs(value) > MAX_VALUE:
            problems.append(_("the value is too large"))
        unit = str(cell("unit") or "").strip()
        if kpi is not None and not same_unit(unit, kpi.unit):
            problems.append(
                _("the unit “%(given)s” does not match the indicator's unit “%(unit)s”")
                % {"given": unit, "unit": kpi.unit}
            )
        if kpi is not None and measured_on is not None:
            key = (kpi.pk, measured_on)
            if key in existing:
                problems.append(_("there is already a measurement on this date"))
            elif key in seen:
                problems.append(
                    _("the same indicator and date are on row %(row)d") % {"row": seen[key]}
                )
            else:
                seen[key] = number
        if problems:
            errors.append(
                _("Row %(row)d: %(problems)s.") % {"row": number, "problems": "; ".join(problems)}
            )
            continue
        assert kpi is not None and measured_on is not None and value is not None
        parsed.append(
            ImportRow(number, kpi, measured_on, value, str(cell("note") or "").strip()[:300])
        )
    if errors:
        raise ValidationError(errors)
    return parsed


@transaction.atomic
def measurements_import(*, actor: User, contract: Contract, content: bytes) -> int:
    """Import measurements from a CSV or XLSX file: all rows or none. Returns the count."""
    _require_manage(actor, contract)
    rows = parse_measurements(contract=contract, content=content)
    created = Measurement.objects.bulk_create(
        [
            Measurement(
                kpi=row.kpi,
                measured_on=row.measured_on,
                value=row.value,
                note=row.note,
                recorded_by=actor,
            )
            for row in rows
        ]
    )
    audit_record(
        actor=actor,
        action=PartnershipAction.MEASUREMENT_IMPORT,
        target=contract,
        data={"rows": len(created), "kpis": sorted({row.kpi.pk for row in rows})},
        organisation_id=contract.project.organisation_id,
    )
    return len(created)
