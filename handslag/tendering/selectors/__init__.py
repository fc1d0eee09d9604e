"""Reads for the tendering pages and API, filtered to what the user may see.

Before the opening no selector returns a tender, or a number of tenders, to anyone at
the buyer (OSL 2009:400 19 kap. 3 §). Split by part (tenders, opening, negotiation); the
names of the first two are re-exported here, negotiation is read as its own module.
"""

from handslag.tendering.selectors.opening import opening_overview, opening_record
from handslag.tendering.selectors.tenders import (
    CallState,
    TeamCall,
    call_opened_expression,
    call_state,
    call_tenderer_ids,
    dashboard_for,
    sealed_audit_entries,
    sealed_message,
    sealed_tender_ids,
    team_calls_past_deadline,
    tender_list_for_supplier,
    tenders_for_team,
)

__all__ = [
    "CallState",
    "TeamCall",
    "call_opened_expression",
    "call_state",
    "call_tenderer_ids",
    "dashboard_for",
    "opening_overview",
    "opening_record",
    "sealed_audit_entries",
    "sealed_message",
    "sealed_tender_ids",
    "team_calls_past_deadline",
    "tender_list_for_supplier",
    "tenders_for_team",
]
