"""Benefit engine: discounting, cost-benefit indicators, uncertainty and life-cycle cost.

This package is the arithmetic behind the benefit model of DESIGN §4.5 (samhällsekonomisk
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

The package is split by responsibility; every public name is re-exported here, so
``from handslag.benefits import engine; engine.evaluate(model)`` and
``from handslag.benefits.engine import BenefitModel`` are the ways to use it:

* :mod:`.validation`: the error type, sanity limits and number checks;
* :mod:`.parameters`: defaults with source, version and price-base year, optimism bias;
* :mod:`.inputs`: :class:`Uncertainty`, :class:`CashFlowLine`, :class:`BenefitModel`;
* :mod:`.discounting`: discount factors, NPV, annuity factor, IRR and payback;
* :mod:`.evaluation`: the deterministic result of a model;
* :mod:`.simulation`: Monte Carlo;
* :mod:`.sensitivities`: tornado, switching values, critical variables;
* :mod:`.life_cycle`: life-cycle cost.
"""

from __future__ import annotations

from typing import Final

from .discounting import (
    IRR_NOTE_MULTIPLE_SIGN_CHANGES,
    IRR_NOTE_NO_ROOT,
    IRR_NOTE_NO_SIGN_CHANGE,
    IrrResult,
    annuity_factor,
    discount_factors,
    irr,
    irr_detail,
    npv,
)
from .evaluation import LinePresentValue, Result, evaluate, present_values
from .inputs import BenefitModel, CashFlowLine, Uncertainty
from .life_cycle import LifeCycleCost, lcc
from .parameters import (
    DEFAULT_DISCOUNT_RATE,
    DEFAULT_MONTE_CARLO_ITERATIONS,
    DEFAULT_OPTIMISM_BIAS,
    DEFAULT_SEED,
    DEFAULT_SENSITIVITY_DELTA,
    EU_SOCIAL_RATE,
    GREEN_BOOK_DECLINING,
    GREEN_BOOK_DECLINING_SCHEDULE,
    GREEN_BOOK_OPTIMISM_BIAS,
    MAX_OPTIMISM_BIAS,
    OPTIMISM_BIAS_SOURCE,
    PERT_LAMBDA,
    OptimismBiasBounds,
    Parameter,
    optimism_bias_uplift,
)
from .sensitivities import (
    CriticalVariable,
    SensitivityResult,
    SensitivityRow,
    critical_variables,
    sensitivity,
    switching_value,
)
from .simulation import MonteCarloResult, monte_carlo
from .validation import (
    CATEGORIES,
    DISTRIBUTIONS,
    KINDS,
    MAX_DISCOUNT_RATE,
    MAX_HORIZON_YEARS,
    MAX_MONTE_CARLO_ITERATIONS,
    MAX_TABLE_YEARS,
    MIN_DISCOUNT_RATE,
    BenefitInputError,
    DiscountSpec,
    Distribution,
    FloatArray,
    Kind,
)

__all__ = [
    "DiscountSpec",
    "Distribution",
    "FloatArray",
    "Kind",
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
