"""Tornado rows, switching values and critical variables against recomputed models."""

from __future__ import annotations

import math

import pytest

from handslag.benefits.engine import (
    BenefitInputError,
    BenefitModel,
    CashFlowLine,
    critical_variables,
    evaluate,
    sensitivity,
    switching_value,
)
from handslag.benefits.tests.engine.helpers import (
    scaled,
    simple_project,
    uncertain_model,
)


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
