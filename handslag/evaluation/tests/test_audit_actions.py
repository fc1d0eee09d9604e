"""The catalogue keeps the names the evaluation's entries are already stored under.

The hash chain covers an entry's action, so a name changed here would leave the entries
written before it under a name no reader asks for; a rename goes through RENAMED instead.
"""

from handslag.evaluation.audit_actions import RENAMED, EvaluationAction


def test_the_names_are_the_names_in_the_log():
    assert {str(action) for action in EvaluationAction} == {
        "tender.criteria_set",
        "tender.evaluation_model_set",
        "tender.evaluation_matrix_export",
        "tender.score",
        "tender.consensus",
        "tender.award",
        "tender.contract",
    }
    assert not RENAMED
