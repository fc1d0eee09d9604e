import math
from decimal import Decimal

import pytest

from handslag.benefits import engine
from handslag.benefits.selectors import benefit_figures, benefit_summary
from handslag.benefits.tests.factories import (
    BenefitLineFactory,
    BenefitModelFactory,
    ProjectFactory,
    simple_model,
)

pytestmark = pytest.mark.django_db


def test_figures_match_a_hand_computed_npv() -> None:
    model = simple_model()
    figures = benefit_figures(model=model)
    assert figures.available
    expected = -1_000_000 + sum(150_000 / 1.035**t for t in range(1, 10))
    assert math.isclose(figures.npv, expected, rel_tol=1e-9)
    assert math.isclose(figures.pv_costs, 1_000_000)
    assert math.isclose(figures.bcr, figures.pv_benefits / 1_000_000)
    assert figures.irr is not None and figures.irr > 0.035
    assert figures.simple_payback_year == 7
    assert len(figures.years) == 10
    assert figures.years[0].costs == 1_000_000
    assert figures.years[0].discount_factor == 1.0
    assert figures.years[3].benefits == 150_000


def test_monte_carlo_reproducible_with_fixed_seed() -> None:
    model = simple_model()
    first = benefit_figures(model=model).monte_carlo
    second = benefit_figures(model=model).monte_carlo
    assert first is not None and first == second
    assert first.seed == engine.DEFAULT_SEED.value
    assert 0 <= first.p_npv_positive <= 1
    assert first.p10 <= first.p50 <= first.p90


def test_no_monte_carlo_without_ranges() -> None:
    model = BenefitModelFactory()
    for kind in ("cost", "benefit"):
        BenefitLineFactory(model=model, kind=kind, low=100, likely=100, high=100)
    assert benefit_figures(model=model).monte_carlo is None


def test_empty_model_asks_for_a_cost_and_a_benefit() -> None:
    model = BenefitModelFactory()
    figures = benefit_figures(model=model)
    assert not figures.available and figures.message
    BenefitLineFactory(model=model, kind="benefit")
    assert not benefit_figures(model=model).available


def test_no_single_irr_is_explained() -> None:
    model = BenefitModelFactory()
    BenefitLineFactory(
        model=model, kind="cost", first_year=0, last_year=9, likely=10, low=10, high=10
    )
    BenefitLineFactory(
        model=model, kind="benefit", first_year=0, last_year=9, likely=50, low=50, high=50
    )
    figures = benefit_figures(model=model)
    assert figures.irr is None and figures.irr_note


def test_summary_with_outturn() -> None:
    project = ProjectFactory()
    assert benefit_summary(project=project) is None
    forecast = simple_model(project=project)
    outturn = simple_model(project=project, scenario="outturn", name="Outturn")
    outturn.lines.filter(kind="benefit").update(likely=Decimal("120000"))
    summary = benefit_summary(project=project)
    assert summary["forecast"]["model_id"] == forecast.pk
    assert summary["outturn"]["model_id"] == outturn.pk
    assert math.isclose(summary["realisation_ratio"], 0.8)
