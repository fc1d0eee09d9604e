"""Monte Carlo against analytic moments, seeds and memory use."""

from __future__ import annotations

import math
import tracemalloc

import numpy as np
import pytest

from handslag.benefits.engine import (
    BenefitModel,
    CashFlowLine,
    Uncertainty,
    evaluate,
    monte_carlo,
)
from handslag.benefits.tests.engine.helpers import (
    line_pv,
    simple_project,
    uncertain_model,
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
