"""Negotiation API (/api/v1/tendering/): rounds, round openings, the diff between rounds and
the confidential channels, with the services, selectors and permissions of the pages.

Revised tenders go through the ordinary submit endpoints: the service puts them in the
call's current round."""

from django.http import HttpRequest
from ninja import Router

from handslag.core.permissions import not_found
from handslag.market.models import Call
from handslag.tendering import services
from handslag.tendering.models import NegotiationMessage
from handslag.tendering.permissions import access_call_for_team, access_channel
from handslag.tendering.schemas import (
    MessageIn,
    MessageOut,
    RoundDiffOut,
    RoundIn,
    RoundOpeningOut,
    RoundOut,
    SupplierNegotiationOut,
)
from handslag.tendering.selectors import negotiation
from handslag.tendering.views import negotiation as negotiation_views

router = Router(tags=["tendering"])


def _round(row) -> dict:
    return {
        "number": row.number,
        "deadline": row.deadline,
        "change_text": row.change_text,
        "opened_at": row.opened_at,
    }


def _message(message: NegotiationMessage) -> dict:
    return {
        "id": message.public_id,
        "from_buyer": message.from_buyer,
        "author": str(message.author),
        "body": message.body,
        "at": message.created_at,
    }


@router.get("/calls/{call_id}/rounds", response=list[RoundOut], summary="The call's rounds")
def rounds_list(request: HttpRequest, call_id: int):
    call = access_call_for_team(user=request.user, call_id=call_id)
    return [_round(r) for r in negotiation.rounds_overview(user=request.user, call=call)["rounds"]]


@router.post(
    "/calls/{call_id}/rounds",
    response={201: RoundOut},
    summary="Start a negotiation round (project lead or procurement officer)",
)
def round_create(request: HttpRequest, call_id: int, payload: RoundIn):
    call = access_call_for_team(user=request.user, call_id=call_id)
    started = services.round_start(
        actor=request.user, call=call, deadline=payload.deadline, change_text=payload.change_text
    )
    return 201, _round(started)


def _opening(request: HttpRequest, call: Call, number: int) -> dict:
    overview = negotiation.round_opening_overview(user=request.user, call=call, number=number)
    opened_at = overview["round"].opened_at
    return {
        "call_id": call.pk,
        "round": number,
        "opened_at": opened_at,
        "confirmations": [
            {"official": str(c.official), "at": c.created_at} for c in overview["confirmations"]
        ],
        "tenders": [
            {
                "id": t.public_id,
                "supplier": t.supplier.name,
                "supplier_id": t.supplier_id,
                "status": t.status,
                "submitted_at": t.submitted_at,
                "sha256": t.content_sha256,
                "round": t.round,
            }
            for t in overview["record_tenders"]
        ]
        if opened_at
        else None,
        "sealed": opened_at is None,
    }


@router.get(
    "/calls/{call_id}/rounds/{number}/opening",
    response=RoundOpeningOut,
    summary="A round's opening and its record",
)
def round_opening_get(request: HttpRequest, call_id: int, number: int):
    call = access_call_for_team(user=request.user, call_id=call_id)
    return _opening(request, call, number)


@router.post(
    "/calls/{call_id}/rounds/{number}/opening",
    response=RoundOpeningOut,
    summary="Confirm a round's opening (officials)",
)
def round_opening_confirm(request: HttpRequest, call_id: int, number: int):
    call = access_call_for_team(user=request.user, call_id=call_id)
    negotiation.access_round(call=call, number=number)
    services.opening_confirm(actor=request.user, call=call, round_number=number)
    return _opening(request, call, number)


@router.get(
    "/calls/{call_id}/rounds/{number}/opening/record.pdf",
    summary="A round's opening record as PDF",
)
def round_record_pdf(request: HttpRequest, call_id: int, number: int):
    return negotiation_views.round_record_pdf(request, call_id, number)


@router.get(
    "/calls/{call_id}/rounds/{number}/diff",
    response=RoundDiffOut,
    summary="What changed from the previous round (once both are opened)",
)
def round_diff(request: HttpRequest, call_id: int, number: int):
    call = access_call_for_team(user=request.user, call_id=call_id)
    diff = negotiation.round_diff(user=request.user, call=call, number=number)
    return {
        "round": number,
        "previous_round": diff["previous_number"],
        "change_text": diff["round"].change_text,
        "tenderers": [
            {
                "supplier_id": row.supplier.pk,
                "supplier": row.supplier.name,
                "old_tender_id": row.old.public_id if row.old else None,
                "new_tender_id": row.new.public_id if row.new else None,
                "old_price": row.old_price,
                "new_price": row.new_price,
                "price_change": row.price_change,
                "lines": [{"kind": line.kind, "text": line.text} for line in row.lines],
                "files": [
                    {
                        "name": f.name,
                        "kind": f.kind,
                        "old_sha256": f.old_sha256,
                        "new_sha256": f.new_sha256,
                    }
                    for f in row.files
                ],
            }
            for row in diff["rows"]
        ],
    }


@router.get(
    "/calls/{call_id}/channels/{supplier_id}/messages",
    response=list[MessageOut],
    summary="A tenderer's confidential channel (internal team and that tenderer)",
)
def channel_messages(request: HttpRequest, call_id: int, supplier_id: int):
    call, supplier = access_channel(user=request.user, call_id=call_id, supplier_id=supplier_id)
    return [_message(m) for m in negotiation.channel_messages(call=call, supplier=supplier)]


@router.post(
    "/calls/{call_id}/channels/{supplier_id}/messages",
    response={201: MessageOut},
    summary="Write in a tenderer's confidential channel",
)
def channel_post(request: HttpRequest, call_id: int, supplier_id: int, payload: MessageIn):
    call, supplier = access_channel(user=request.user, call_id=call_id, supplier_id=supplier_id)
    message = services.channel_post(
        actor=request.user, call=call, supplier=supplier, body=payload.body
    )
    return 201, _message(message)


@router.get(
    "/calls/{call_id}/negotiation",
    response=SupplierNegotiationOut,
    summary="Your negotiation rounds in a call (tenderers)",
)
def negotiation_supplier(request: HttpRequest, call_id: int):
    call = Call.objects.filter(pk=call_id).first()
    if call is None:
        raise not_found()
    view = negotiation.negotiation_for_supplier(user=request.user, call=call)
    current = view["current"]
    return {
        "call_id": call.pk,
        "rounds": [_round(r) for r in view["rounds"]],
        "current_round": current.number if current and current in view["rounds"] else None,
        "can_submit": view["can_submit"],
    }
