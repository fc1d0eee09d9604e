"""Reads for the evaluation models: the stored model, the simulator and the robustness check."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from handslag.accounts.models import User
from handslag.core.permissions import forbidden
from handslag.evaluation import award_models as am
from handslag.evaluation import results
from handslag.evaluation.award_models.config import as_decimal
from handslag.evaluation.config import (
    config_for,
    error_text,
    model_of,
    model_problem,
    notice_text,
)
from handslag.evaluation.models import CriterionKind, EvaluationModel
from handslag.evaluation.permissions import (
    can_see_ranking,
    require_evaluation_team,
)
from handslag.market.models import Call

MAX_FICTIVE_TENDERS = 20


def evaluation_model_for(*, user: User, call: Call) -> EvaluationModel | None:
    """The call's evaluation model, for its team."""
    require_evaluation_team(user=user, call=call)
    return model_of(call=call)


@dataclass
class SimulatedRow:
    rank: int
    name: str
    price: Decimal
    quality_points: Decimal
    price_points: Decimal | None
    deduction: Decimal | None
    value: Decimal


def _number(value: Any, what: str) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return as_decimal(value, what=what)
    except am.ModelError as error:
        raise ValidationError(error_text(error)) from None


def simulation_run(
    *,
    call: Call,
    kind: str,
    tenders: list[dict[str, Any]],
    price_ceiling: Any = None,
    relative_price: bool = False,
    max_deductions: dict[str, Any] | None = None,
    price_floor: Any = None,
) -> dict[str, Any]:
    """Rank fictive tenders ({name, price, scores: {criterion name: 0–5}}) under a model.

    Nothing is stored: callers check that the user is in the call's team.
    """
    criteria = results.criteria_of(call=call)
    if not criteria:
        raise ValidationError(_("Set the award criteria before you simulate."))
    if not tenders:
        raise ValidationError(_("Enter at least one fictive tender."))
    if len(tenders) > MAX_FICTIVE_TENDERS:
        raise ValidationError(
            _("At most %(n)s fictive tenders can be simulated.") % {"n": MAX_FICTIVE_TENDERS}
        )
    quality = [c for c in criteria if c.kind == CriterionKind.QUALITY]
    deductions = {
        c.name: _number((max_deductions or {}).get(c.name), _("The maximum deduction"))
        for c in quality
    }
    config = config_for(
        kind=kind,
        criteria=criteria,
        price_ceiling=_number(price_ceiling, _("The price ceiling")),
        relative_price=bool(relative_price),
        max_deductions=deductions,
        price_floor=_number(price_floor, _("The price floor")),
    )
    inputs, names = [], set()
    for item in tenders:
        name = str(item.get("name") or "").strip()
        if not name:
            raise ValidationError(_("Every fictive tender needs a name."))
        if name.casefold() in names:
            raise ValidationError(
                _("Two fictive tenders have the same name: %(name)s.") % {"name": name}
            )
        names.add(name.casefold())
        price = _number(item.get("price"), _("The price"))
        if price is None:
            raise ValidationError(_("Enter a price for %(name)s.") % {"name": name})
        given = item.get("scores") or {}
        scores = {}
        for c in quality:
            raw = given.get(c.name)
            scores[str(c.pk)] = None if raw in (None, "") else _number(raw, c.name)
        inputs.append(am.TenderInput(name=name, price=price, scores=scores))
    try:
        simulation = am.simulate(config, inputs)
    except am.ModelError as error:
        raise ValidationError(error_text(error)) from None
    return {
        "kind": kind,
        "rows": [
            SimulatedRow(
                rank=r.rank,
                name=r.name,
                price=r.price,
                quality_points=r.quality_points,
                price_points=r.price_points,
                deduction=r.deduction,
                value=r.value,
            )
            for r in simulation.evaluation.results
        ],
        "warnings": [notice_text(n) for n in simulation.notices],
        "robustness": _margins(am.robustness(config, inputs)),
    }


def _margins(margins: list[am.Margin]) -> list[dict[str, Any]]:
    return [
        {
            "criterion": m.name,
            "share": m.share,
            "lower": m.lower,
            "upper": m.upper,
            "margin": m.margin,
        }
        for m in margins
    ]


def robustness_for(*, user: User, call: Call) -> dict[str, Any] | None:
    """How far each weight (or maximum deduction) can move before the winner changes.

    For the team after the opening, once every tender has its consensus scores; None before.
    """
    require_evaluation_team(user=user, call=call)
    if not can_see_ranking(user=user, call=call):
        raise forbidden(_("Only the project team can see the ranking, and only after the opening."))
    return _robustness(call=call, ranking=results.evaluate_call(call=call))


def _robustness(*, call: Call, ranking: results.Ranking) -> dict[str, Any] | None:
    if not ranking.rows or not all(r.complete for r in ranking.rows):
        return None
    config, inputs = ranking.config, ranking.inputs
    if config is None:
        # Points by hand-scored price: every criterion is a scored one.
        criteria = results.criteria_of(call=call)
        config = am.ModelConfig(
            kind=am.WEIGHTED_POINTS,
            criteria=tuple(
                am.CriterionSpec(str(c.pk), c.name, am.QUALITY, Decimal(c.weight)) for c in criteria
            ),
        )
        inputs = [
            am.TenderInput(
                name=str(r.tender.pk),
                price=Decimal(0),
                scores={str(k): v for k, v in r.scores.items()},
            )
            for r in ranking.rows
        ]
    try:
        margins = am.robustness(config, inputs)
    except am.ModelError:
        return None
    winners = [r for r in ranking.rows if r.rank == 1]
    return {
        "winner": winners[0].tender.supplier.name if len(winners) == 1 else None,
        "tied": len(winners) > 1,
        "margins": _margins(margins),
    }


def evaluation_extras(*, user: User, call: Call) -> dict[str, Any]:
    """The evaluation page's model, warnings and robustness check for one team member."""
    require_evaluation_team(user=user, call=call)
    see = can_see_ranking(user=user, call=call)
    extras: dict[str, Any] = {
        "evaluation_model": model_of(call=call),
        "model_problem": model_problem(call=call),
        "can_see_ranking": see,
        "robustness": None,
        "ranking_warnings": [],
    }
    if see:
        ranking = results.evaluate_call(call=call)
        names = {str(r.tender.pk): r.tender.supplier.name for r in ranking.rows}
        extras["ranking_warnings"] = [notice_text(n, names) for n in ranking.notices]
        if ranking.error is not None:
            extras["ranking_warnings"].append(
                _("The evaluation model cannot rank these tenders: %(error)s")
                % {"error": error_text(ranking.error)}
            )
        extras["robustness"] = _robustness(call=call, ranking=ranking)
    return extras
