"""Reads of the opening: who has confirmed, and the record of a round once it is opened.

The record is what the opening service writes into the audit log and what the opening
record (öppningsprotokoll) prints, so it is built in one place.
"""

from typing import Any

from handslag.accounts.models import User
from handslag.accounts.roles import ProjectRole
from handslag.market.models import Call
from handslag.tendering.models import NegotiationRound, OpeningConfirmation, Tender
from handslag.tendering.opening import round_opened_at
from handslag.tendering.permissions import can_confirm_opening
from handslag.tendering.selectors.tenders import call_state, sealed_message


def opening_overview(*, user: User, call: Call) -> dict[str, Any]:
    """The opening page: who has confirmed; the record (with the tenders) only once opened."""
    state = call_state(call=call)
    confirmations = list(
        OpeningConfirmation.objects.filter(call=call, round=1)
        .select_related("official")
        .order_by("created_at")
    )
    officials = list(
        User.objects.filter(
            project_memberships__project_id=call.project_id,
            project_memberships__role=ProjectRole.OPENING_OFFICIAL,
        ).order_by("first_name", "last_name", "username")
    )
    confirmed_ids = {c.official_id for c in confirmations}
    return {
        "state": state,
        "officials": officials,
        "confirmations": confirmations,
        "user_is_official": can_confirm_opening(user=user, call=call),
        "user_confirmed": user.pk in confirmed_ids,
        "can_confirm": (
            can_confirm_opening(user=user, call=call)
            and state.deadline_passed
            and state.opened_at is None
            and user.pk not in confirmed_ids
        ),
        "record": opening_record(call=call) if state.opened_at else None,
        "record_tenders": list(
            Tender.objects.filter(call=call, round=1)
            .select_related("supplier")
            .order_by("submitted_at")
        )
        if state.opened_at
        else [],
        "sealed_message": sealed_message(),
        "negotiation_rounds": list(NegotiationRound.objects.filter(call=call).order_by("number")),
    }


def opening_record(*, call: Call, round_number: int = 1) -> dict[str, Any]:
    """What a round's opening record lists: every tender of the round and who confirmed, when.

    Round 1 is the original call. Call only after that round's opening (the opening
    service and post-opening selectors do): later rounds stay out of earlier records.
    """
    opened_at = round_opened_at(call, round_number)
    tenders = (
        Tender.objects.filter(call=call, round=round_number)
        .select_related("supplier")
        .prefetch_related("files")
        .order_by("round", "submitted_at", "pk")
    )
    confirmations = OpeningConfirmation.objects.filter(
        call=call, round=round_number
    ).select_related("official")
    return {
        "call_id": call.pk,
        "reference": call.reference,
        "round": round_number,
        "opened_at": opened_at.isoformat() if opened_at else None,
        "tenders": [
            {
                "supplier": t.supplier.name,
                "supplier_id": t.supplier_id,
                "submitted_at": t.submitted_at.isoformat(),
                "sha256": t.content_sha256,
                "receipt": t.receipt,
                "status": t.status,
                "round": t.round,
                # Sizes and hashes only: file names stay out of the permanent log.
                "files": [{"sha256": f.sha256, "size": f.size} for f in t.files.all()],
            }
            for t in tenders
        ],
        "confirmations": [
            {
                "official": str(c.official),
                "official_id": c.official_id,
                "at": c.created_at.isoformat(),
            }
            for c in confirmations.order_by("created_at", "pk")
        ],
    }
