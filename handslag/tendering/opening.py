"""The opening state machine: when each round of a call's tenders is opened.

Round 1 is the original call, opened when its call key's ``opened_at`` is set; rounds
2, 3, ... are negotiation rounds, each opened on its own row. A tender is readable once its
own round is opened, round by round, never all at once. The writes (two officials'
confirmations) are in ``services/opening.py``; this module only answers where a call is.
"""

import datetime as dt

from handslag.market.models import Call
from handslag.tendering.models import (
    OPENING_WINDOW_MINUTES,
    CallKey,
    NegotiationRound,
    OpeningSettings,
    Tender,
)


def call_opened_at(call: Call):
    """When the call's tenders were opened, or None while they are sealed."""
    key = CallKey.objects.filter(call=call).only("opened_at").first()
    return key.opened_at if key else None


def is_opened(call: Call) -> bool:
    """Whether round 1 (the original call) is opened."""
    return call_opened_at(call) is not None


def round_opened_at(call: Call, number: int):
    """When round `number` was opened (round 1 is the call itself), or None while sealed."""
    if number == 1:
        return call_opened_at(call)
    found = NegotiationRound.objects.filter(call=call, number=number).only("opened_at").first()
    return found.opened_at if found else None


def is_round_opened(call: Call, number: int) -> bool:
    return round_opened_at(call, number) is not None


def is_tender_opened(tender: Tender) -> bool:
    """A tender is readable once its own round is opened: round by round, never all at once."""
    return is_round_opened(tender.call, tender.round)


def opened_rounds(call: Call) -> list[int]:
    """The numbers of the call's opened rounds, in order."""
    if not is_opened(call):
        return []
    later = NegotiationRound.objects.filter(call=call, opened_at__isnull=False).values_list(
        "number", flat=True
    )
    return [1, *sorted(later)]


def latest_opened_round(call: Call) -> int:
    """The last opened round (1 when none is opened): its tenders are the ones evaluated."""
    rounds = opened_rounds(call)
    return rounds[-1] if rounds else 1


def current_round(call: Call) -> NegotiationRound | None:
    """The latest negotiation round, or None while the call is still in round 1."""
    return NegotiationRound.objects.filter(call=call).order_by("-number").first()


def opening_window_minutes(call: Call) -> int:
    """The minutes allowed between the first and the second confirmation of an opening."""
    found = OpeningSettings.objects.filter(call=call).values_list("window_minutes", flat=True)
    return next(iter(found), OPENING_WINDOW_MINUTES)


def opening_window(call: Call) -> dt.timedelta:
    return dt.timedelta(minutes=opening_window_minutes(call))
