"""Writes: submitting, replacing and withdrawing tenders, the opening, evaluation and award.

Every service takes the acting person, checks the rule it enforces, changes state in one
transaction and writes its own audit entry. Services that depend on the clock take
``now`` so tests and the historical demo data can pass a time; views never do.

The services are split by responsibility (submission, opening, criteria, scoring, award);
every public name is re-exported here so ``services.tender_submit(...)`` keeps working.
"""

from handslag.tendering.services.award import award_decide, award_record_contract
from handslag.tendering.services.criteria import (
    BEST_PRICE_QUALITY_PROCEDURES,
    criteria_set,
    default_criteria,
)
from handslag.tendering.services.declarations import conflict_declare
from handslag.tendering.services.evaluation_model import (
    evaluation_matrix_export,
    evaluation_model_set,
)
from handslag.tendering.services.negotiation import channel_post, round_start
from handslag.tendering.services.opening import OPENING_QUORUM, opening_confirm, opening_record
from handslag.tendering.services.scoring import (
    consensus_record,
    consensus_record_many,
    score_record,
    scores_record,
)
from handslag.tendering.services.submission import (
    MAX_CONTENT_CHARS,
    MAX_PRICE,
    tender_submit,
    tender_withdraw,
)

__all__ = [
    "BEST_PRICE_QUALITY_PROCEDURES",
    "MAX_CONTENT_CHARS",
    "MAX_PRICE",
    "OPENING_QUORUM",
    "award_decide",
    "award_record_contract",
    "channel_post",
    "conflict_declare",
    "consensus_record",
    "consensus_record_many",
    "criteria_set",
    "default_criteria",
    "evaluation_matrix_export",
    "evaluation_model_set",
    "opening_confirm",
    "opening_record",
    "round_start",
    "score_record",
    "scores_record",
    "tender_submit",
    "tender_withdraw",
]
