"""Default parameters carry their provenance; the Green Book optimism-bias table."""

from __future__ import annotations

import pytest

from handslag.benefits import engine
from handslag.benefits.engine import (
    DEFAULT_DISCOUNT_RATE,
    EU_SOCIAL_RATE,
    GREEN_BOOK_OPTIMISM_BIAS,
    BenefitInputError,
    Parameter,
    optimism_bias_uplift,
)


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
