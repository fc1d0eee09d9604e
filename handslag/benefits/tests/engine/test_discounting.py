"""Discount factors, NPV, annuity factor and IRR against published figures and properties."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from handslag.benefits.engine import (
    GREEN_BOOK_DECLINING,
    IRR_NOTE_MULTIPLE_SIGN_CHANGES,
    IRR_NOTE_NO_SIGN_CHANGE,
    BenefitModel,
    CashFlowLine,
    annuity_factor,
    discount_factors,
    evaluate,
    irr,
    irr_detail,
    npv,
)
from handslag.benefits.tests.engine.helpers import (
    PROPERTY_SETTINGS,
    amounts,
    plain_npv,
    rates,
)


def test_npv_matches_numpy_financial_documentation_example() -> None:
    # numpy-financial docs: npf.npv(0.08, [-40_000, 5_000, 8_000, 12_000, 30_000]) = 3065.22
    assert npv([-40_000, 5_000, 8_000, 12_000, 30_000], 0.08) == pytest.approx(3065.22, abs=0.01)


def test_irr_matches_numpy_financial_documentation_examples() -> None:
    assert irr([-100, 39, 59, 55, 20]) == pytest.approx(0.28095, abs=5e-6)
    assert irr([-100, 0, 0, 74]) == pytest.approx(-0.0955, abs=5e-5)


def test_irr_refused_when_the_flow_changes_sign_three_times() -> None:
    """numpy-financial documents irr([-5, 10.5, 1, -8, 1]) = 0.0886, but that rate is one of
    three that zero the NPV (-87.0 %, 8.86 % and 70.96 %). Reporting any single one
    would invite the usual "IRR above the hurdle rate" reading, which does not hold
    here, so the engine returns no IRR and says why."""
    flows = [-5, 10.5, 1, -8, 1]
    for root in (-0.8702012474847411, 0.08859833852775534, 0.7095595276861841):
        assert plain_npv(flows, root) == pytest.approx(0.0, abs=1e-9)
    result = irr_detail(flows)
    assert result.value is None
    assert result.note == IRR_NOTE_MULTIPLE_SIGN_CHANGES
    assert result.note.startswith("no single IRR")
    assert result.sign_changes == 3


@pytest.mark.parametrize("flows", [[100.0, 50.0], [-1.0, -2.0], [0.0, 0.0, 0.0]])
def test_irr_is_none_without_a_sign_change(flows: list[float]) -> None:
    result = irr_detail(flows)
    assert result.value is None
    assert result.note == IRR_NOTE_NO_SIGN_CHANGE


def test_irr_ignores_leading_and_trailing_zero_years() -> None:
    assert irr([0, 0, -100, 39, 59, 55, 20, 0]) == pytest.approx(0.28095, abs=5e-6)


def test_green_book_discount_factors_at_3_5_percent() -> None:
    factors = discount_factors(0.035, 31)
    assert factors[0] == 1.0
    assert factors[10] == pytest.approx(0.7089, abs=5e-5)
    assert factors[30] == pytest.approx(0.3563, abs=5e-5)


def test_annuity_factor_3_5_percent_10_years() -> None:
    assert annuity_factor(0.035, 10) == pytest.approx(8.3166, abs=5e-5)


@pytest.mark.parametrize("rate", [-0.05, -0.01, 0.01, 0.035, 0.1, 0.25])
def test_annuity_factor_matches_closed_form(rate: float) -> None:
    assert annuity_factor(rate, 25) == pytest.approx((1 - (1 + rate) ** -25) / rate, rel=1e-12)


def test_annuity_factor_at_zero_rate_is_the_number_of_years() -> None:
    assert annuity_factor(0.0, 12) == pytest.approx(12.0)


def test_green_book_declining_schedule_steps_down_without_jumps() -> None:
    factors = discount_factors(GREEN_BOOK_DECLINING, 130)
    constant = discount_factors(0.035, 31)
    np.testing.assert_allclose(factors[:31], constant, rtol=1e-12)
    assert factors[31] == pytest.approx(factors[30] / 1.03, rel=1e-12)
    assert factors[75] == pytest.approx(factors[30] / 1.03**45, rel=1e-12)
    assert factors[76] == pytest.approx(factors[75] / 1.025, rel=1e-12)
    assert factors[126] == pytest.approx(factors[125] / 1.02, rel=1e-12)
    assert np.all(np.diff(factors) < 0)


def test_single_band_schedule_equals_constant_rate() -> None:
    np.testing.assert_allclose(
        discount_factors([(0, 0.03)], 60), 1.03 ** -np.arange(60.0), rtol=1e-12
    )


def test_model_can_use_a_declining_schedule() -> None:
    values = (0.0,) + (100.0,) * 39
    model = BenefitModel(
        (CashFlowLine("Energy", "energy", "benefit", values),),
        discount_schedule=GREEN_BOOK_DECLINING,
    )
    expected = float(np.dot(values, discount_factors(GREEN_BOOK_DECLINING, 40)))
    assert evaluate(model).npv == pytest.approx(expected, rel=1e-12)
    assert evaluate(model).npv > evaluate(replace(model, discount_schedule=None)).npv


@PROPERTY_SETTINGS
@given(
    investment=amounts,
    benefits=st.lists(amounts, min_size=1, max_size=60),
    low_rate=rates,
    high_rate=rates,
)
def test_higher_rate_never_raises_npv_of_cost_then_benefit_project(
    investment: float, benefits: list[float], low_rate: float, high_rate: float
) -> None:
    low_rate, high_rate = sorted((low_rate, high_rate))
    flows = [-investment, *benefits]
    tolerance = 1e-9 * (investment + sum(benefits) * 3 + 1.0)
    assert npv(flows, high_rate) <= npv(flows, low_rate) + tolerance


@PROPERTY_SETTINGS
@given(
    investment=st.floats(min_value=1.0, max_value=1e6),
    benefits=st.lists(st.floats(min_value=0.0, max_value=1e6), min_size=1, max_size=40),
)
def test_irr_of_a_conventional_project_zeroes_the_npv(
    investment: float, benefits: list[float]
) -> None:
    # Benefits a million times smaller than the investment put the IRR within 1e-6 of
    # -100 %, outside any meaningful range; the property is about real projects.
    assume(max(benefits) >= 1e-6 * investment)
    flows = [-investment, *benefits]
    rate = irr(flows)
    assert rate is not None
    scale = investment + sum(benefits)
    if rate >= 0:
        assert abs(plain_npv(flows, rate)) <= 1e-7 * scale
    else:
        # For negative rates compare the NPV scaled by (1 + r)^n to stay in range.
        n = len(flows) - 1
        scaled_npv = math.fsum(v * (1 + rate) ** (n - t) for t, v in enumerate(flows))
        assert abs(scaled_npv) <= 1e-7 * scale


@PROPERTY_SETTINGS
@given(rate=rates, years=st.integers(min_value=1, max_value=100))
def test_discount_factors_match_the_power_formula(rate: float, years: int) -> None:
    np.testing.assert_allclose(
        discount_factors(rate, years), (1.0 + rate) ** -np.arange(years, dtype=float), rtol=1e-12
    )
