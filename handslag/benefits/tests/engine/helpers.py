"""Shared references for the engine tests: textbook NPV, small models, hypothesis settings.

The expected values in these tests are computed independently of the engine (plain Python
sums, textbook formulas, published examples) so that a mistake in the engine cannot hide by
being repeated in the test.
"""

from __future__ import annotations

import math
from dataclasses import replace

from hypothesis import settings
from hypothesis import strategies as st

from handslag.benefits.engine import (
    BenefitModel,
    CashFlowLine,
    Uncertainty,
)

PROPERTY_SETTINGS = settings(max_examples=150, deadline=None, database=None)


def plain_npv(flows: list[float], rate: float) -> float:
    """Reference NPV with year 0 undiscounted, written out as the textbook sum."""
    return math.fsum(value / (1.0 + rate) ** year for year, value in enumerate(flows))


def scaled(model: BenefitModel, name: str, multiplier: float) -> BenefitModel:
    """The model with one line's values multiplied and its range removed."""
    lines = tuple(
        replace(line, values=tuple(v * multiplier for v in line.values), uncertainty=None)
        if line.name == name
        else line
        for line in model.lines
    )
    return replace(model, lines=lines)


def simple_project(rate: float = 0.10) -> BenefitModel:
    """1000 invested in year 0, 400 a year saved in years 1-4."""
    return BenefitModel(
        (
            CashFlowLine("Purchase", "investment", "cost", (1000.0, 0.0, 0.0, 0.0, 0.0)),
            CashFlowLine(
                "Staff time", "internal_savings", "benefit", (0.0, 400.0, 400.0, 400.0, 400.0)
            ),
        ),
        discount_rate=rate,
    )


amounts = st.floats(min_value=0.0, max_value=1e6, allow_nan=False, allow_infinity=False)
rates = st.floats(min_value=-0.05, max_value=0.25, allow_nan=False, allow_infinity=False)


def line_pv(values: tuple[float, ...], rate: float) -> float:
    return plain_npv(list(values), rate)


def uncertain_model() -> BenefitModel:
    years = 10
    return BenefitModel(
        (
            CashFlowLine(
                "Purchase",
                "investment",
                "cost",
                (1000.0,) + (0.0,) * (years - 1),
                uncertainty=Uncertainty(low=0.9, high=1.5),
            ),
            CashFlowLine(
                "Staff time",
                "internal_savings",
                "benefit",
                (0.0,) + (200.0,) * (years - 1),
                uncertainty=Uncertainty(low=0.5, high=1.2, distribution="pert"),
            ),
            CashFlowLine(
                "Energy",
                "energy",
                "benefit",
                (0.0,) + (50.0,) * (years - 1),
                uncertainty=Uncertainty(low=0.6, likely=0.8, high=1.1),
            ),
            CashFlowLine(
                "CO2",
                "co2",
                "benefit",
                (0.0,) + (30.0,) * (years - 1),
                uncertainty=Uncertainty(low=0.0, likely=0.2, high=2.0, distribution="pert"),
            ),
            CashFlowLine("Maintenance", "maintenance", "cost", (0.0,) + (20.0,) * (years - 1)),
        ),
        discount_rate=0.035,
        optimism_bias=0.1,
        price_base_year=2024,
    )
