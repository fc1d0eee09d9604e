"""Changes to calls and applications: draft, publish, cancel; apply, withdraw, qualify, invite.

Every service checks who may act and in which state, runs in one transaction and writes
its own audit entry. Deadlines are enforced by the server's clock; `now=` exists only so
tests and the historical demo data can pass a time.

The services live in call_drafting (draft, publish), call_amendments (changes to a
published call), cancellation and applications; they are re-exported here.
"""

from handslag.market.services.applications import (
    DECIDABLE,
    application_create,
    application_decide,
    application_invite,
    application_invite_qualified,
    application_withdraw,
    cancelled_message,
)
from handslag.market.services.call_amendments import call_amend
from handslag.market.services.call_drafting import (
    CALL_AMENDABLE_FIELDS,
    CALL_EDITABLE_FIELDS,
    REFERENCE_PREFIX,
    PublicationRefused,
    call_create,
    call_defaults,
    call_publish,
    call_reference_next,
    call_update,
)
from handslag.market.services.cancellation import call_cancel

__all__ = [
    "CALL_AMENDABLE_FIELDS",
    "CALL_EDITABLE_FIELDS",
    "DECIDABLE",
    "PublicationRefused",
    "REFERENCE_PREFIX",
    "application_create",
    "application_decide",
    "application_invite",
    "application_invite_qualified",
    "application_withdraw",
    "call_amend",
    "cancelled_message",
    "call_cancel",
    "call_create",
    "call_defaults",
    "call_publish",
    "call_reference_next",
    "call_update",
]
