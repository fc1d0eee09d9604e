"""Reads of the opening: who has confirmed, and the record of a round once it is opened.

The record is what the opening service writes into the audit log and what the opening
record (öppningsprotokoll) prints, so it is built in one place.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from handslag.accounts.models import User
from handslag.accounts.roles import ProjectRole
from handslag.market.models import Call
from handslag.tendering.models import NegotiationRound, OpeningConfirmation, Tender
from handslag.tendering.opening import opening_window_minutes, round_opened_at
from handslag.tendering.permissions import can_confirm_opening, can_set_opening_window
from handslag.tendering.selectors.tenders import call_state, sealed_message


@dataclass(frozen=True)
class Sitting:
    """Where a round's opening stands in its window: the confirmations that still count,
    when the first of them lapses, and the last one that lapsed."""

    window_minutes: int
    confirmations: list[OpeningConfirmation] = field(default_factory=list)
    expires_at: dt.datetime | None = None
    lapsed: OpeningConfirmation | None = None
    lapsed_at: dt.datetime | None = None


def opening_sitting(*, call: Call, round_number: int = 1, now: Any = None) -> Sitting:
    """The round's confirmations within the window at `now`.

    One past the window counts as lapsed here even before the next confirmation marks it
    expired (services.opening_confirm does, with its audit entry), so the page never shows
    a confirmation that can no longer open the tenders.
    """
    now = now or timezone.now()
    minutes = opening_window_minutes(call)
    window = dt.timedelta(minutes=minutes)
    rows = list(
        OpeningConfirmation.objects.filter(call=call, round=round_number)
        .select_related("official")
        .order_by("created_at", "pk")
    )
    if round_opened_at(call, round_number) is not None:
        return Sitting(minutes, [c for c in rows if c.expired_at is None])
    active, lapsed, lapsed_at = [], None, None
    for row in rows:
        ends = row.expired_at or row.created_at + window
        if row.expired_at is None and now < ends:
            active.append(row)
        elif lapsed_at is None or ends >= lapsed_at:
            lapsed, lapsed_at = row, ends
    expires_at = active[0].created_at + window if active else None
    return Sitting(minutes, active, expires_at, lapsed, lapsed_at)


def opening_overview(*, user: User, call: Call) -> dict[str, Any]:
    """The opening page: who has confirmed; the record (with the tenders) only once opened."""
    state = call_state(call=call)
    sitting = opening_sitting(call=call, round_number=1)
    confirmations = sitting.confirmations
    officials = list(
        User.objects.filter(
            project_memberships__project_id=call.project_id,
            project_memberships__role=ProjectRole.OPENING_OFFICIAL,
        ).order_by("first_name", "last_name", "username")
    )
    confirmed_ids = {c.official_id for c in confirmations}
    return {
        "state": state,
        "sitting": sitting,
        "can_set_window": can_set_opening_window(user=user, call=call)
        and not state.deadline_passed,
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
    # The confirmations that opened the round; any that lapsed before are in the log.
    confirmations = OpeningConfirmation.objects.filter(
        call=call, round=round_number, expired_at__isnull=True
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
