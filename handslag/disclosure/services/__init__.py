"""Writes: confidentiality claims, document requests, redaction and decisions.

Every service takes the acting person, checks its rule, changes state in one transaction
and writes its own audit entry; the public names are re-exported here.
"""

from handslag.disclosure.services.claims import claim_add, claim_list, claim_remove
from handslag.disclosure.services.decision import (
    appeal_notice,
    case_decide,
    decision_text,
    refusal_text,
    request_decide,
    request_link_renew,
)
from handslag.disclosure.services.requests import (
    claim_rule,
    consultation_comment,
    consultation_send,
    mask_add,
    mask_remove,
    request_register,
)

__all__ = [
    "appeal_notice",
    "case_decide",
    "claim_add",
    "claim_list",
    "claim_remove",
    "claim_rule",
    "consultation_comment",
    "consultation_send",
    "decision_text",
    "mask_add",
    "mask_remove",
    "refusal_text",
    "request_decide",
    "request_link_renew",
    "request_register",
]
