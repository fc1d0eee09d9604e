"""Tests of the benefit engine against published figures, closed forms and properties.

The expected values are computed here independently of the engine (plain Python sums,
textbook formulas, published examples) so that a mistake in the engine cannot hide by
being repeated in the test.
"""

from __future__ import annotations

import math
import subprocess
import sys
import tracemalloc
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from handslag.benefits import engine
from handslag.benefits.engine import (
    DEFAULT_DISCOUNT_RATE,
    EU_SOCIAL_RATE,
    GREEN_BOOK_DECLINING,
    GREEN_BOOK_OPTIMISM_BIAS,
    IRR_NOTE_MULTIPLE_SIGN_CHANGES,
    IRR_NOTE_NO_SIGN_CHANGE,
    BenefitInputError,
    BenefitModel,
    CashFlowLine,
    Parameter,
    Uncertainty,
    annuity_factor,
    critical_variables,
    discount_factors,
    evaluate,
    irr,
    irr_detail,
    lcc,
    monte_carlo,
    npv,
    optimism_bias_uplift,
    present_values,
    sensitivity,
    switching_value,
)

PROPERTY_SETTINGS = settings(max_examples=150, deadline=None, database=None)


def plain_npv(flows: list[float], rate: float) -> float:
    """Reference NPV with year 0 undiscounted, written out as the textbook sum."""
    return math.fsum(value / (1.0 + rate) ** year for year, value in enumerate(flows))


def scaled(model: BenefitModel, name: str, multiplier: float) -> BenefitModel:
    """The model with one line's values multiplied and its range removed."""
    lines = tuple(
        replace(line, values=tuple(v * multiplier for v in line.values), uncertainty=None)
        if line.name == name
        else line
        for line in model.lines
    )
    return replace(model, lines=lines)


def simple_project(rate: float = 0.10) -> BenefitModel:
    """1000 invested in year 0, 400 a year saved in years 1-4."""
    return BenefitModel(
        (
            CashFlowLine("Purchase", "investment", "cost", (1000.0, 0.0, 0.0, 0.0, 0.0)),
            CashFlowLine(
                "Staff time", "internal_savings", "benefit", (0.0, 400.0, 400.0, 400.0, 400.0)
            ),
        ),
        discount_rate=rate,
    )


# ---------------------------------------------------------------------------------------
# Published figures
# ---------------------------------------------------------------------------------------


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


def test_default_parameters_carry_their_provenance() -> None:
    assert DEFAULT_DISCOUNT_RATE.value == 0.035
    assert "ASEK" in DEFAULT_DISCOUNT_RATE.source
    assert "Green Book" in DEFAULT_DISCOUNT_RATE.source
    assert EU_SOCIAL_RATE.value == 0.03
    parameters = [value for value in vars(engine).values() if isinstance(value, Parameter)]
    assert len(parameters) >= 8
    for parameter in parameters:
        assert parameter.source.strip()
        assert parameter.version.strip()
        assert parameter.price_base_year is None or 1900 <= parameter.price_base_year <= 2100


def test_green_book_optimism_bias_table() -> None:
    standard = GREEN_BOOK_OPTIMISM_BIAS["standard_buildings"]
    assert (standard.capital_expenditure_upper, standard.works_duration_upper) == (0.24, 0.04)
    assert (
        GREEN_BOOK_OPTIMISM_BIAS["non_standard_civil_engineering"].capital_expenditure_upper == 0.66
    )
    assert GREEN_BOOK_OPTIMISM_BIAS["equipment_development"].capital_expenditure_upper == 2.0
    assert GREEN_BOOK_OPTIMISM_BIAS["outsourcing"].cost_basis == "operating expenditure"
    for bounds in GREEN_BOOK_OPTIMISM_BIAS.values():
        assert bounds.capital_expenditure_lower <= bounds.capital_expenditure_upper


def test_optimism_bias_uplift_after_mitigation() -> None:
    assert optimism_bias_uplift("standard_buildings") == 0.24
    assert optimism_bias_uplift("standard_buildings", 0.5) == pytest.approx(0.12)
    # Fully mitigated bias stops at the published lower bound.
    assert optimism_bias_uplift("non_standard_buildings", 1.0) == pytest.approx(0.04)
    assert optimism_bias_uplift("standard_buildings", measure="works_duration") == 0.04
    with pytest.raises(BenefitInputError):
        optimism_bias_uplift("outsourcing", measure="works_duration")
    with pytest.raises(BenefitInputError):
        optimism_bias_uplift("castles")
    with pytest.raises(BenefitInputError):
        optimism_bias_uplift("standard_buildings", 1.5)


# ---------------------------------------------------------------------------------------
# Deterministic evaluation
# ---------------------------------------------------------------------------------------


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


def test_uncertainty_from_amounts_is_relative_to_likely() -> None:
    uncertainty = Uncertainty.from_amounts(80.0, 100.0, 150.0, "pert")
    assert (uncertainty.low, uncertainty.likely, uncertainty.high) == (0.8, 1.0, 1.5)
    assert uncertainty.distribution == "pert"


def test_horizon_is_taken_from_the_lines() -> None:
    assert simple_project().horizon == 5


def test_higher_rate_can_raise_npv_when_costs_are_spread_over_years() -> None:
    """Why the rate property below is stated for costs in year 0 only: discounting a
    later cost more makes it cheaper, so NPV is not monotone in general."""
    flows = [-100.0, -100.0, 1.0]
    assert npv(flows, 0.10) > npv(flows, 0.0)


# ---------------------------------------------------------------------------------------
# Monte Carlo
# ---------------------------------------------------------------------------------------


def line_pv(values: tuple[float, ...], rate: float) -> float:
    return plain_npv(list(values), rate)


def uncertain_model() -> BenefitModel:
    years = 10
    return BenefitModel(
        (
            CashFlowLine(
                "Purchase",
                "investment",
                "cost",
                (1000.0,) + (0.0,) * (years - 1),
                uncertainty=Uncertainty(low=0.9, high=1.5),
            ),
            CashFlowLine(
                "Staff time",
                "internal_savings",
                "benefit",
                (0.0,) + (200.0,) * (years - 1),
                uncertainty=Uncertainty(low=0.5, high=1.2, distribution="pert"),
            ),
            CashFlowLine(
                "Energy",
                "energy",
                "benefit",
                (0.0,) + (50.0,) * (years - 1),
                uncertainty=Uncertainty(low=0.6, likely=0.8, high=1.1),
            ),
            CashFlowLine(
                "CO2",
                "co2",
                "benefit",
                (0.0,) + (30.0,) * (years - 1),
                uncertainty=Uncertainty(low=0.0, likely=0.2, high=2.0, distribution="pert"),
            ),
            CashFlowLine("Maintenance", "maintenance", "cost", (0.0,) + (20.0,) * (years - 1)),
        ),
        discount_rate=0.035,
        optimism_bias=0.1,
        price_base_year=2024,
    )


def analytic_moments(model: BenefitModel) -> tuple[float, float]:
    """Mean and standard deviation of NPV from textbook moments of each distribution."""
    mean = 0.0
    variance = 0.0
    for line in model.lines:
        coefficient = line_pv(line.values, 0.035) * (1.0 if line.kind == "benefit" else -1.1)
        u = line.uncertainty
        if u is None:
            mean += coefficient
            continue
        a, c, b = u.low, u.likely, u.high
        if u.distribution == "triangular":
            m = (a + c + b) / 3
            v = (a * a + b * b + c * c - a * b - a * c - b * c) / 18
        else:
            m = (a + 4 * c + b) / 6
            v = (m - a) * (b - m) / 7
        mean += coefficient * m
        variance += coefficient**2 * v
    return mean, math.sqrt(variance)


def test_monte_carlo_mean_equals_linear_model_at_input_means() -> None:
    model = uncertain_model()
    expected_mean, _ = analytic_moments(model)
    result = monte_carlo(model, iterations=200_000)
    assert abs(result.mean - expected_mean) < 4 * result.standard_error
    assert result.deterministic_npv == pytest.approx(evaluate(model).npv)


def test_monte_carlo_spread_matches_textbook_variances() -> None:
    model = uncertain_model()
    _, expected_std = analytic_moments(model)
    result = monte_carlo(model, iterations=200_000, seed=7)
    assert result.std == pytest.approx(expected_std, rel=0.02)


def test_monte_carlo_probability_matches_triangular_tail() -> None:
    # Benefit multiplier ~ Triangular(0, 1, 2) against a certain cost of 1.5 × its PV:
    # P(NPV > 0) = P(m > 1.5) = (2 - 1.5)^2 / ((2 - 0)(2 - 1)) = 0.125.
    model = BenefitModel(
        (
            CashFlowLine(
                "Benefit", "social", "benefit", (100.0,), uncertainty=Uncertainty(low=0.0, high=2.0)
            ),
            CashFlowLine("Cost", "operation", "cost", (150.0,)),
        )
    )
    result = monte_carlo(model, iterations=100_000)
    standard_error = math.sqrt(0.125 * 0.875 / 100_000)
    assert abs(result.p_npv_positive - 0.125) < 4 * standard_error
    # The triangle is symmetric, so the median multiplier is 1: NPV 100 - 150.
    assert result.p50 == pytest.approx(-50.0, abs=1.0)


def test_seeded_monte_carlo_repeats_exactly() -> None:
    model = uncertain_model()
    first = monte_carlo(model, iterations=5_000, seed=123, keep_samples=True)
    second = monte_carlo(model, iterations=5_000, seed=123, keep_samples=True)
    other = monte_carlo(model, iterations=5_000, seed=124, keep_samples=True)
    assert first == second
    assert first.samples is not None and second.samples is not None and other.samples is not None
    assert np.array_equal(first.samples, second.samples)
    assert not np.array_equal(first.samples, other.samples)
    assert monte_carlo(model, iterations=5_000) == monte_carlo(model, iterations=5_000)


def test_monte_carlo_summary_is_consistent_with_samples() -> None:
    result = monte_carlo(uncertain_model(), iterations=20_000, bins=30, keep_samples=True)
    samples = result.samples
    assert samples is not None and samples.shape == (20_000,)
    assert result.p10 <= result.p50 <= result.p90
    assert result.p10 == pytest.approx(np.percentile(samples, 10))
    assert result.p_npv_positive == pytest.approx(np.mean(samples > 0))
    assert len(result.histogram_edges) == 31
    assert sum(result.histogram_counts) == 20_000
    assert monte_carlo(uncertain_model(), iterations=100).samples is None


def test_monte_carlo_without_uncertainty_is_the_deterministic_npv() -> None:
    model = simple_project(0.035)
    result = monte_carlo(model, iterations=1_000, keep_samples=True)
    assert result.std == pytest.approx(0.0, abs=1e-9)
    assert result.samples is not None
    assert np.allclose(result.samples, evaluate(model).npv)
    assert result.p_npv_positive == 1.0


def test_monte_carlo_does_not_allocate_per_year_per_line_arrays() -> None:
    iterations, lines, years = 20_000, 30, 30
    model = BenefitModel(
        tuple(
            CashFlowLine(
                f"Line {i}",
                "other",
                "benefit" if i % 2 else "cost",
                tuple(float(10 + i + t) for t in range(years)),
                uncertainty=Uncertainty(
                    low=0.8, high=1.3, distribution="pert" if i % 3 else "triangular"
                ),
            )
            for i in range(lines)
        )
    )
    tracemalloc.start()
    try:
        monte_carlo(model, iterations=iterations)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    three_d_bytes = iterations * lines * years * 8
    assert peak < three_d_bytes / 4


# ---------------------------------------------------------------------------------------
# Sensitivity, switching values, critical variables
# ---------------------------------------------------------------------------------------


def test_sensitivity_rows_match_recomputed_models_and_are_sorted() -> None:
    model = uncertain_model()
    result = sensitivity(model, delta=0.2)
    assert result.base_npv == pytest.approx(evaluate(model).npv)
    swings = [row.swing for row in result.rows]
    assert swings == sorted(swings, reverse=True)
    for row in result.rows:
        line = model.line(row.name)
        if line.uncertainty is None:
            assert (row.low_multiplier, row.high_multiplier) == (0.8, 1.2)
            assert not row.from_range
        else:
            assert (row.low_multiplier, row.high_multiplier) == (
                line.uncertainty.low,
                line.uncertainty.high,
            )
            assert row.from_range
        assert row.npv_low == pytest.approx(
            evaluate(scaled(model, row.name, row.low_multiplier)).npv
        )
        assert row.npv_high == pytest.approx(
            evaluate(scaled(model, row.name, row.high_multiplier)).npv
        )


def test_switching_value_brings_npv_to_zero() -> None:
    model = uncertain_model()
    # NPV is about 604; Energy (PV 304) and CO2 (PV 46) could vanish and the NPV would
    # still be positive, so they have no switching value.
    assert switching_value(model, "Energy") is None
    assert switching_value(model, "CO2") is None
    for name in ("Purchase", "Staff time", "Maintenance"):
        multiplier = switching_value(model, name)
        assert multiplier is not None
        assert evaluate(scaled(model, name, multiplier)).npv == pytest.approx(0.0, abs=1e-8)
    benefit = switching_value(model, model.line("Staff time"))
    assert benefit is not None and benefit < 1.0
    assert switching_value(simple_project(0.035), "Purchase") == pytest.approx(
        1 + evaluate(simple_project(0.035)).npv / 1000.0
    )


def test_switching_value_is_none_when_the_line_cannot_cross_zero() -> None:
    model = BenefitModel(
        (
            CashFlowLine("Big benefit", "time", "benefit", (500.0,)),
            CashFlowLine("Small benefit", "water", "benefit", (10.0,)),
            CashFlowLine("Cost", "operation", "cost", (100.0,)),
            CashFlowLine("Nothing", "other", "cost", (0.0,)),
        )
    )
    assert switching_value(model, "Small benefit") is None
    assert switching_value(model, "Nothing") is None
    assert switching_value(model, "Cost") == pytest.approx(5.1)
    with pytest.raises(BenefitInputError, match="no line"):
        switching_value(model, "Missing")


def test_critical_variables_have_elasticity_above_one() -> None:
    model = BenefitModel(
        (
            CashFlowLine("Purchase", "investment", "cost", (1000.0, 0.0, 0.0)),
            CashFlowLine("Savings", "internal_savings", "benefit", (0.0, 600.0, 600.0)),
            CashFlowLine("Water", "water", "benefit", (0.0, 1.0, 1.0)),
        ),
        discount_rate=0.0,
    )
    # NPV = 202: Savings 1200/202 ≈ 5.94, Purchase -1000/202 ≈ -4.95, Water 2/202 ≈ 0.01.
    found = critical_variables(model)
    assert [item.name for item in found] == ["Savings", "Purchase"]
    base = evaluate(model).npv
    for item in found:
        moved = evaluate(scaled(model, item.name, 1.01)).npv
        assert item.elasticity == pytest.approx((moved - base) / base / 0.01, rel=1e-9)
        assert abs(item.elasticity) > 1


def test_every_line_is_critical_when_npv_is_zero() -> None:
    model = BenefitModel(
        (
            CashFlowLine("Cost", "operation", "cost", (100.0,)),
            CashFlowLine("Benefit", "time", "benefit", (100.0,)),
        )
    )
    found = critical_variables(model)
    assert {item.name for item in found} == {"Cost", "Benefit"}
    assert all(math.isinf(item.elasticity) for item in found)


# ---------------------------------------------------------------------------------------
# Life-cycle cost
# ---------------------------------------------------------------------------------------


def test_lcc_against_closed_form() -> None:
    result = lcc(1000.0, 100.0, 50.0, 200.0, 10, 0.035, external_costs_per_year=20.0)
    factor = (1 - 1.035**-10) / 0.035
    assert result.total == pytest.approx(1000 + (100 + 50 + 20) * factor + 200 / 1.035**10)
    assert result.use == pytest.approx(100 * factor)
    assert result.external == pytest.approx(20 * factor)
    assert result.acquisition == 1000.0
    parts = (
        result.acquisition + result.use + result.maintenance + result.end_of_life + result.external
    )
    assert result.total == pytest.approx(parts)


def test_lcc_accepts_yearly_lists_and_resale_value() -> None:
    as_list = lcc(500.0, [10.0] * 5, [5.0] * 5, -50.0, 5, 0.03)
    as_scalar = lcc(500.0, 10.0, 5.0, -50.0, 5, 0.03)
    assert as_list == as_scalar
    assert as_list.end_of_life == pytest.approx(-50 / 1.03**5)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"acquisition": -1.0},
        {"use_per_year": -5.0},
        {"maintenance_per_year": [1.0, 2.0]},
        {"years": 0},
        {"years": 101},
        {"rate": 0.3},
        {"external_costs_per_year": math.nan},
    ],
)
def test_lcc_rejects_bad_inputs(kwargs: dict[str, object]) -> None:
    arguments: dict[str, object] = {
        "acquisition": 100.0,
        "use_per_year": 10.0,
        "maintenance_per_year": 5.0,
        "end_of_life": 0.0,
        "years": 5,
        "rate": 0.035,
    }
    arguments.update(kwargs)
    with pytest.raises(BenefitInputError):
        lcc(**arguments)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------

amounts = st.floats(min_value=0.0, max_value=1e6, allow_nan=False, allow_infinity=False)
rates = st.floats(min_value=-0.05, max_value=0.25, allow_nan=False, allow_infinity=False)


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


@PROPERTY_SETTINGS
@given(rate=rates, years=st.integers(min_value=1, max_value=100))
def test_discount_factors_match_the_power_formula(rate: float, years: int) -> None:
    np.testing.assert_allclose(
        discount_factors(rate, years), (1.0 + rate) ** -np.arange(years, dtype=float), rtol=1e-12
    )


# ---------------------------------------------------------------------------------------
# Independence from Django
# ---------------------------------------------------------------------------------------


def test_engine_imports_without_django() -> None:
    path = Path(engine.__file__).resolve()
    code = (
        "import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('benefit_engine', {str(path)!r})\n"
        "module = importlib.util.module_from_spec(spec)\n"
        "sys.modules[spec.name] = module\n"
        "spec.loader.exec_module(module)\n"
        "assert not any(name.split('.')[0] == 'django' for name in sys.modules), 'django imported'\n"
        "print(abs(module.npv([-1.0, 1.1], 0.1)) < 1e-12)\n"
    )
    completed = subprocess.run(  # noqa: S603 - fixed interpreter and code
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "True"
