"""Reads for the evaluation: scores and ranking, the evaluation model and simulator, and
the award as a tenderer sees it. Every public name is re-exported here."""

from handslag.evaluation.selectors.award import award_for_supplier
from handslag.evaluation.selectors.evaluation_model import (
    SimulatedRow,
    evaluation_extras,
    evaluation_model_for,
    robustness_for,
    simulation_run,
)
from handslag.evaluation.selectors.scoring import (
    criteria_for,
    dashboard_for,
    evaluation_overview,
    ranking_for,
    tender_evaluation,
)

__all__ = [
    "SimulatedRow",
    "award_for_supplier",
    "criteria_for",
    "dashboard_for",
    "evaluation_extras",
    "evaluation_model_for",
    "evaluation_overview",
    "ranking_for",
    "robustness_for",
    "simulation_run",
    "tender_evaluation",
]
