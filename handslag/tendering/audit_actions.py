"""The audit actions of tendering: the names its services write to the audit log.

One naming style, `<entity>.<verb>`. An entry keeps the name it was written with (the hash
chain covers it), so an action that is renamed keeps its old name in RENAMED: readers of
the log ask handslag.audit.actions for the name an action has now. Entries about a sealed
tender are hidden by their target (selectors.sealed_audit_entries), not by these names.
"""

from collections.abc import Mapping
from enum import StrEnum
from typing import Final


class TenderingAction(StrEnum):
    # A sealed tender was submitted (or replaced the supplier's earlier one in the round).
    TENDER_SUBMIT = "tender.submit"
    # A submitted tender was withdrawn before the deadline.
    TENDER_WITHDRAW = "tender.withdraw"
    # One of the people who open the tenders confirmed the opening of a round.
    TENDER_OPENING_CONFIRM = "tender.opening_confirm"
    # A first confirmation was not followed by a second within the opening window: it
    # lapsed and the opening starts again (one sitting, LOU 12 kap. 10 §).
    TENDER_OPENING_EXPIRE = "tender.opening_expire"
    # The buyer set the time allowed between the two confirmations of the call's opening.
    TENDER_OPENING_WINDOW_SET = "tender.opening_window_set"
    # The last confirmation came in and the round's tenders were opened.
    TENDER_OPEN = "tender.open"
    # A member of the evaluation team declared whether they have a conflict of interest.
    TENDER_CONFLICT_DECLARE = "tender.conflict_declare"
    # A negotiation round was started, inviting revised tenders.
    TENDER_ROUND_START = "tender.round_start"
    # A message was written in the confidential channel between buyer and one tenderer.
    TENDER_CHANNEL_MESSAGE = "tender.channel_message"


# The name an action was stored under before -> its name now (none renamed yet).
RENAMED: Final[Mapping[str, TenderingAction]] = {}
