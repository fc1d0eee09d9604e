"""The bridge between a call's stored evaluation model and the plain-Python award models.

Builds a :class:`award_models.ModelConfig` from the call's criteria and its
:class:`EvaluationModel`, and puts the models' errors and warnings into the reader's
language.
"""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from handslag.evaluation import award_models as am
from handslag.evaluation.models import Criterion, CriterionKind, EvaluationModel
from handslag.market.models import Call


def model_of(*, call: Call) -> EvaluationModel | None:
    return EvaluationModel.objects.filter(call=call).first()


def deduction_of(model: EvaluationModel, criterion: Criterion) -> Decimal | None:
    raw = (model.max_deductions or {}).get(criterion.name)
    if raw is None:
        return None
    try:
        return Decimal(str(raw))
    except (InvalidOperation, ValueError):
        return None


def config_for(
    *,
    kind: str,
    criteria: list[Criterion],
    price_ceiling: Decimal | None = None,
    relative_price: bool = False,
    max_deductions: dict[str, Decimal | None] | None = None,
    price_floor: Decimal | None = None,
) -> am.ModelConfig:
    deductions = max_deductions or {}
    return am.ModelConfig(
        kind=kind,
        criteria=tuple(
            am.CriterionSpec(
                key=str(c.pk) if c.pk else c.name,
                name=c.name,
                kind=am.PRICE if c.kind == CriterionKind.PRICE else am.QUALITY,
                weight=Decimal(c.weight),
                max_deduction=deductions.get(c.name),
            )
            for c in criteria
        ),
        price_ceiling=price_ceiling,
        relative_price=relative_price,
        price_floor=price_floor,
    )


def stored_config(model: EvaluationModel, criteria: list[Criterion]) -> am.ModelConfig:
    return config_for(
        kind=model.kind,
        criteria=criteria,
        price_ceiling=model.price_ceiling,
        relative_price=model.relative_price,
        max_deductions={c.name: deduction_of(model, c) for c in criteria},
    )


def error_text(error: am.ModelError) -> str:
    p = error.params
    texts = {
        "unknown_kind": _("Unknown evaluation model."),
        "price_floor": _(
            "A price floor is not allowed: below it a lower price would be worth nothing, and "
            "a lower price must never be worthless (HFD 2022 ref. 41)."
        ),
        "no_criteria": _("Set the award criteria before the evaluation model."),
        "weights_over_100": _("The weights add up to more than 100."),
        "negative_weight": _("A weight cannot be negative."),
        "relative_not_here": _("Relative price scoring exists only for weighted points."),
        "ceiling_required": _(
            "Weighted points need a published price ceiling above zero: the price at and "
            "above which a tender gets no price points."
        ),
        "quality_required": _("This model needs at least one quality criterion."),
        "deduction_required": _("Give a maximum deduction in SEK (zero or more) for %(name)s."),
        "negative_price": _("A price cannot be negative (%(name)s)."),
        "zero_price_ratio": _("The quality/price ratio needs a price above zero (%(name)s)."),
        "score_out_of_range": _("A score must be between 0 and 5 (%(name)s)."),
        "not_a_number": _("%(what)s must be a number."),
    }
    text = texts.get(error.code)
    if text is None:
        return str(error)
    return text % p if p else text


def notice_text(notice: am.Notice, names: dict[str, str] | None = None) -> str:
    """A warning in the reader's language; `names` maps model keys to what people call them."""
    names = names or {}
    p = {k: names.get(str(v), v) for k, v in notice.params.items()}
    texts = {
        "relative_price": _(
            "Relative price scoring: a tender's price points depend on the lowest price, so "
            "adding or removing one tender can reverse the order of two others."
        ),
        "above_ceiling": _(
            "%(name)s is priced at or above the price ceiling and gets no price points; price "
            "differences above the ceiling are worth nothing."
        ),
        "rank_reversal_removed": _("Without %(removed)s, %(a)s and %(b)s change places."),
        "rank_reversal_added": _(
            "A new tender at %(price)s SEK would make %(a)s and %(b)s change places."
        ),
    }
    text = texts.get(notice.code)
    if text is None:
        return notice.message % p if p else notice.message
    return text % p if p else text


def model_problem(*, call: Call) -> str | None:
    """Why the stored model no longer fits the call's criteria (e.g. a criterion renamed
    after the maximum deductions were set), or None when it fits or there is none."""
    from handslag.evaluation.award_models.config import validate

    model = model_of(call=call)
    if model is None:
        return None
    criteria = list(Criterion.objects.filter(call=call).order_by("order", "pk"))
    try:
        validate(stored_config(model, criteria))
    except am.ModelError as error:
        return error_text(error)
    return None
