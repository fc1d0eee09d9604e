"""The award as a tenderer may see it (its receipt and the award notice)."""

from typing import Any

from handslag.accounts.models import User
from handslag.evaluation.models import Award, Score
from handslag.evaluation.permissions import require_own_tender
from handslag.tendering.models import Tender


def award_for_supplier(*, user: User, tender: Tender) -> dict[str, Any] | None:
    """The award decision as the tenderer may see it: the decision, its reasons and the
    external justifications of its own tender's consensus scores."""
    require_own_tender(user=user, tender=tender)
    award = Award.objects.filter(call_id=tender.call_id).select_related("tender__supplier").first()
    if award is None:
        return None
    scores = (
        Score.objects.filter(tender=tender, is_consensus=True)
        .select_related("criterion")
        .order_by("criterion__order", "criterion__pk")
    )
    return {
        "award": award,
        "won": award.tender.supplier_id == tender.supplier_id,
        "winner": award.tender.supplier.name,
        "justification": award.justification,
        "scores": [
            {
                "criterion": s.criterion.name,
                "weight": s.criterion.weight,
                "score": s.score,
                "justification": s.external_justification,
            }
            for s in scores
        ]
        if tender.status == "submitted"
        else [],
    }
