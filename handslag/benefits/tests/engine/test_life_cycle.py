"""Life-cycle cost against the closed form."""

from __future__ import annotations

import math

import pytest

from handslag.benefits.engine import (
    BenefitInputError,
    lcc,
)


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
