"""The model the engine computes with: uncertain ranges, cash-flow lines and the model.

Each dataclass validates itself on construction, so an object that exists is one the
engine can compute with.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import KW_ONLY, dataclass

from .parameters import DEFAULT_DISCOUNT_RATE, DEFAULT_OPTIMISM_BIAS, MAX_OPTIMISM_BIAS, PERT_LAMBDA
from .validation import (
    CATEGORIES,
    DISTRIBUTIONS,
    KINDS,
    MAX_HORIZON_YEARS,
    BenefitInputError,
    Distribution,
    Kind,
    _check_rate,
    _floats,
    _normalise_schedule,
    _real,
    _whole,
)


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
