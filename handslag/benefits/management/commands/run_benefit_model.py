"""Evaluate a benefit model file with the engine and print its figures."""

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from handslag.benefits.posted import figures_from_data
from handslag.rules.numbers import NumberStyle, format_kronor

FORMAT = """
The model file is JSON, the same shape the API's POST /api/v1/benefits/evaluate takes:

  {
    "discount_rate": 0.035,          real rate as a fraction (-0.05 … 0.25); default 0.035
    "discount_schedule": "constant", or "declining" (Green Book bands, replaces the rate)
    "optimism_bias": 0.0,            uplift of every cost as a fraction (0 … 2)
    "horizon_years": 10,             years 0 … horizon-1 (1 … 100)
    "price_base_year": 2024,         the fixed-price base of every amount
    "lines": [                       at least one cost and one benefit
      {"name": "Sensors", "kind": "cost", "category": "investment",
       "first_year": 0, "last_year": 0,
       "low": 1600000, "likely": 1800000, "high": 2300000, "source": "Agreed prices"},
      {"name": "Fewer transports", "kind": "benefit", "category": "transport",
       "first_year": 1, "last_year": 9,
       "low": 396000, "likely": 600000, "high": 924000}
    ]
  }

kind is "cost" or "benefit"; category is one of internal_savings, time, transport, water,
energy, co2, social, investment, operation, maintenance, other. Amounts are SEK per year
in fixed prices, each line the same amount in every year from first_year to last_year,
with low <= likely <= high. Year 0 is not discounted.
"""


#: The command's output is read in a terminal and pasted into e-mails: plain spaces.
_PLAIN = NumberStyle(decimal_separator=".", thousand_separator=" ")


class Command(BaseCommand):
    help = "Evaluate a benefit model file (JSON) and print NPV, ratios, IRR, payback, " + (
        "Monte Carlo percentiles and the sensitivity analysis." + FORMAT
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        from argparse import RawDescriptionHelpFormatter

        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = RawDescriptionHelpFormatter
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The model file (JSON, format below).")
        parser.add_argument(
            "--json", action="store_true", help="Print the figures as JSON instead of text."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as error:
            raise CommandError(f"No such file: {path}") from error
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"{path} is not valid JSON: {error}") from error
        try:
            figures = figures_from_data(data, analysis=True)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                lines = [
                    f"{field}: {' '.join(messages)}"
                    for field, messages in error.message_dict.items()
                ]
            else:
                lines = error.messages
            raise CommandError("The model cannot be evaluated:\n  " + "\n  ".join(lines)) from error
        if options["json"]:
            self.stdout.write(json.dumps(figures.as_dict(), indent=2, ensure_ascii=False))
            return
        self._print(figures)

    def _print(self, figures: Any) -> None:
        def sek(value: float) -> str:
            return format_kronor(round(value), style=_PLAIN, unit="SEK")

        write = self.stdout.write
        schedule = (
            "declining (Green Book)"
            if figures.discount_schedule == "declining"
            else f"{figures.discount_rate:.2%} constant"
        )
        write(f"Discounting:            {schedule}, horizon {figures.horizon_years} years")
        write(f"Optimism bias:          {figures.optimism_bias:.0%} on every cost")
        write(f"PV of benefits:         {sek(figures.pv_benefits)}")
        write(f"PV of costs:            {sek(figures.pv_costs)}")
        write(f"NPV:                    {sek(figures.npv)}")
        write(
            f"Benefit-cost ratio:     {figures.bcr:.2f}"
            if figures.bcr is not None
            else "Benefit-cost ratio:     -"
        )
        write(
            f"NPV ratio:              {figures.npv_ratio:.2f}"
            if figures.npv_ratio is not None
            else "NPV ratio:              -"
        )
        write(
            f"IRR:                    {figures.irr:.2%}"
            if figures.irr is not None
            else f"IRR:                    {figures.irr_note}"
        )
        for label, year in (
            ("Payback:               ", figures.simple_payback_year),
            ("Discounted payback:    ", figures.discounted_payback_year),
        ):
            write(
                f"{label} {'year ' + str(year) if year is not None else 'not within the horizon'}"
            )
        mc = figures.monte_carlo
        if mc:
            write(
                f"Monte Carlo:            {mc.iterations} draws, seed {mc.seed}: "
                f"P(NPV>0) = {mc.p_npv_positive:.1%}, P10 {sek(mc.p10)}, "
                f"P50 {sek(mc.p50)}, P90 {sek(mc.p90)}"
            )
        if figures.tornado:
            write("Sensitivity (NPV at low / high, switching value, critical):")
            for row in figures.tornado:
                switching = (
                    f"{(row.switching_value - 1):+.0%}"
                    if row.switching_value is not None
                    else "none"
                )
                write(
                    f"  {row.name}: {sek(row.npv_low)} / {sek(row.npv_high)}, "
                    f"switching {switching}{', critical' if row.critical else ''}"
                )
