"""Writes of the evaluation: criteria, scores and consensus, the evaluation model and the
award. Every service takes the acting person, checks its rule, changes state in one
transaction and writes its own audit entry (the action names are those of the tendering
days, ``tender.score``, ``tender.award``..., so the log reads the same across the move).

Every public name is re-exported here so ``services.award_decide(...)`` works.
"""

from handslag.evaluation.services.award import award_decide, award_record_contract
from handslag.evaluation.services.criteria import (
    BEST_PRICE_QUALITY_PROCEDURES,
    criteria_locked,
    criteria_set,
    default_criteria,
)
from handslag.evaluation.services.evaluation_model import (
    evaluation_matrix_export,
    evaluation_model_set,
)
from handslag.evaluation.services.scoring import (
    consensus_record,
    consensus_record_many,
    score_record,
    scores_record,
)

__all__ = [
    "BEST_PRICE_QUALITY_PROCEDURES",
    "award_decide",
    "award_record_contract",
    "consensus_record",
    "consensus_record_many",
    "criteria_locked",
    "criteria_set",
    "default_criteria",
    "evaluation_matrix_export",
    "evaluation_model_set",
    "score_record",
    "scores_record",
]
