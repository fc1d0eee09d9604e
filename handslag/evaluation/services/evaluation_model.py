"""The call's evaluation model, set with the award criteria and locked with them."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handslag.accounts.models import User
from handslag.audit.services import audit_record
from handslag.core.permissions import forbidden
from handslag.evaluation import award_models as am
from handslag.evaluation.audit_actions import EvaluationAction
from handslag.evaluation.award_models.config import as_decimal, validate
from handslag.evaluation.config import config_for, error_text
from handslag.evaluation.models import CriterionKind, EvaluationKind, EvaluationModel
from handslag.evaluation.permissions import can_manage_criteria, can_see_ranking
from handslag.evaluation.results import criteria_of
from handslag.evaluation.services.criteria import criteria_locked
from handslag.market.models import Call
from handslag.tendering.services._common import _lock_call


def _amount(value: Any, what: str) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return as_decimal(value, what=what)
    except am.ModelError as error:
        raise ValidationError(error_text(error)) from None


@transaction.atomic
def evaluation_model_set(
    *,
    actor: User,
    call: Call,
    kind: str,
    price_ceiling: Any = None,
    relative_price: bool = False,
    max_deductions: dict[str, Any] | None = None,
    price_floor: Any = None,
    now: dt.datetime | None = None,
) -> EvaluationModel:
    """Set how the call's tenders will be ranked; locked exactly when the criteria are."""
    now = now or timezone.now()
    call = _lock_call(call)
    if not can_manage_criteria(user=actor, call=call):
        raise forbidden(
            _("Only the project lead and procurement officers can set the evaluation model.")
        )
    if criteria_locked(call=call, now=now):
        raise ValidationError(
            _("The evaluation model is locked: the deadline for tenders has passed.")
        )
    if kind not in EvaluationKind.values:
        raise ValidationError({"kind": _("Choose one of the evaluation models.")})
    criteria = criteria_of(call=call)
    ceiling = _amount(price_ceiling, _("The price ceiling"))
    floor = _amount(price_floor, _("The price floor"))
    if ceiling is not None and (ceiling <= 0 or ceiling >= Decimal("1e13")):
        raise ValidationError(
            {"price_ceiling": _("The price ceiling must be above zero and below 10 000 billion.")}
        )
    if ceiling is not None:
        ceiling = ceiling.quantize(Decimal("0.01"))
    relative = bool(relative_price)
    quality = [c for c in criteria if c.kind == CriterionKind.QUALITY]
    deductions: dict[str, Decimal | None] = {}
    if kind == EvaluationKind.ADDED_VALUE:
        given = max_deductions or {}
        unknown = set(given) - {c.name for c in quality}
        if unknown:
            raise ValidationError(
                _("No quality criterion is called %(name)s.") % {"name": sorted(unknown)[0]}
            )
        deductions = {
            c.name: _amount(given.get(c.name), _("The maximum deduction")) for c in quality
        }
    config = config_for(
        kind=kind,
        criteria=criteria,
        price_ceiling=ceiling if kind == EvaluationKind.WEIGHTED_POINTS else None,
        relative_price=relative,
        max_deductions=deductions,
        price_floor=floor,
    )
    try:
        validate(config)
    except am.ModelError as error:
        raise ValidationError(error_text(error)) from None
    model = EvaluationModel.objects.filter(call=call).first() or EvaluationModel(call=call)
    model.kind = kind
    model.price_ceiling = config.price_ceiling
    model.relative_price = relative
    model.max_deductions = {name: str(value) for name, value in deductions.items()}
    model.full_clean()
    model.save()
    audit_record(
        actor=actor,
        action=EvaluationAction.TENDER_EVALUATION_MODEL_SET,
        target=call,
        data={
            "kind": kind,
            "price_ceiling": str(model.price_ceiling) if model.price_ceiling else None,
            "relative_price": relative,
            "max_deductions": model.max_deductions,
        },
        organisation_id=call.project.organisation_id,
    )
    return model


@transaction.atomic
def evaluation_matrix_export(*, actor: User, call: Call) -> bytes:
    """The evaluation matrix as XLSX, for those who may see the ranking; the export is audited."""
    from handslag.evaluation.matrix import evaluation_matrix_xlsx

    if not can_see_ranking(user=actor, call=call):
        raise forbidden(_("Only the project team can see the ranking, and only after the opening."))
    data = evaluation_matrix_xlsx(call=call)
    audit_record(
        actor=actor,
        action=EvaluationAction.TENDER_EVALUATION_MATRIX_EXPORT,
        target=call,
        data={},
        organisation_id=call.project.organisation_id,
    )
    return data
