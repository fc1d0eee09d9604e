"""What the evaluation tells the apps below it: the award lookups tendering needs
(handslag/tendering/registry.py) and market's call criteria and decided state."""

from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, OuterRef

from handslag.evaluation.models import Award, Criterion
from handslag.evaluation.selectors import award_for_supplier
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
