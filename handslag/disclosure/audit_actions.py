"""The audit actions of disclosure: the names its services write to the audit log.

One naming style, `<entity>.<verb>`. An entry keeps the name it was written with (the hash
chain covers it), so an action that is renamed keeps its old name in RENAMED: readers of
the log ask handslag.audit.actions for the name an action has now. A supplier's claims on
a sealed tender are hidden by their target, the tender (tendering's sealed_audit_entries),
not by these names.
"""

from collections.abc import Mapping
from enum import StrEnum
from typing import Final


class DisclosureAction(StrEnum):
    # A supplier added or removed a confidentiality claim on its tender (before the deadline).
    DISCLOSURE_CLAIMS_CHANGE = "disclosure.claims_change"
    # A request for the tenders as public documents was registered, one case per tender.
    DISCLOSURE_REQUEST_REGISTER = "disclosure.request_register"
    # A supplier's claim was ruled on: masked or released, with a reason.
    DISCLOSURE_CLAIM_RULE = "disclosure.claim_rule"
    # The official masked a passage of the tender on their own motion.
    DISCLOSURE_MASK_ADD = "disclosure.mask_add"
    # The official's own mask was taken off again.
    DISCLOSURE_MASK_REMOVE = "disclosure.mask_remove"
    # The supplier was asked for its view on the request, with a last day for comments.
    DISCLOSURE_CONSULTATION_SEND = "disclosure.consultation_send"
    # The supplier commented on the request.
    DISCLOSURE_CONSULTATION_COMMENT = "disclosure.consultation_comment"
    # What of one tender is released, released redacted or withheld was decided.
    DISCLOSURE_CASE_DECIDE = "disclosure.case_decide"
    # The request was decided as a whole and the requester sent a link to the documents.
    DISCLOSURE_REQUEST_DECIDE = "disclosure.request_decide"
    # A request made before the award was refused: the tenders are under absolute secrecy.
    DISCLOSURE_REQUEST_REFUSE = "disclosure.request_refuse"
    # The requester was sent a new link; the old one stopped working.
    DISCLOSURE_LINK_RENEW = "disclosure.link_renew"


# The name an action was stored under before -> its name now (none renamed yet).
RENAMED: Final[Mapping[str, DisclosureAction]] = {}
