"""Model inputs: ranges, lines and models refuse what the engine cannot compute with."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handslag.benefits.engine import (
    BenefitInputError,
    BenefitModel,
    CashFlowLine,
    Uncertainty,
    discount_factors,
    irr,
    monte_carlo,
    npv,
    sensitivity,
)
from handslag.benefits.tests.engine.helpers import (
    PROPERTY_SETTINGS,
    amounts,
    simple_project,
)


def test_uncertainty_from_amounts_is_relative_to_likely() -> None:
    uncertainty = Uncertainty.from_amounts(80.0, 100.0, 150.0, "pert")
    assert (uncertainty.low, uncertainty.likely, uncertainty.high) == (0.8, 1.0, 1.5)
    assert uncertainty.distribution == "pert"


def line(**changes: object) -> CashFlowLine:
    fields: dict[str, object] = {
        "name": "Energy",
        "category": "energy",
        "kind": "benefit",
        "values": (1.0, 2.0, 3.0),
    }
    fields.update(changes)
    return CashFlowLine(**fields)  # type: ignore[arg-type]


BAD_INPUTS = {
    "rate above range": lambda: BenefitModel((line(),), discount_rate=0.26),
    "rate below range": lambda: BenefitModel((line(),), discount_rate=-0.06),
    "rate typed as percent": lambda: BenefitModel((line(),), discount_rate=3.5),
    "rate not a number": lambda: BenefitModel((line(),), discount_rate="0.035"),
    "rate nan": lambda: BenefitModel((line(),), discount_rate=math.nan),
    "rate inf": lambda: npv([1.0, 2.0], math.inf),
    "low above likely": lambda: Uncertainty(low=1.2, high=1.5),
    "likely above high": lambda: Uncertainty(low=0.5, likely=1.6, high=1.5),
    "negative low multiplier": lambda: Uncertainty(low=-0.1, high=1.5),
    "nan multiplier": lambda: Uncertainty(low=math.nan, high=1.5),
    "unknown distribution": lambda: Uncertainty(low=0.5, high=1.5, distribution="normal"),
    "no lines": lambda: BenefitModel(()),
    "empty values": lambda: line(values=()),
    "empty flows for npv": lambda: npv([], 0.035),
    "empty flows for irr": lambda: irr([]),
    "horizon zero": lambda: BenefitModel((line(values=(1.0,)),), horizon=0),
    "horizon over 100": lambda: BenefitModel((line(values=(1.0,) * 101),), horizon=101),
    "inferred horizon over 100": lambda: BenefitModel((line(values=(1.0,) * 101),)),
    "nan value": lambda: line(values=(1.0, math.nan, 3.0)),
    "inf value": lambda: line(values=(1.0, math.inf, 3.0)),
    "nan in npv flows": lambda: npv([1.0, math.nan], 0.035),
    "negative value": lambda: line(values=(1.0, -2.0, 3.0)),
    "mismatched lengths": lambda: BenefitModel((line(), line(name="Water", values=(1.0, 2.0)))),
    "length differs from horizon": lambda: BenefitModel((line(),), horizon=4),
    "unknown category": lambda: line(category="happiness"),
    "unknown kind": lambda: line(kind="gain"),
    "blank name": lambda: line(name="  "),
    "duplicate names": lambda: BenefitModel((line(), line())),
    "optimism bias as percent": lambda: BenefitModel((line(),), optimism_bias=24.0),
    "negative optimism bias": lambda: BenefitModel((line(),), optimism_bias=-0.1),
    "nan optimism bias": lambda: BenefitModel((line(),), optimism_bias=math.nan),
    "schedule not from year 0": lambda: discount_factors([(1, 0.035)], 10),
    "schedule not increasing": lambda: discount_factors([(0, 0.035), (30, 0.03), (30, 0.025)], 10),
    "schedule rate out of range": lambda: BenefitModel(
        (line(),), discount_schedule=((0, 0.035), (31, 0.5))
    ),
    "zero years of factors": lambda: discount_factors(0.035, 0),
    "zero iterations": lambda: monte_carlo(simple_project(), iterations=0),
    "negative seed": lambda: monte_carlo(simple_project(), seed=-1),
    "sensitivity step zero": lambda: sensitivity(simple_project(), delta=0.0),
    "sensitivity step above one": lambda: sensitivity(simple_project(), delta=1.5),
    "price base year typo": lambda: BenefitModel((line(),), price_base_year=224),
}


@pytest.mark.parametrize("make", BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_bad_inputs_raise_benefit_input_error(make: Callable[[], object]) -> None:
    with pytest.raises(BenefitInputError) as caught:
        make()
    assert isinstance(caught.value, ValueError)
    assert str(caught.value)[0].isupper()


def test_error_messages_name_the_problem() -> None:
    with pytest.raises(BenefitInputError, match="Line 'Energy': year 1 is negative"):
        line(values=(1.0, -2.0, 3.0))
    with pytest.raises(BenefitInputError, match="low value .* above the likely"):
        Uncertainty(low=1.2, high=1.5)
    with pytest.raises(BenefitInputError, match="horizon"):
        BenefitModel((line(),), horizon=4)
    with pytest.raises(BenefitInputError, match="no cash flows"):
        BenefitModel(())


@PROPERTY_SETTINGS
@given(
    values=st.lists(amounts, min_size=1, max_size=20),
    position=st.integers(min_value=0, max_value=19),
    bad=st.sampled_from([math.nan, math.inf, -math.inf]),
)
def test_non_finite_values_are_always_rejected(
    values: list[float], position: int, bad: float
) -> None:
    values[position % len(values)] = bad
    with pytest.raises(BenefitInputError):
        CashFlowLine("Line", "other", "cost", tuple(values))
    with pytest.raises(BenefitInputError):
        npv(values, 0.035)
