"""Default parameters with their provenance: source, version and price-base year.

Appraisals are challenged on their assumptions, so every default the engine uses is a
:class:`Parameter` that a report can cite. Also the Green Book optimism-bias table and
the uplift it implies.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, Generic, Literal, TypeVar

from .validation import BenefitInputError, _real

T = TypeVar("T")


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
