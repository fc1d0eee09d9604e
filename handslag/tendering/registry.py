"""What tendering needs to know about the award, filled in by the evaluation app.

The award is decided above tendering (``handslag.evaluation``), yet tendering must know
of it: a call that is awarded takes no more negotiation rounds or messages, its state on
the opening pages is "awarded", and a tenderer's receipt shows the award notice. Tendering
may not import the evaluation app, so the evaluation app registers these lookups in its
``AppConfig.ready()``. Until something is registered a call is simply not awarded.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from handslag.accounts.models import User
from handslag.market.models import Call


@dataclass(frozen=True)
class AwardLookups:
    """The award as tendering may see it."""

    # The call's award decision (a model instance with notice_sent_on, standstill_end,
    # contract_signed_on and tender), or None.
    award_of: Callable[[Call], Any | None]
    # Which of the given calls are awarded, in one query (the start page).
    awarded_call_ids: Callable[[Iterable[int]], set[int]]
    # The award notice as a tenderer may see it on its receipt, or None before the award.
    notice_for_supplier: Callable[..., dict[str, Any] | None]


_lookups: AwardLookups | None = None


def register_award_lookups(lookups: AwardLookups) -> None:
    global _lookups
    _lookups = lookups


def award_of(call: Call) -> Any | None:
    return _lookups.award_of(call) if _lookups else None


def is_awarded(call: Call) -> bool:
    return award_of(call) is not None


def awarded_call_ids(call_ids: Iterable[int]) -> set[int]:
    return _lookups.awarded_call_ids(call_ids) if _lookups else set()


def award_notice_for_supplier(*, user: User, tender: Any) -> dict[str, Any] | None:
    return _lookups.notice_for_supplier(user=user, tender=tender) if _lookups else None
