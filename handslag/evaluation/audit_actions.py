"""The audit actions of evaluation: the names its services write to the audit log.

One naming style, `<entity>.<verb>`. An entry keeps the name it was written with (the hash
chain covers it), so an action that is renamed keeps its old name in RENAMED: readers of
the log ask handslag.audit.actions for the name an action has now. The names begin with
`tender.` because they were written while the evaluation was part of tendering.
"""

from collections.abc import Mapping
from enum import StrEnum
from typing import Final


class EvaluationAction(StrEnum):
    # The call's award criteria and their weights were set (all at once, replacing any).
    TENDER_CRITERIA_SET = "tender.criteria_set"
    # The call's evaluation model was set: its kind, price ceiling and maximum deductions.
    TENDER_EVALUATION_MODEL_SET = "tender.evaluation_model_set"
    # The evaluation matrix was exported as a spreadsheet.
    TENDER_EVALUATION_MATRIX_EXPORT = "tender.evaluation_matrix_export"
    # An evaluator scored a tender on one criterion (or changed their score).
    TENDER_SCORE = "tender.score"
    # The team's agreed score of a tender on one criterion was recorded.
    TENDER_CONSENSUS = "tender.consensus"
    # The award decision was made and the notice sent; the standstill period runs.
    TENDER_AWARD = "tender.award"
    # The date the contract was signed after the standstill was recorded on the award.
    TENDER_CONTRACT = "tender.contract"


# The name an action was stored under before -> its name now (none renamed yet).
RENAMED: Final[Mapping[str, EvaluationAction]] = {}
