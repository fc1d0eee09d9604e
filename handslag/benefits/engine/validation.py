"""Input checking shared by the engine: the error type, sanity limits and number parsing.

Every check raises :class:`BenefitInputError` with a plain-English message that names
the offending value, so the web layer can translate it and never answer with a 500.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import Final, Literal

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
Kind = Literal["cost", "benefit"]
Distribution = Literal["triangular", "pert"]
#: A discount rate: either one constant real rate, or a schedule of
#: ``(from_year, rate)`` pairs (see :func:`discount_factors`).
DiscountSpec = float | Sequence[tuple[int, float]]


class BenefitInputError(ValueError):
    """Raised for any input the engine refuses to compute with.

    The message is plain English meant for the user (the app translates it); it names
    the offending line or parameter and says what would be accepted.
    """


# Validation bounds. They are sanity limits, not policy: a real rate outside
# -5 % .. 25 % or a horizon over a century is far more likely a typing error
# (5 for 5 %, months for years) than a considered choice.
MIN_DISCOUNT_RATE: Final = -0.05
MAX_DISCOUNT_RATE: Final = 0.25
MAX_HORIZON_YEARS: Final = 100
#: Discount tables (not models) may run longer, to show the Green Book declining bands.
MAX_TABLE_YEARS: Final = 500
MAX_MONTE_CARLO_ITERATIONS: Final = 5_000_000

CATEGORIES: Final[tuple[str, ...]] = (
    "internal_savings",
    "time",
    "transport",
    "water",
    "energy",
    "co2",
    "social",
    "investment",
    "operation",
    "maintenance",
    "other",
)
KINDS: Final[tuple[str, ...]] = ("cost", "benefit")
DISTRIBUTIONS: Final[tuple[str, ...]] = ("triangular", "pert")

# ---------------------------------------------------------------------------------------
# Validation helpers
# ---------------------------------------------------------------------------------------


def _real(value: object, what: str) -> float:
    """Return ``value`` as a finite float or raise BenefitInputError naming ``what``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise BenefitInputError(f"{what} must be a number, not {value!r}.")
    result = float(value)
    if not math.isfinite(result):
        raise BenefitInputError(f"{what} must be a finite number, not {result}.")
    return result


def _whole(value: object, what: str, low: int, high: int) -> int:
    """Return ``value`` as an int within [low, high] or raise BenefitInputError."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise BenefitInputError(f"{what} must be a whole number, not {value!r}.")
    result = int(value)
    if not low <= result <= high:
        raise BenefitInputError(f"{what} must be between {low} and {high}, not {result}.")
    return result


def _floats(values: object, what: str) -> tuple[float, ...]:
    """Return a non-empty sequence of finite numbers as a tuple of floats."""
    if isinstance(values, str | bytes) or not isinstance(values, Sequence | np.ndarray):
        raise BenefitInputError(f"{what} must be a list of numbers, one per year.")
    if len(values) == 0:
        raise BenefitInputError(f"{what} is empty: enter at least one yearly value.")
    return tuple(_real(v, f"{what}, year {i}") for i, v in enumerate(values))


def _check_rate(rate: object, what: str = "The discount rate") -> float:
    result = _real(rate, what)
    if not MIN_DISCOUNT_RATE <= result <= MAX_DISCOUNT_RATE:
        raise BenefitInputError(
            f"{what} must be a real rate between {MIN_DISCOUNT_RATE:.0%} and "
            f"{MAX_DISCOUNT_RATE:.0%} written as a fraction (0.035 for 3.5 %), "
            f"not {result}."
        )
    return result


def _normalise_schedule(schedule: object) -> tuple[tuple[int, float], ...]:
    """Validate a ``(from_year, rate)`` schedule and return it as a tuple of tuples."""
    if isinstance(schedule, str | bytes) or not isinstance(schedule, Sequence):
        raise BenefitInputError(
            "A discount schedule must be a list of (from_year, rate) pairs, "
            "for example [(0, 0.035), (31, 0.03)]."
        )
    if len(schedule) == 0:
        raise BenefitInputError("The discount schedule is empty: give at least (0, rate).")
    bands: list[tuple[int, float]] = []
    for position, band in enumerate(schedule):
        if isinstance(band, str | bytes) or not isinstance(band, Sequence) or len(band) != 2:
            raise BenefitInputError(
                f"Discount schedule entry {position} must be a (from_year, rate) pair."
            )
        start = _whole(band[0], f"Discount schedule entry {position}: from_year", 0, 10_000)
        rate = _check_rate(band[1], f"Discount schedule entry {position}: rate")
        if bands and start <= bands[-1][0]:
            raise BenefitInputError(
                "Discount schedule years must increase strictly from one band to the next "
                f"(entry {position} starts at year {start})."
            )
        bands.append((start, rate))
    if bands[0][0] != 0:
        raise BenefitInputError("A discount schedule must start at year 0.")
    return tuple(bands)


def _normalise_discount(spec: object) -> float | tuple[tuple[int, float], ...]:
    """Accept a constant rate or a schedule, validated."""
    if isinstance(spec, numbers.Real) and not isinstance(spec, bool):
        return _check_rate(spec)
    return _normalise_schedule(spec)
