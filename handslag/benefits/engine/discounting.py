"""Discount factors (constant or declining schedule), NPV, annuity factor, IRR, payback."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
from scipy.optimize import brentq

from .parameters import DEFAULT_DISCOUNT_RATE
from .validation import (
    MAX_TABLE_YEARS,
    BenefitInputError,
    DiscountSpec,
    FloatArray,
    _floats,
    _normalise_discount,
    _whole,
)

IRR_NOTE_NO_SIGN_CHANGE: Final = "no single IRR: the net cash flow never changes sign"
IRR_NOTE_MULTIPLE_SIGN_CHANGES: Final = (
    "no single IRR: the net cash flow changes sign more than once, so several rates "
    "(or none) can make the NPV zero"
)
IRR_NOTE_NO_ROOT: Final = "no single IRR: no discount rate above -100 % makes the NPV zero"


def _factors(spec: float | tuple[tuple[int, float], ...], years: int) -> FloatArray:
    """Discount factors for years 0 … years-1 from an already validated spec."""
    if isinstance(spec, float):
        per_year_rates = np.full(years - 1, spec)
    else:
        starts = np.array([start for start, _ in spec])
        rates = np.array([rate for _, rate in spec])
        band = np.searchsorted(starts, np.arange(1, years), side="right") - 1
        per_year_rates = rates[band]
    return np.concatenate(([1.0], np.cumprod(1.0 / (1.0 + per_year_rates))))


def discount_factors(rate_or_schedule: DiscountSpec, years: int) -> FloatArray:
    """Discount factors for years ``0 … years-1``; year 0 is undiscounted (factor 1).

    ``rate_or_schedule`` is either a constant real rate (0.035) or a schedule of
    ``(from_year, rate)`` pairs such as :data:`GREEN_BOOK_DECLINING`, where a band's rate
    discounts each year ``t`` with ``from_year <= t`` until the next band starts. The
    factor for year ``t`` is the product of the yearly factors ``1 / (1 + r_s)`` for
    ``s = 1 … t``; computing it as a product (not ``(1 + r)^-t`` with the band's rate)
    is what the Green Book prescribes and keeps the curve continuous when the rate
    steps down.
    """
    spec = _normalise_discount(rate_or_schedule)
    n = _whole(years, "The number of years", 1, MAX_TABLE_YEARS)
    return _factors(spec, n)


def npv(flows: Sequence[float], rate: DiscountSpec = DEFAULT_DISCOUNT_RATE.value) -> float:
    """Net present value of yearly net flows, the first being year 0 (undiscounted).

    Signed flows: costs negative, benefits positive. Unlike a spreadsheet ``NPV()``
    the first value is not discounted, which is the appraisal convention of ASEK and
    the Green Book.
    """
    values = np.array(_floats(flows, "The cash flow"))
    if len(values) > MAX_TABLE_YEARS:
        raise BenefitInputError(f"The cash flow may cover at most {MAX_TABLE_YEARS} years.")
    return float(values @ _factors(_normalise_discount(rate), len(values)))


def annuity_factor(rate: DiscountSpec, years: int) -> float:
    """Present value of 1 paid at the end of each of years 1 … ``years``.

    Turns an equal yearly amount into a present value (amount × factor) and back; for a
    constant rate it equals ``(1 - (1 + r)^-n) / r`` (and ``n`` when ``r = 0``).
    """
    n = _whole(years, "The number of years", 1, MAX_TABLE_YEARS)
    return float(_factors(_normalise_discount(rate), n + 1)[1:].sum())


# ---------------------------------------------------------------------------------------
# IRR and payback
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IrrResult:
    """The internal rate of return, or None with a note saying why there is none."""

    value: float | None
    note: str | None
    sign_changes: int


def _sign_changes(flows: FloatArray) -> int:
    """Number of sign changes, ignoring zeros and rounding noise."""
    scale = float(np.max(np.abs(flows))) if len(flows) else 0.0
    significant = flows[np.abs(flows) > 1e-12 * scale] if scale > 0 else flows[:0]
    signs = np.sign(significant)
    return int(np.count_nonzero(signs[1:] != signs[:-1]))


def irr_detail(flows: Sequence[float]) -> IrrResult:
    """Internal rate of return of yearly net flows, with the reason when there is none.

    An IRR is reported only when the net flow changes sign exactly once. Then, by
    Descartes' rule of signs, exactly one rate above -100 % makes the NPV zero, and the
    usual reading ("the project earns more than the discount rate when IRR > rate")
    holds. With two or more sign changes several rates can zero the NPV (or none), and
    picking one of them would mislead; the NPV at the chosen discount rate is then the
    figure to use, and the note says so.

    The root is found with :func:`scipy.optimize.brentq` over the bracket
    (-100 %, +10⁹ %). To stay free of overflow near -100 %, the function solved is the
    NPV times ``(1 + r)^n`` for negative rates, which has the same sign and roots.
    """
    values = np.array(_floats(flows, "The cash flow"))
    changes = _sign_changes(values)
    if changes == 0:
        return IrrResult(None, IRR_NOTE_NO_SIGN_CHANGE, 0)
    if changes > 1:
        return IrrResult(None, IRR_NOTE_MULTIPLE_SIGN_CHANGES, changes)

    # Leading and trailing zero years only multiply the NPV by a power of (1 + r).
    nonzero = np.flatnonzero(values)
    values = values[nonzero[0] : nonzero[-1] + 1]
    exponents = np.arange(len(values), dtype=float)
    last = exponents[-1]

    def scaled_npv(rate: float) -> float:
        if rate >= 0.0:
            return float(values @ np.power(1.0 + rate, -exponents))
        return float(values @ np.power(1.0 + rate, last - exponents))

    low, high = -1.0 + 1e-9, 1e7
    try:
        root = brentq(scaled_npv, low, high, xtol=1e-14, rtol=1e-12, maxiter=500)
    except (ValueError, RuntimeError):
        return IrrResult(None, IRR_NOTE_NO_ROOT, changes)
    return IrrResult(float(root), None, changes)


def irr(flows: Sequence[float]) -> float | None:
    """Internal rate of return, or None when there is no single one (see irr_detail)."""
    return irr_detail(flows).value


def _payback_year(flows: FloatArray) -> int | None:
    """First year from which the cumulative net flow stays at or above zero.

    "Stays" matters: a later reinvestment that puts the project back in the red means
    the money has not been paid back yet, so the year reported is after the last dip.
    """
    cumulative = np.cumsum(flows)
    tolerance = 1e-9 * max(float(np.max(np.abs(flows))), 1.0)
    below = np.flatnonzero(cumulative < -tolerance)
    if len(below) == 0:
        return 0
    if below[-1] == len(flows) - 1:
        return None
    return int(below[-1] + 1)
