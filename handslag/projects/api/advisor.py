"""The EU thresholds and the procedure advisor."""

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query

from handslag.projects import advisor
from handslag.projects.api.base import router
from handslag.projects.models import (
    ThresholdValue,
)
from handslag.projects.schemas import (
    AdviceOut,
    AdvisorIn,
    ThresholdFilters,
    ThresholdOut,
)
from handslag.projects.selectors import (
    template_for_key,
    threshold_list,
    threshold_row_for,
    threshold_table,
)

# --- Thresholds and the procedure advisor ----------------------------------------------------


def _threshold(row: ThresholdValue | None) -> dict | None:
    if row is None:
        return None
    return {
        "category": row.category,
        "category_label": row.get_category_display(),
        **{
            name: getattr(row, name)
            for name in (
                "valid_from",
                "valid_to",
                "sek_value",
                "eur_value",
                "source_title",
                "source_url",
                "legal_basis",
            )
        },
    }


@router.get(
    "/thresholds",
    response=list[ThresholdOut],
    summary="EU thresholds and the direct-award limit, with their periods and sources",
)
def threshold_list_api(request: HttpRequest, filters: Query[ThresholdFilters]):
    return [_threshold(row) for row in threshold_list(on=filters.on)]


@router.get(
    "/advisor",
    response=AdviceOut,
    summary="The procedure advisor: the procedure that fits, why, and the thresholds it used",
)
def procedure_advisor_api(request: HttpRequest, answers: Query[AdvisorIn]):
    on = answers.advice_date or timezone.localdate()
    advice = advisor.recommend(
        advisor.Answers(
            **answers.dict(exclude={"advice_date"}),
        ),
        table=threshold_table(),
        on=on,
    )
    templates = {key: template_for_key(user=request.user, key=key) for key in advisor.ALL_KEYS}
    chosen = templates[advice.key]
    return {
        "key": advice.key,
        "template_id": chosen.pk if chosen else None,
        "template_name": chosen.name if chosen else "",
        "reasons": advice.reasons,
        "notes": advice.notes,
        "ruled_out": [
            {"key": key, "template_id": templates[key].pk if templates[key] else None, "reason": r}
            for key, r in advice.ruled_out.items()
        ],
        "advice_date": on,
        "above_threshold": advice.above_threshold,
        "comparison": advice.comparison,
        "threshold": _threshold(threshold_row_for(advice.threshold)),
        "direct_award_limit": _threshold(threshold_row_for(advice.direct_award_limit)),
        "direct_award_allowed": advice.direct_award_allowed,
    }
