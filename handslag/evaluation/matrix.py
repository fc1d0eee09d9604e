"""The evaluation matrix as a workbook: criteria × tenders with consensus scores and results."""

from django.utils.translation import gettext as _

from handslag.core.render import to_xlsx
from handslag.evaluation import results
from handslag.evaluation.config import deduction_of, model_of
from handslag.evaluation.models import CriterionKind, EvaluationKind
from handslag.market.models import Call


def measure_label(kind: str | None) -> str:
    if kind == EvaluationKind.QUALITY_PRICE_RATIO:
        return _("Quality points per MSEK")
    if kind == EvaluationKind.ADDED_VALUE:
        return _("Comparison price (SEK)")
    return _("Points")


def evaluation_matrix_xlsx(*, call: Call) -> bytes:
    """Callers have checked that the user may see the ranking (after the opening)."""
    ranking = results.evaluate_call(call=call)
    rows = ranking.rows
    criteria = results.criteria_of(call=call)
    model = model_of(call=call) if ranking.kind else None
    header = [_("Criterion"), _("Kind"), _("Weight (%)")]
    if ranking.kind == EvaluationKind.ADDED_VALUE:
        header.append(_("Maximum deduction (SEK)"))
    fixed = len(header)
    header += [r.tender.supplier.name for r in rows]
    body: list[list[object]] = []
    for c in criteria:
        line: list[object] = [c.name, c.get_kind_display(), c.weight]
        if ranking.kind == EvaluationKind.ADDED_VALUE:
            line.append(deduction_of(model, c) if c.kind == CriterionKind.QUALITY else None)
        priced = ranking.kind and c.kind == CriterionKind.PRICE
        line += [None if priced else r.scores.get(c.pk) for r in rows]
        body.append(line)
    pad = [None] * (fixed - 1)
    if ranking.kind:
        body.append([_("Price (SEK)"), *pad, *[r.price for r in rows]])
        body.append([_("Quality points"), *pad, *[r.quality_points for r in rows]])
    if ranking.kind == EvaluationKind.WEIGHTED_POINTS:
        body.append([_("Price points"), *pad, *[r.price_points for r in rows]])
    if ranking.kind == EvaluationKind.ADDED_VALUE:
        body.append([_("Deduction (SEK)"), *pad, *[r.deduction for r in rows]])
    body.append([measure_label(ranking.kind), *pad, *[r.points for r in rows]])
    body.append([_("Rank"), *pad, *[r.rank for r in rows]])
    return to_xlsx([(_("Evaluation matrix"), header, body)])
