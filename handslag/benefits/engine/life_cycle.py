"""Life-cycle cost (Directive 2014/24/EU art. 68): acquisition, use, upkeep, end of life, external costs."""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .discounting import _factors
from .parameters import DEFAULT_DISCOUNT_RATE
from .validation import (
    MAX_HORIZON_YEARS,
    BenefitInputError,
    DiscountSpec,
    FloatArray,
    _floats,
    _normalise_discount,
    _real,
    _whole,
)


@dataclass(frozen=True)
class LifeCycleCost:
    """Discounted life-cycle cost and its parts (all present values)."""

    total: float
    acquisition: float
    use: float
    maintenance: float
    end_of_life: float
    external: float
    years: int


def _yearly(value: float | Sequence[float], years: int, what: str) -> FloatArray:
    """A yearly cost given as one amount or as one amount per year 1 … years."""
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        amounts = np.full(years, _real(value, what))
    else:
        amounts = np.array(_floats(value, what))
        if len(amounts) != years:
            raise BenefitInputError(
                f"{what} has {len(amounts)} values but the life is {years} years."
            )
    if np.any(amounts < 0):
        raise BenefitInputError(f"{what} cannot be negative.")
    return amounts


def lcc(
    acquisition: float,
    use_per_year: float | Sequence[float],
    maintenance_per_year: float | Sequence[float],
    end_of_life: float,
    years: int,
    rate: DiscountSpec = DEFAULT_DISCOUNT_RATE.value,
    external_costs_per_year: float | Sequence[float] = 0.0,
) -> LifeCycleCost:
    """Life-cycle cost in present value, for comparing tenders (Directive 2014/24/EU art. 68).

    Timing: acquisition in year 0 (undiscounted); use, maintenance and external costs
    at the end of each year 1 … ``years`` (one amount for every year, or a list of
    ``years`` amounts); end of life in year ``years``. ``end_of_life`` may be negative
    when resale value exceeds disposal cost. External costs (e.g. kg CO2 × a published
    unit value) belong here only when their money value can be determined and verified
    (Directive 2014/24/EU art. 68).
    """
    life = _whole(years, "The life (years)", 1, MAX_HORIZON_YEARS)
    factors = _factors(_normalise_discount(rate), life + 1)
    later = factors[1:]
    buy = _real(acquisition, "The acquisition cost")
    if buy < 0:
        raise BenefitInputError("The acquisition cost cannot be negative.")
    disposal = _real(end_of_life, "The end-of-life cost")
    use = float(_yearly(use_per_year, life, "The yearly use cost") @ later)
    upkeep = float(_yearly(maintenance_per_year, life, "The yearly maintenance cost") @ later)
    external = float(_yearly(external_costs_per_year, life, "The yearly external cost") @ later)
    end = disposal * float(factors[life])
    return LifeCycleCost(
        total=math.fsum((buy, use, upkeep, end, external)),
        acquisition=buy,
        use=use,
        maintenance=upkeep,
        end_of_life=end,
        external=external,
        years=life,
    )
