"""Tendering's scenario with the call's award criteria, and helpers to score and agree."""

from handslag.evaluation import services
from handslag.evaluation.results import active_tenders
from handslag.tendering.tests.factories import Scenario as TenderingScenario
from handslag.tendering.tests.factories import invited_supplier_user, team_member

__all__ = ["Scenario", "invited_supplier_user", "team_member"]


class Scenario(TenderingScenario):
    """A call with its team, two invited suppliers, the default award criteria and helpers
    to move it through opening, scoring, consensus and award."""

    def __init__(self, **call_fields) -> None:
        super().__init__(**call_fields)
        self.criteria = services.criteria_set(
            actor=self.lead, call=self.call, criteria=services.default_criteria()
        )

    def score_all(self, evaluator, value: int = 3) -> None:
        for tender in active_tenders(call=self.call):
            services.scores_record(
                actor=evaluator,
                tender=tender,
                scores=[(c, value, "Because.") for c in self.criteria],
            )

    def consensus_all(self, values: dict | None = None) -> None:
        for tender in active_tenders(call=self.call):
            value = (values or {}).get(tender.pk, 3)
            services.consensus_record_many(
                actor=self.officer,
                tender=tender,
                scores=[(c, value, "Internal.", "External.") for c in self.criteria],
            )
