"""Deterministic evaluation against hand calculations, and NPV monotonicity."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handslag.benefits.engine import (
    IRR_NOTE_NO_SIGN_CHANGE,
    BenefitModel,
    CashFlowLine,
    Uncertainty,
    evaluate,
    npv,
    present_values,
)
from handslag.benefits.tests.engine.helpers import (
    PROPERTY_SETTINGS,
    amounts,
    plain_npv,
    rates,
    simple_project,
)


def test_evaluate_simple_project_against_hand_calculation() -> None:
    result = evaluate(simple_project(0.10))
    pv_benefits = math.fsum(400 / 1.1**t for t in range(1, 5))
    assert result.pv_costs == pytest.approx(1000.0)
    assert result.pv_benefits == pytest.approx(pv_benefits)
    assert result.npv == pytest.approx(pv_benefits - 1000.0)
    assert result.bcr == pytest.approx(pv_benefits / 1000.0)
    assert result.npv_ratio == pytest.approx((pv_benefits - 1000.0) / 1000.0)
    assert result.annual_net_flows == (-1000.0, 400.0, 400.0, 400.0, 400.0)
    # Undiscounted the money is back after year 3 (-1000 + 1200); discounted at 10 %
    # the first three years bring only 994.7, so it takes until year 4.
    assert result.simple_payback_year == 3
    assert result.discounted_payback_year == 4
    assert result.irr is not None
    assert result.irr_note is None
    assert plain_npv(list(result.annual_net_flows), result.irr) == pytest.approx(0.0, abs=1e-8)
    assert result.irr == pytest.approx(0.21862, abs=1e-5)


def test_present_values_add_up_to_npv() -> None:
    model = simple_project(0.035)
    lines = present_values(model)
    assert [line.name for line in lines] == ["Purchase", "Staff time"]
    assert all(line.present_value >= 0 for line in lines)
    assert math.fsum(line.signed for line in lines) == pytest.approx(evaluate(model).npv)


def test_no_costs_gives_no_ratios_and_no_irr() -> None:
    model = BenefitModel((CashFlowLine("Water", "water", "benefit", (10.0, 10.0)),))
    result = evaluate(model)
    assert result.bcr is None
    assert result.npv_ratio is None
    assert result.irr is None
    assert result.irr_note == IRR_NOTE_NO_SIGN_CHANGE
    assert result.simple_payback_year == 0


def test_payback_is_none_when_never_reached() -> None:
    model = BenefitModel(
        (
            CashFlowLine("Build", "investment", "cost", (1000.0, 0.0, 0.0)),
            CashFlowLine("Time", "time", "benefit", (0.0, 100.0, 100.0)),
        )
    )
    result = evaluate(model)
    assert result.simple_payback_year is None
    assert result.discounted_payback_year is None


def test_payback_waits_until_a_reinvestment_is_recovered() -> None:
    model = BenefitModel(
        (
            CashFlowLine("Build", "investment", "cost", (100.0, 0.0, 100.0, 0.0)),
            CashFlowLine("Savings", "internal_savings", "benefit", (0.0, 150.0, 0.0, 100.0)),
        ),
        discount_rate=0.0,
    )
    # Cumulative: -100, 50, -50, 50: in the black after year 1, but not to stay.
    assert evaluate(model).simple_payback_year == 3


def test_optimism_bias_uplifts_costs_only() -> None:
    base = simple_project(0.035)
    biased = replace(base, optimism_bias=0.24)
    assert evaluate(biased).pv_costs == pytest.approx(1.24 * evaluate(base).pv_costs)
    assert evaluate(biased).pv_benefits == pytest.approx(evaluate(base).pv_benefits)


def test_deterministic_result_uses_the_likely_multiplier() -> None:
    line = CashFlowLine(
        "Energy",
        "energy",
        "benefit",
        (100.0, 100.0),
        uncertainty=Uncertainty(low=0.5, likely=0.8, high=1.0),
    )
    result = evaluate(BenefitModel((line,), discount_rate=0.0))
    assert result.npv == pytest.approx(160.0)


def test_horizon_is_taken_from_the_lines() -> None:
    assert simple_project().horizon == 5


def test_higher_rate_can_raise_npv_when_costs_are_spread_over_years() -> None:
    """Why the rate property below is stated for costs in year 0 only: discounting a
    later cost more makes it cheaper, so NPV is not monotone in general."""
    flows = [-100.0, -100.0, 1.0]
    assert npv(flows, 0.10) > npv(flows, 0.0)


@st.composite
def benefit_and_increase(draw: st.DrawFn) -> tuple[list[float], list[float], list[float]]:
    years = draw(st.integers(min_value=1, max_value=40))
    benefits = draw(st.lists(amounts, min_size=years, max_size=years))
    costs = draw(st.lists(amounts, min_size=years, max_size=years))
    increase = draw(st.lists(amounts, min_size=years, max_size=years))
    return benefits, costs, increase


@PROPERTY_SETTINGS
@given(data=benefit_and_increase(), rate=rates, bias=st.floats(0.0, 2.0))
def test_higher_benefits_never_lower_npv(
    data: tuple[list[float], list[float], list[float]], rate: float, bias: float
) -> None:
    benefits, costs, increase = data

    def model(values: list[float]) -> BenefitModel:
        return BenefitModel(
            (
                CashFlowLine("Benefit", "social", "benefit", tuple(values)),
                CashFlowLine("Cost", "operation", "cost", tuple(costs)),
            ),
            discount_rate=rate,
            optimism_bias=bias,
        )

    before = evaluate(model(benefits)).npv
    after = evaluate(model([b + i for b, i in zip(benefits, increase, strict=True)])).npv
    tolerance = 1e-9 * (sum(benefits) + sum(costs) * 3 + sum(increase) + 1.0)
    assert after >= before - tolerance
