"""Award criteria and their weights, set before the deadline for tenders."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handslag.accounts.models import User
from handslag.audit.services import audit_record
from handslag.core.permissions import forbidden
from handslag.evaluation.audit_actions import EvaluationAction
from handslag.evaluation.models import Criterion, CriterionKind
from handslag.evaluation.permissions import can_manage_criteria
from handslag.market.models import Call
from handslag.tendering.opening import is_opened
from handslag.tendering.services._common import _lock_call

BEST_PRICE_QUALITY_PROCEDURES = frozenset({"innovation_partnership"})


def default_criteria() -> list[dict[str, Any]]:
    """The criteria the seeds use (Växjö): three quality criteria and price."""
    return [
        {
            "name": _("Feasibility"),
            "description": _("How likely the proposed solution is to be developed and work."),
            "kind": CriterionKind.QUALITY,
            "weight": 30,
        },
        {
            "name": _("Effect"),
            "description": _("How far the solution reaches the expected effects of the need."),
            "kind": CriterionKind.QUALITY,
            "weight": 30,
        },
        {
            "name": _("Business viability"),
            "description": _(
                "Whether the business model and terms are sustainable for both parties."
            ),
            "kind": CriterionKind.QUALITY,
            "weight": 20,
        },
        {
            "name": _("Price"),
            "description": _("The price or life-cycle cost, scored on the absolute 0–5 scale."),
            "kind": CriterionKind.PRICE,
            "weight": 20,
        },
    ]


def criteria_locked(*, call: Call, now: dt.datetime | None = None) -> bool:
    """The criteria (and the evaluation model) are locked at the deadline or the opening."""
    now = now or timezone.now()
    return (call.tender_deadline is not None and now >= call.tender_deadline) or is_opened(call)


@transaction.atomic
def criteria_set(
    *, actor: User, call: Call, criteria: list[dict[str, Any]], now: dt.datetime | None = None
) -> list[Criterion]:
    """Replace the call's award criteria; the weights must add up to exactly 100."""
    now = now or timezone.now()
    call = _lock_call(call)
    if not can_manage_criteria(user=actor, call=call):
        raise forbidden(_("Only the project lead and procurement officers can set award criteria."))
    if criteria_locked(call=call, now=now):
        raise ValidationError(
            _("The award criteria are locked: the deadline for tenders has passed.")
        )
    if not criteria:
        raise ValidationError({"criteria": _("Add at least one award criterion.")})
    cleaned, names, total = [], set(), 0
    for position, item in enumerate(criteria):
        name = str(item.get("name") or "").strip()
        if not name:
            raise ValidationError({"criteria": _("Every criterion needs a name.")})
        if len(name) > 200:
            raise ValidationError(
                {"criteria": _("A criterion's name can be at most 200 characters.")}
            )
        if name.casefold() in names:
            raise ValidationError(
                {"criteria": _("Two criteria have the same name: %(name)s.") % {"name": name}}
            )
        names.add(name.casefold())
        kind = item.get("kind") or CriterionKind.QUALITY
        if kind not in CriterionKind.values:
            raise ValidationError(
                {"criteria": _("Unknown kind of criterion: %(kind)s.") % {"kind": kind}}
            )
        try:
            weight = int(item.get("weight"))
        except (TypeError, ValueError):
            raise ValidationError({"criteria": _("Every weight must be a whole number.")}) from None
        if not 1 <= weight <= 100:
            raise ValidationError({"criteria": _("Every weight must be between 1 and 100.")})
        total += weight
        cleaned.append(
            Criterion(
                call=call,
                name=name,
                description=str(item.get("description") or "").strip(),
                kind=kind,
                weight=weight,
                order=position,
            )
        )
    if total != 100:
        raise ValidationError(
            {
                "criteria": _("The weights must add up to exactly 100 (now %(total)s).")
                % {"total": total}
            }
        )
    kinds = {c.kind for c in cleaned}
    if call.legal_procedure in BEST_PRICE_QUALITY_PROCEDURES and kinds != {
        CriterionKind.QUALITY,
        CriterionKind.PRICE,
    }:
        raise ValidationError(
            {
                "criteria": _(
                    "An innovation partnership is always awarded on the best price–quality "
                    "ratio: include both quality criteria and a price or cost criterion."
                )
            }
        )
    Criterion.objects.filter(call=call).delete()
    for criterion in cleaned:
        criterion.full_clean()
        criterion.save()
    audit_record(
        actor=actor,
        action=EvaluationAction.TENDER_CRITERIA_SET,
        target=call,
        data={"criteria": [{"name": c.name, "kind": c.kind, "weight": c.weight} for c in cleaned]},
        organisation_id=call.project.organisation_id,
    )
    return cleaned
