"""Enter a period's thresholds from a CSV file, without a code change.

    manage.py thresholds_import thresholds-2028.csv [--dry-run]

The file has a header row with the columns category, valid_from, valid_to, sek_value,
eur_value, source_title, source_url and legal_basis (optional). Dates are YYYY-MM-DD;
values whole kronor or euro without spaces, or empty when not published. A row is found
by its category and first day: a new one is added, a changed one corrected, and every
change is written to the audit log. One bad row and nothing is saved.
"""

import csv
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from handslag.projects import services
from handslag.projects.models import ThresholdCategory

COLUMNS = (
    "category",
    "valid_from",
    "valid_to",
    "sek_value",
    "eur_value",
    "source_title",
    "source_url",
)


class DryRun(Exception):
    pass


def _amount(text: str, *, line: int, column: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isdigit():
        raise CommandError(
            f"Rad {line}: {column} ska vara ett heltal utan mellanslag, inte {text!r}."
        )
    return int(text)


def _day(text: str, *, line: int, column: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(
            f"Rad {line}: {column} ska vara ett datum som 2026-01-01, inte {text!r}."
        ) from None


def read_rows(path: Path) -> list[dict[str, Any]]:
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as error:
        raise CommandError(f"Filen {path} kan inte läsas: {error.strerror}.") from None
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise CommandError(f"Kolumner saknas i filen: {', '.join(missing)}.")
        rows = []
        for line, raw in enumerate(reader, start=2):
            category = (raw["category"] or "").strip()
            if category not in ThresholdCategory.values:
                raise CommandError(
                    f"Rad {line}: okänd kategori {category!r}; välj en av "
                    f"{', '.join(ThresholdCategory.values)}."
                )
            rows.append(
                {
                    "category": category,
                    "valid_from": _day(raw["valid_from"], line=line, column="valid_from"),
                    "valid_to": _day(raw["valid_to"], line=line, column="valid_to"),
                    "sek_value": _amount(raw["sek_value"], line=line, column="sek_value"),
                    "eur_value": _amount(raw["eur_value"], line=line, column="eur_value"),
                    "source_title": (raw["source_title"] or "").strip(),
                    "source_url": (raw["source_url"] or "").strip(),
                    "legal_basis": (raw.get("legal_basis") or "").strip(),
                }
            )
    return rows


class Command(BaseCommand):
    help = "Enter or correct EU thresholds and the direct-award limit from a CSV file."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path, help="The CSV file.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report, save nothing."
        )

    def handle(self, *args, **options) -> None:
        rows = read_rows(options["path"])
        try:
            with transaction.atomic():
                created, changed = services.threshold_values_import(actor=None, rows=rows)
                if options["dry_run"]:
                    raise DryRun
        except DryRun:
            self.stdout.write(
                f"Provkörning: {created} nya och {changed} ändrade rader, inget sparat."
            )
            return
        except ValidationError as error:
            raise CommandError("Inget sparades: " + " ".join(error.messages)) from None
        self.stdout.write(self.style.SUCCESS(f"{created} nya och {changed} ändrade rader sparade."))
