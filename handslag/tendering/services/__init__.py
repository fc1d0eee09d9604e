"""Writes: submitting, replacing and withdrawing tenders, the opening, declarations and rounds.

Every service takes the acting person, checks the rule it enforces, changes state in one
transaction and writes its own audit entry. Services that depend on the clock take
``now`` so tests and the historical demo data can pass a time; views never do.

The services are split by responsibility (submission, opening, declarations, negotiation);
the evaluation and award are written by ``handslag.evaluation.services``;
every public name is re-exported here so ``services.tender_submit(...)`` keeps working.
"""

from handslag.tendering.services.declarations import conflict_declare
from handslag.tendering.services.negotiation import channel_post, round_start
from handslag.tendering.services.opening import (
    OPENING_QUORUM,
    opening_confirm,
    opening_window_set,
)
from handslag.tendering.services.submission import (
    MAX_CONTENT_CHARS,
    MAX_PRICE,
    cancelled_message,
    tender_period_closed,
    tender_submit,
    tender_withdraw,
)

__all__ = [
    "MAX_CONTENT_CHARS",
    "MAX_PRICE",
    "OPENING_QUORUM",
    "cancelled_message",
    "channel_post",
    "conflict_declare",
    "opening_confirm",
    "opening_window_set",
    "round_start",
    "tender_period_closed",
    "tender_submit",
    "tender_withdraw",
]
