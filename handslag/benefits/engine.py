"""Benefit engine: discounting, cost-benefit indicators, uncertainty and life-cycle cost.

This module is the arithmetic behind the benefit model of DESIGN §4.5 (samhällsekonomisk
nytta). It is deliberately plain Python + numpy/scipy with no Django imports, so that the
numbers a municipality shows its politicians can be tested, benchmarked and re-used on
their own, and so that the web layer cannot quietly change how they are computed.

Conventions (chosen once, used everywhere):

* **Years** are counted from year 0, the base year. Year 0 is undiscounted (discount
  factor 1), as in the Green Book and ASEK; this differs from a spreadsheet ``NPV()``
  which discounts the first value.
* **Fixed prices**: every amount is in the model's price-base year and the discount rate
  is a *real* rate. The engine never inflates anything.
* **A model's horizon** is the number of yearly values: a horizon of 30 covers years
  0 … 29. Every line of a model must have exactly that many values.
* **Amounts are magnitudes.** A line's values are never negative; whether they count for
  or against the project is said by its ``kind`` ("cost" or "benefit"). This keeps the
  input form simple and lets validation catch a stray minus sign.
* **Uncertainty is expressed as multipliers** of a line's values (see
  :class:`Uncertainty`): one draw per line scales every year of that line together.
  Multipliers keep a per-year profile (ramp-up, reinvestments) intact, need three
  numbers per line instead of three per year, and keep Monte Carlo linear, so that it
  reduces to one matrix product.
* **Optimism bias** (Green Book) is an uplift applied to every *cost* line:
  values × (1 + optimism_bias), in the deterministic result, in Monte Carlo and in the
  sensitivity analysis alike.

Every default parameter is a :class:`Parameter` carrying its source, version and
price-base year, so that a report can print where each number came from.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence
from dataclasses import KW_ONLY, dataclass, field
from types import MappingProxyType
from typing import Final, Generic, Literal, TypeVar

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import brentq

__all__ = [
    "CATEGORIES",
    "DEFAULT_DISCOUNT_RATE",
    "DEFAULT_MONTE_CARLO_ITERATIONS",
    "DEFAULT_OPTIMISM_BIAS",
    "DEFAULT_SEED",
    "DEFAULT_SENSITIVITY_DELTA",
    "DISTRIBUTIONS",
    "ENGINE_VERSION",
    "EU_SOCIAL_RATE",
    "GREEN_BOOK_DECLINING",
    "GREEN_BOOK_DECLINING_SCHEDULE",
    "GREEN_BOOK_OPTIMISM_BIAS",
    "IRR_NOTE_MULTIPLE_SIGN_CHANGES",
    "IRR_NOTE_NO_ROOT",
    "IRR_NOTE_NO_SIGN_CHANGE",
    "KINDS",
    "MAX_DISCOUNT_RATE",
    "MAX_HORIZON_YEARS",
    "MAX_MONTE_CARLO_ITERATIONS",
    "MAX_OPTIMISM_BIAS",
    "MAX_TABLE_YEARS",
    "MIN_DISCOUNT_RATE",
    "OPTIMISM_BIAS_SOURCE",
    "PERT_LAMBDA",
    "BenefitInputError",
    "BenefitModel",
    "CashFlowLine",
    "CriticalVariable",
    "IrrResult",
    "LifeCycleCost",
    "LinePresentValue",
    "MonteCarloResult",
    "OptimismBiasBounds",
    "Parameter",
    "Result",
    "SensitivityResult",
    "SensitivityRow",
    "Uncertainty",
    "annuity_factor",
    "critical_variables",
    "discount_factors",
    "evaluate",
    "irr",
    "irr_detail",
    "lcc",
    "monte_carlo",
    "npv",
    "optimism_bias_uplift",
    "present_values",
    "sensitivity",
    "switching_value",
]

#: Bumped when a change to this module can change a computed figure, so that stored
#: results can say which arithmetic produced them.
ENGINE_VERSION: Final = "1.0"

T = TypeVar("T")

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


# ---------------------------------------------------------------------------------------
# Parameters with provenance
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Parameter(Generic[T]):
    """A default value together with where it comes from.

    Appraisals are challenged on their assumptions; keeping source, version and price
    base next to the number lets every report cite them without a separate table that
    could drift out of date.
    """

    value: T
    source: str
    version: str
    #: Price-base year of the value, or None when the value is dimensionless (a rate or
    #: a percentage) and so valid in any fixed-price base.
    price_base_year: int | None
    note: str = ""


DEFAULT_DISCOUNT_RATE: Final = Parameter(
    value=0.035,
    source=(
        "Trafikverket, Analysmetod och samhällsekonomiska kalkylvärden för "
        "transportsektorn: ASEK 7.0, kapitel 5 (samhällsekonomisk diskonteringsränta); "
        "HM Treasury, The Green Book (2022), Annex A6"
    ),
    version="ASEK 7.0 (2020-06-15); Green Book 2022",
    price_base_year=None,
    note=(
        "Real rate for appraisal in fixed prices. ASEK 7.0 unit values are in 2017 "
        "prices; the rate itself applies in any fixed-price base."
    ),
)

EU_SOCIAL_RATE: Final = Parameter(
    value=0.03,
    source=(
        "European Commission (DG REGIO), Guide to Cost-Benefit Analysis of Investment "
        "Projects: Economic appraisal tool for Cohesion Policy 2014-2020: real social "
        "discount rate of 3 % for non-cohesion Member States (5 % for cohesion countries)"
    ),
    version="December 2014",
    price_base_year=None,
    note="Sensitivity case next to the 3.5 % default.",
)

#: Green Book declining long-term discount rate as ``(from_year, rate)`` bands:
#: 3.5 % for years 0-30, 3.0 % for 31-75, 2.5 % for 76-125, 2.0 % for 126-200,
#: 1.5 % for 201-300 and 1.0 % from year 301. Pass it directly to
#: :func:`discount_factors` or as ``BenefitModel(discount_schedule=...)``.
GREEN_BOOK_DECLINING: Final[tuple[tuple[int, float], ...]] = (
    (0, 0.035),
    (31, 0.030),
    (76, 0.025),
    (126, 0.020),
    (201, 0.015),
    (301, 0.010),
)

GREEN_BOOK_DECLINING_SCHEDULE: Final = Parameter(
    value=GREEN_BOOK_DECLINING,
    source="HM Treasury, The Green Book (2022), Annex A6: declining long-term discount rate",
    version="Green Book 2022",
    price_base_year=None,
    note=(
        "Each band's rate discounts the years that fall in it; the factor for a year is "
        "the product of the yearly factors up to it, so the curve has no jumps."
    ),
)

DEFAULT_OPTIMISM_BIAS: Final = Parameter(
    value=0.0,
    source=(
        "handslag default: no uplift unless the user picks a Green Book project "
        "category (see GREEN_BOOK_OPTIMISM_BIAS)"
    ),
    version="1",
    price_base_year=None,
)

#: The largest published upper bound (equipment/development capital expenditure, 200 %).
#: Larger uplifts are refused as almost certainly a typing error (e.g. 24 for 24 %).
MAX_OPTIMISM_BIAS: Final = 2.0

PERT_LAMBDA: Final = Parameter(
    value=4.0,
    source=(
        "Malcolm, Roseboom, Clark & Fazar (1959), Application of a technique for R&D "
        "program evaluation (PERT); beta-PERT form as in Vose, Risk Analysis (2008)"
    ),
    version="standard PERT, lambda = 4",
    price_base_year=None,
    note="Gives mean (low + 4·likely + high) / 6.",
)

DEFAULT_MONTE_CARLO_ITERATIONS: Final = Parameter(
    value=10_000,
    source=(
        "handslag convention: the standard error of P(NPV > 0) is at most 0.5 % at "
        "10 000 draws, finer than any decision needs"
    ),
    version="1",
    price_base_year=None,
)

DEFAULT_SEED: Final = Parameter(
    value=20_140_226,
    source=(
        "handslag convention: a fixed seed so that a saved model reproduces the same "
        "percentiles every time it is opened (the value is the date of Directive "
        "2014/24/EU)"
    ),
    version="1",
    price_base_year=None,
)

DEFAULT_SENSITIVITY_DELTA: Final = Parameter(
    value=0.10,
    source=(
        "handslag convention: ±10 % one-at-a-time step for lines without their own "
        "low/high range, a common choice in Green Book-style sensitivity analysis"
    ),
    version="1",
    price_base_year=None,
)


@dataclass(frozen=True)
class OptimismBiasBounds:
    """Green Book optimism-bias bounds for one project type, as fractions (0.24 = 24 %).

    The upper bound is the uplift to use at the start of appraisal (outline business
    case); the lower bound is what good risk management should reach by contract award.
    """

    capital_expenditure_upper: float
    capital_expenditure_lower: float
    works_duration_upper: float | None
    works_duration_lower: float | None
    #: For outsourcing the published figure applies to operating, not capital, expenditure.
    cost_basis: Literal["capital expenditure", "operating expenditure"] = "capital expenditure"


#: Green Book optimism-bias bounds per project type (source in OPTIMISM_BIAS_SOURCE).
GREEN_BOOK_OPTIMISM_BIAS: Final[Mapping[str, OptimismBiasBounds]] = MappingProxyType(
    {
        "standard_buildings": OptimismBiasBounds(0.24, 0.02, 0.04, 0.01),
        "non_standard_buildings": OptimismBiasBounds(0.51, 0.04, 0.39, 0.02),
        "standard_civil_engineering": OptimismBiasBounds(0.44, 0.03, 0.20, 0.01),
        "non_standard_civil_engineering": OptimismBiasBounds(0.66, 0.06, 0.25, 0.03),
        "equipment_development": OptimismBiasBounds(2.00, 0.10, 0.54, 0.10),
        "outsourcing": OptimismBiasBounds(
            0.41, 0.0, None, None, cost_basis="operating expenditure"
        ),
    }
)

OPTIMISM_BIAS_SOURCE: Final = Parameter(
    value=GREEN_BOOK_OPTIMISM_BIAS,
    source=(
        "HM Treasury, The Green Book supplementary guidance: Optimism bias, based on "
        "Mott MacDonald, Review of Large Public Procurement in the UK (2002), Table 2 "
        "(upper and lower bound optimism bias levels)"
    ),
    version="2003 supplementary guidance, still referenced by the Green Book 2022",
    price_base_year=None,
    note=(
        "Indicative starting values; the Green Book expects the uplift to be reduced as "
        "project risks are mitigated (uplift = upper bound × (1 − mitigation factor))."
    ),
)

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

IRR_NOTE_NO_SIGN_CHANGE: Final = "no single IRR: the net cash flow never changes sign"
IRR_NOTE_MULTIPLE_SIGN_CHANGES: Final = (
    "no single IRR: the net cash flow changes sign more than once, so several rates "
    "(or none) can make the NPV zero"
)
IRR_NOTE_NO_ROOT: Final = "no single IRR: no discount rate above -100 % makes the NPV zero"


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


# ---------------------------------------------------------------------------------------
# Discounting
# ---------------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------------
# Model
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Uncertainty:
    """Low / likely / high range of a line, as multipliers of the line's values.

    A multiplier scales every year of the line at once: ``low=0.8, high=1.3`` means
    "between 80 % and 130 % of the stated values". ``likely`` defaults to 1, so the
    stated values are the most likely outcome; the deterministic result always uses
    ``values × likely`` (the mode), and Monte Carlo draws the multiplier from a
    triangular or beta-PERT distribution on [low, high] with that mode.

    Multipliers cannot be negative, since a line's sign is given by its kind. When
    the user thinks in amounts, :meth:`from_amounts` converts three amounts.
    """

    low: float
    likely: float = 1.0
    high: float
    distribution: Distribution = "triangular"

    def __post_init__(self) -> None:
        low = _real(self.low, "The low multiplier")
        likely = _real(self.likely, "The likely multiplier")
        high = _real(self.high, "The high multiplier")
        if low < 0:
            raise BenefitInputError(
                f"The low multiplier cannot be negative ({low}); a line's sign comes from "
                "whether it is a cost or a benefit."
            )
        if low > likely:
            raise BenefitInputError(f"The low value ({low}) is above the likely value ({likely}).")
        if likely > high:
            raise BenefitInputError(
                f"The likely value ({likely}) is above the high value ({high})."
            )
        if self.distribution not in DISTRIBUTIONS:
            raise BenefitInputError(
                f"Unknown distribution {self.distribution!r}; use 'triangular' or 'pert'."
            )
        object.__setattr__(self, "low", low)
        object.__setattr__(self, "likely", likely)
        object.__setattr__(self, "high", high)

    @classmethod
    def from_amounts(
        cls, low: float, likely: float, high: float, distribution: Distribution = "triangular"
    ) -> Uncertainty:
        """Build the range from three amounts (e.g. yearly totals) entered by the user.

        The multipliers are taken relative to the likely amount, so the line's values
        should be entered at the likely level.
        """
        likely_amount = _real(likely, "The likely amount")
        if likely_amount <= 0:
            raise BenefitInputError(
                "The likely amount must be above zero to express a range relative to it."
            )
        return cls(
            low=_real(low, "The low amount") / likely_amount,
            likely=1.0,
            high=_real(high, "The high amount") / likely_amount,
            distribution=distribution,
        )

    @property
    def is_degenerate(self) -> bool:
        """True when low == high: no uncertainty left to simulate."""
        return self.low == self.high

    @property
    def mean(self) -> float:
        """Expected multiplier of the distribution (what Monte Carlo averages to)."""
        if self.distribution == "pert":
            lam = PERT_LAMBDA.value
            return (self.low + lam * self.likely + self.high) / (lam + 2.0)
        return (self.low + self.likely + self.high) / 3.0


@dataclass(frozen=True)
class CashFlowLine:
    """One cost or benefit, with a non-negative amount per year in fixed prices.

    ``values[0]`` is year 0. ``category`` is one of :data:`CATEGORIES` and is used for
    grouping in reports; ``kind`` decides the sign.
    """

    name: str
    category: str
    kind: Kind
    values: tuple[float, ...]
    _: KW_ONLY
    uncertainty: Uncertainty | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise BenefitInputError("Every line needs a name.")
        label = f"Line '{self.name}'"
        if self.category not in CATEGORIES:
            raise BenefitInputError(
                f"{label}: unknown category {self.category!r}; use one of {', '.join(CATEGORIES)}."
            )
        if self.kind not in KINDS:
            raise BenefitInputError(
                f"{label}: kind must be 'cost' or 'benefit', not {self.kind!r}."
            )
        values = _floats(self.values, f"{label}: values")
        for year, value in enumerate(values):
            if value < 0:
                raise BenefitInputError(
                    f"{label}: year {year} is negative ({value}). Enter amounts as positive "
                    "numbers and mark the line as a cost or a benefit instead."
                )
        if self.uncertainty is not None and not isinstance(self.uncertainty, Uncertainty):
            raise BenefitInputError(f"{label}: the uncertainty must be an Uncertainty range.")
        object.__setattr__(self, "values", values)

    @property
    def likely_multiplier(self) -> float:
        return 1.0 if self.uncertainty is None else self.uncertainty.likely

    @property
    def sign(self) -> float:
        return 1.0 if self.kind == "benefit" else -1.0


@dataclass(frozen=True)
class BenefitModel:
    """Costs and benefits of one project, with the discounting assumptions.

    ``horizon`` is the number of yearly values (years 0 … horizon-1); when omitted it is
    taken from the lines, which must then all have the same length. A
    ``discount_schedule`` (such as :data:`GREEN_BOOK_DECLINING`), when given, replaces
    the constant ``discount_rate``. ``optimism_bias`` is the Green Book uplift applied
    to every cost line (0.24 = +24 %, see :func:`optimism_bias_uplift`).
    """

    lines: tuple[CashFlowLine, ...]
    _: KW_ONLY
    discount_rate: float = DEFAULT_DISCOUNT_RATE.value
    horizon: int | None = None
    discount_schedule: tuple[tuple[int, float], ...] | None = None
    optimism_bias: float = DEFAULT_OPTIMISM_BIAS.value
    price_base_year: int | None = None

    def __post_init__(self) -> None:
        if isinstance(self.lines, str | bytes) or not isinstance(self.lines, Sequence):
            raise BenefitInputError("The model's lines must be a list of cash-flow lines.")
        lines = tuple(self.lines)
        if not lines:
            raise BenefitInputError("The model has no cash flows: add at least one line.")
        for line in lines:
            if not isinstance(line, CashFlowLine):
                raise BenefitInputError("Every line of the model must be a CashFlowLine.")
        names = [line.name for line in lines]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise BenefitInputError(
                f"Line names must be unique; repeated: {', '.join(duplicates)}."
            )

        if self.horizon is None:
            horizon = len(lines[0].values)
            if not 1 <= horizon <= MAX_HORIZON_YEARS:
                raise BenefitInputError(
                    f"The horizon must be between 1 and {MAX_HORIZON_YEARS} years, not {horizon}."
                )
        else:
            horizon = _whole(self.horizon, "The horizon (years)", 1, MAX_HORIZON_YEARS)
        for line in lines:
            if len(line.values) != horizon:
                raise BenefitInputError(
                    f"Line '{line.name}' has {len(line.values)} yearly values but the horizon "
                    f"is {horizon} years; every line needs one value per year (use 0 for "
                    "years without an amount)."
                )

        rate = _check_rate(self.discount_rate)
        schedule = (
            None if self.discount_schedule is None else _normalise_schedule(self.discount_schedule)
        )
        bias = _real(self.optimism_bias, "The optimism bias")
        if not 0.0 <= bias <= MAX_OPTIMISM_BIAS:
            raise BenefitInputError(
                f"The optimism bias must be a fraction between 0 and {MAX_OPTIMISM_BIAS:g} "
                f"(0.24 for 24 %), not {bias}."
            )
        if self.price_base_year is not None:
            _whole(self.price_base_year, "The price-base year", 1900, 2200)

        object.__setattr__(self, "lines", lines)
        object.__setattr__(self, "horizon", horizon)
        object.__setattr__(self, "discount_rate", rate)
        object.__setattr__(self, "discount_schedule", schedule)
        object.__setattr__(self, "optimism_bias", bias)

    @property
    def discount(self) -> float | tuple[tuple[int, float], ...]:
        """The rate or schedule actually used for discounting."""
        return self.discount_rate if self.discount_schedule is None else self.discount_schedule

    @property
    def years(self) -> int:
        """Number of yearly values (the validated horizon)."""
        assert self.horizon is not None  # set in __post_init__
        return self.horizon

    def line(self, name: str) -> CashFlowLine:
        """The line called ``name``."""
        for line in self.lines:
            if line.name == name:
                return line
        raise BenefitInputError(f"The model has no line called {name!r}.")


@dataclass(frozen=True)
class _Prepared:
    """Arrays shared by every analysis of one model (internal)."""

    factors: FloatArray  # (years,)
    #: Signed present value of each line's *stated* values (multiplier 1), with
    #: optimism bias applied to costs: the NPV is linear in these.
    unit_pv: FloatArray  # (lines,)
    likely: FloatArray  # (lines,)
    #: Signed yearly amounts at the likely multiplier, optimism bias included.
    flows: FloatArray  # (lines, years)


def _prepare(model: BenefitModel) -> _Prepared:
    factors = _factors(model.discount, model.years)
    signs = np.array([line.sign for line in model.lines])
    uplift = np.where(signs < 0, 1.0 + model.optimism_bias, 1.0)
    stated = np.array([line.values for line in model.lines], dtype=float)
    unit = stated * (signs * uplift)[:, None]
    likely = np.array([line.likely_multiplier for line in model.lines])
    return _Prepared(
        factors=factors,
        unit_pv=unit @ factors,
        likely=likely,
        flows=unit * likely[:, None],
    )


# ---------------------------------------------------------------------------------------
# Deterministic evaluation
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinePresentValue:
    """Present value of one line, as a positive amount (its kind gives the sign)."""

    name: str
    category: str
    kind: Kind
    present_value: float

    @property
    def signed(self) -> float:
        """Contribution to NPV: negative for costs."""
        return self.present_value if self.kind == "benefit" else -self.present_value


@dataclass(frozen=True)
class Result:
    """Deterministic cost-benefit indicators of a model (at the likely values)."""

    pv_benefits: float
    pv_costs: float
    npv: float
    #: Benefit-cost ratio PV(benefits) / PV(costs); None when there are no costs.
    bcr: float | None
    #: Net present value ratio NPV / PV(costs); None when there are no costs.
    npv_ratio: float | None
    irr: float | None
    #: Why ``irr`` is None (English, one of the IRR_NOTE_* constants), else None.
    irr_note: str | None
    #: First year from which the cumulative net flow stays ≥ 0; None if never.
    simple_payback_year: int | None
    #: The same on discounted flows; None if never within the horizon.
    discounted_payback_year: int | None
    annual_net_flows: tuple[float, ...]
    annual_discounted_net_flows: tuple[float, ...]
    discount_factors: tuple[float, ...]
    line_present_values: tuple[LinePresentValue, ...]


def present_values(model: BenefitModel) -> tuple[LinePresentValue, ...]:
    """Present value of each line at its likely values, in the model's order."""
    prepared = _prepare(model)
    return tuple(
        LinePresentValue(
            name=line.name,
            category=line.category,
            kind=line.kind,
            present_value=abs(unit_pv) * likely,
        )
        for line, unit_pv, likely in zip(
            model.lines, prepared.unit_pv.tolist(), prepared.likely.tolist(), strict=True
        )
    )


def evaluate(model: BenefitModel) -> Result:
    """NPV, benefit-cost ratio, NPV ratio, IRR and payback of a model at likely values."""
    prepared = _prepare(model)
    line_pvs = present_values(model)
    pv_benefits = math.fsum(lp.present_value for lp in line_pvs if lp.kind == "benefit")
    pv_costs = math.fsum(lp.present_value for lp in line_pvs if lp.kind == "cost")
    net = prepared.flows.sum(axis=0)
    discounted = net * prepared.factors
    value = pv_benefits - pv_costs
    irr_result = irr_detail(net.tolist())
    return Result(
        pv_benefits=pv_benefits,
        pv_costs=pv_costs,
        npv=value,
        bcr=pv_benefits / pv_costs if pv_costs > 0 else None,
        npv_ratio=value / pv_costs if pv_costs > 0 else None,
        irr=irr_result.value,
        irr_note=irr_result.note,
        simple_payback_year=_payback_year(net),
        discounted_payback_year=_payback_year(discounted),
        annual_net_flows=tuple(net.tolist()),
        annual_discounted_net_flows=tuple(discounted.tolist()),
        discount_factors=tuple(prepared.factors.tolist()),
        line_present_values=line_pvs,
    )


# ---------------------------------------------------------------------------------------
# Monte Carlo
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MonteCarloResult:
    """Distribution of the NPV when every uncertain line is drawn from its range."""

    iterations: int
    seed: int
    deterministic_npv: float
    mean: float
    #: Sample standard deviation (ddof = 1).
    std: float
    p_npv_positive: float
    p10: float
    p50: float
    p90: float
    histogram_edges: tuple[float, ...]
    histogram_counts: tuple[int, ...]
    #: The NPV of every iteration, when asked for (``keep_samples=True``).
    samples: FloatArray | None = field(default=None, compare=False, repr=False)

    @property
    def standard_error(self) -> float:
        """Standard error of ``mean``: how far it may be from the true expected NPV."""
        return self.std / math.sqrt(self.iterations)


def monte_carlo(
    model: BenefitModel,
    iterations: int = DEFAULT_MONTE_CARLO_ITERATIONS.value,
    seed: int = DEFAULT_SEED.value,
    *,
    bins: int = 50,
    keep_samples: bool = False,
) -> MonteCarloResult:
    """Simulate the NPV by drawing each uncertain line's multiplier.

    Because a multiplier scales a whole line, the NPV of one iteration is
    ``certain part + Σ multiplier_i × PV_i``, where ``PV_i = values_i · discount
    factors``. The simulation therefore draws one matrix (iterations × uncertain lines)
    per distribution family and multiplies it with the vector of line present values:
    no Python loop over iterations and no iterations × years × lines array. Triangular
    lines are drawn first, then beta-PERT lines (lambda 4), both from one seeded
    ``numpy.random.Generator``, so a seed always gives the same numbers.
    """
    n = _whole(iterations, "The number of iterations", 2, MAX_MONTE_CARLO_ITERATIONS)
    seed_value = _whole(seed, "The seed", 0, 2**63 - 1)
    bin_count = _whole(bins, "The number of histogram bins", 1, 1000)
    prepared = _prepare(model)
    deterministic = float(prepared.unit_pv @ prepared.likely)

    triangular: list[int] = []
    pert: list[int] = []
    certain = np.ones(len(model.lines), dtype=bool)
    for index, line in enumerate(model.lines):
        u = line.uncertainty
        if u is None or u.is_degenerate:
            continue
        certain[index] = False
        (pert if u.distribution == "pert" else triangular).append(index)

    rng = np.random.default_rng(seed_value)
    samples = np.full(n, float(prepared.unit_pv[certain] @ prepared.likely[certain]))
    low, likely, high = (
        np.array([getattr(line.uncertainty, name, 1.0) for line in model.lines])
        for name in ("low", "likely", "high")
    )
    if triangular:
        idx = np.array(triangular)
        draws = rng.triangular(low[idx], likely[idx], high[idx], size=(n, len(idx)))
        samples += draws @ prepared.unit_pv[idx]
        del draws
    if pert:
        idx = np.array(pert)
        lam = PERT_LAMBDA.value
        width = high[idx] - low[idx]
        alpha = 1.0 + lam * (likely[idx] - low[idx]) / width
        beta = 1.0 + lam * (high[idx] - likely[idx]) / width
        # multiplier = low + width × Beta(alpha, beta), folded into the PV vector.
        draws = rng.beta(alpha, beta, size=(n, len(idx)))
        samples += draws @ (width * prepared.unit_pv[idx])
        samples += float(low[idx] @ prepared.unit_pv[idx])
        del draws

    counts, edges = np.histogram(samples, bins=bin_count)
    p10, p50, p90 = np.percentile(samples, [10.0, 50.0, 90.0])
    return MonteCarloResult(
        iterations=n,
        seed=seed_value,
        deterministic_npv=deterministic,
        mean=float(samples.mean()),
        std=float(samples.std(ddof=1)),
        p_npv_positive=float(np.count_nonzero(samples > 0.0) / n),
        p10=float(p10),
        p50=float(p50),
        p90=float(p90),
        histogram_edges=tuple(edges.tolist()),
        histogram_counts=tuple(int(c) for c in counts),
        samples=samples if keep_samples else None,
    )


# ---------------------------------------------------------------------------------------
# Sensitivity
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SensitivityRow:
    """NPV when one line alone moves to its low and high multiplier (one tornado bar)."""

    name: str
    category: str
    kind: Kind
    low_multiplier: float
    high_multiplier: float
    npv_low: float
    npv_high: float
    #: True when the multipliers are the line's own low/high, False when ±delta.
    from_range: bool

    @property
    def swing(self) -> float:
        """Width of the bar: how far this line alone can move the NPV."""
        return abs(self.npv_high - self.npv_low)


@dataclass(frozen=True)
class SensitivityResult:
    """Tornado-chart data: rows sorted by swing, widest first."""

    base_npv: float
    delta: float
    rows: tuple[SensitivityRow, ...]


def sensitivity(
    model: BenefitModel, delta: float = DEFAULT_SENSITIVITY_DELTA.value
) -> SensitivityResult:
    """One-at-a-time sensitivity: each line at its low and high, the others at likely.

    A line with an :class:`Uncertainty` range uses its own low and high multipliers;
    any other line moves by ±``delta`` (0.10 = ±10 %). The NPV is linear in each line,
    so the figures are exact, not approximations.
    """
    step = _real(delta, "The sensitivity step")
    if not 0.0 < step <= 1.0:
        raise BenefitInputError(
            f"The sensitivity step must be a fraction above 0 and at most 1 (0.1 for 10 %), "
            f"not {step}."
        )
    prepared = _prepare(model)
    base = float(prepared.unit_pv @ prepared.likely)
    rows = []
    for line, unit_pv, likely in zip(
        model.lines, prepared.unit_pv.tolist(), prepared.likely.tolist(), strict=True
    ):
        u = line.uncertainty
        low, high = (1.0 - step, 1.0 + step) if u is None else (u.low, u.high)
        rows.append(
            SensitivityRow(
                name=line.name,
                category=line.category,
                kind=line.kind,
                low_multiplier=low,
                high_multiplier=high,
                npv_low=base + (low - likely) * unit_pv,
                npv_high=base + (high - likely) * unit_pv,
                from_range=u is not None,
            )
        )
    rows.sort(key=lambda row: (-row.swing, row.name))
    return SensitivityResult(base_npv=base, delta=step, rows=tuple(rows))


def switching_value(model: BenefitModel, line: str | CashFlowLine) -> float | None:
    """Multiplier of the line's values at which the NPV becomes exactly zero.

    A switching value of 0.7 for a benefit means "the decision flips if this benefit
    turns out 30 % smaller than stated". Returns None when the line cannot bring the NPV
    to zero: its present value is zero, or it would need a negative multiplier (the
    line would have to change from cost to benefit or back). The multiplier applies to
    the stated values, the same base as :class:`Uncertainty`.
    """
    name = line.name if isinstance(line, CashFlowLine) else line
    target = model.line(name)
    index = model.lines.index(target)
    prepared = _prepare(model)
    base = float(prepared.unit_pv @ prepared.likely)
    unit_pv = float(prepared.unit_pv[index])
    scale = max(float(np.max(np.abs(prepared.unit_pv))), 1.0)
    if abs(unit_pv) <= 1e-12 * scale:
        return None
    multiplier = float(prepared.likely[index]) - base / unit_pv
    return multiplier if multiplier >= 0.0 else None


@dataclass(frozen=True)
class CriticalVariable:
    """A line whose relative change moves the NPV by a larger relative change."""

    name: str
    category: str
    kind: Kind
    #: Percent change of NPV per percent change of the line (±inf when NPV is zero).
    elasticity: float


def critical_variables(model: BenefitModel, threshold: float = 1.0) -> tuple[CriticalVariable, ...]:
    """Lines where a 1 % change moves the NPV by more than ``threshold`` %.

    The elasticity of NPV to line ``i`` is ``PV_i / NPV`` (signed), since the NPV is
    linear in every line. When the NPV is zero any line with a present value is
    critical (elasticity ±inf). Sorted by absolute elasticity, largest first.
    """
    limit = _real(threshold, "The threshold")
    prepared = _prepare(model)
    contributions = prepared.unit_pv * prepared.likely
    base = float(contributions.sum())
    found = []
    for line, contribution in zip(model.lines, contributions.tolist(), strict=True):
        if contribution == 0.0:
            continue
        elasticity = contribution / base if base != 0.0 else math.copysign(math.inf, contribution)
        if abs(elasticity) > limit:
            found.append(CriticalVariable(line.name, line.category, line.kind, elasticity))
    found.sort(key=lambda item: (-abs(item.elasticity), item.name))
    return tuple(found)


# ---------------------------------------------------------------------------------------
# Life-cycle cost and optimism bias helpers
# ---------------------------------------------------------------------------------------


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


def optimism_bias_uplift(
    project_type: str,
    mitigation: float = 0.0,
    *,
    measure: Literal["capital_expenditure", "works_duration"] = "capital_expenditure",
) -> float:
    """Green Book optimism-bias uplift for a project type after risk mitigation.

    Uplift = upper bound × (1 − mitigation), where ``mitigation`` (0 … 1) is the share
    of the bias the appraiser can show has been managed away. Never below the
    published lower bound, which the Green Book treats as what remains even with good
    risk management.
    """
    bounds = GREEN_BOOK_OPTIMISM_BIAS.get(project_type)
    if bounds is None:
        raise BenefitInputError(
            f"Unknown project type {project_type!r}; use one of "
            f"{', '.join(GREEN_BOOK_OPTIMISM_BIAS)}."
        )
    share = _real(mitigation, "The mitigation factor")
    if not 0.0 <= share <= 1.0:
        raise BenefitInputError(f"The mitigation factor must be between 0 and 1, not {share}.")
    if measure == "capital_expenditure":
        upper, lower = bounds.capital_expenditure_upper, bounds.capital_expenditure_lower
    elif measure == "works_duration":
        if bounds.works_duration_upper is None or bounds.works_duration_lower is None:
            raise BenefitInputError(f"No works-duration bias is published for {project_type!r}.")
        upper, lower = bounds.works_duration_upper, bounds.works_duration_lower
    else:
        raise BenefitInputError(f"Unknown measure {measure!r}.")
    return max(upper * (1.0 - share), lower)
