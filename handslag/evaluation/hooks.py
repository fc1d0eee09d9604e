"""What the evaluation tells the apps below it: the award lookups tendering needs
(handslag/tendering/registry.py) and market's call criteria and decided state."""

from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from handslag.evaluation.models import Award, Criterion, EvaluationModel
from handslag.evaluation.selectors import award_for_supplier
from handslag.market.extensions import Missing
from handslag.market.models import Call
from handslag.tendering.registry import AwardLookups, register_award_lookups


def award_of(call: Call) -> Award | None:
    return Award.objects.filter(call=call).select_related("tender__supplier").first()


def awarded_call_ids(call_ids: Iterable[int]) -> set[int]:
    return set(Award.objects.filter(call__in=call_ids).values_list("call_id", flat=True))


def call_criteria(*, call: Call):
    """The call's award criteria, as market publishes them with the call."""
    return Criterion.objects.filter(call=call).order_by("order", "pk")


def call_decided(*, call: Call) -> bool:
    """Whether the call is awarded (market then refuses to cancel it)."""
    return Award.objects.filter(call=call).exists()


def publication_missing(*, call: Call) -> list[Missing]:
    """What the evaluation must have before the call is published: award criteria whose
    weights add up to 100, and the evaluation model (LOU 16 kap.: the criteria and their
    weighting are stated in the procurement documents)."""
    missing: list[Missing] = []
    weights = list(Criterion.objects.filter(call=call).values_list("weight", flat=True))
    criteria_url = reverse("evaluation:criteria", args=[call.pk])
    if not weights:
        missing.append(
            Missing(
                code="award_criteria",
                message=_("Award criteria with their weights."),
                url=criteria_url,
            )
        )
    elif sum(weights) != 100 or min(weights) < 1:
        missing.append(
            Missing(
                code="award_criteria_weights",
                message=_("The award criteria's weights must add up to 100 (now %(total)s).")
                % {"total": sum(weights)},
                url=criteria_url,
            )
        )
    if not EvaluationModel.objects.filter(call=call).exists():
        missing.append(
            Missing(
                code="evaluation_model",
                message=_("The evaluation model: how the tenders will be ranked."),
                url=reverse("evaluation:evaluation_model", args=[call.pk]),
            )
        )
    return missing


def demo_call_setup(*, call: Call, actor: Any, now: Any) -> None:
    """The demo's criteria and evaluation model, set before market's demo publishes."""
    from handslag.evaluation import demo  # the demo data, only when the demo is loaded

    demo.prepare_call(call=call, actor=actor, now=now)


def call_awarded_expression() -> Exists:
    """True for a call row with an award decision (market's stage "awarded")."""
    return Exists(Award.objects.filter(call_id=OuterRef("pk")))


def _notice(*, user: Any, tender: Any) -> dict[str, Any] | None:
    return award_for_supplier(user=user, tender=tender)


def register() -> None:
    register_award_lookups(
        AwardLookups(
            award_of=award_of,
            awarded_call_ids=awarded_call_ids,
            notice_for_supplier=_notice,
        )
    )
