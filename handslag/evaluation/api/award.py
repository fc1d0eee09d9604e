"""The award decision and the contract date (/api/v1/tendering/calls/{id}/award)."""

from django.http import HttpRequest
from ninja import Router

from handslag.core.permissions import forbidden, not_found
from handslag.evaluation import services
from handslag.evaluation.models import Award
from handslag.evaluation.schemas import AwardIn, AwardOut, ContractIn
from handslag.tendering import selectors
from handslag.tendering.opening import is_opened
from handslag.tendering.permissions import access_call_for_team, visible_tenders

router = Router(tags=["tendering"])


def _award(award: Award) -> dict:
    return {
        "id": award.pk,
        "call_id": award.call_id,
        "tender_id": award.tender.public_id,
        "supplier": award.tender.supplier.name,
        "decided_at": award.decided_at,
        "justification": award.justification,
        "notice_sent_on": award.notice_sent_on,
        "sent_electronically": award.sent_electronically,
        "standstill_end": award.standstill_end,
        "contract_signed_on": award.contract_signed_on,
    }


@router.get("/calls/{call_id}/award", response=AwardOut, summary="The award decision")
def award_get(request: HttpRequest, call_id: int):
    call = access_call_for_team(user=request.user, call_id=call_id)
    award = selectors.call_state(call=call).award
    if award is None:
        raise not_found()
    return _award(award)


@router.post(
    "/calls/{call_id}/award", response={201: AwardOut}, summary="Make the award decision (lead)"
)
def award_post(request: HttpRequest, call_id: int, payload: AwardIn):
    call = access_call_for_team(user=request.user, call_id=call_id)
    if not is_opened(call):
        # Checked before looking the tender up, so no answer tells that a tender id exists.
        raise forbidden(selectors.sealed_message())
    tender = (
        visible_tenders(user=request.user)
        .select_related("supplier")
        .filter(public_id=payload.tender_id, call=call)
        .first()
    )
    if tender is None:
        raise not_found()
    award = services.award_decide(
        actor=request.user,
        call=call,
        tender=tender,
        justification=payload.justification,
        notice_sent_on=payload.notice_sent_on,
        sent_electronically=payload.sent_electronically,
    )
    return 201, _award(award)


@router.post(
    "/calls/{call_id}/award/contract",
    response=AwardOut,
    summary="Record the contract date (refused inside the standstill)",
)
def contract_post(request: HttpRequest, call_id: int, payload: ContractIn):
    call = access_call_for_team(user=request.user, call_id=call_id)
    award = Award.objects.filter(call=call).select_related("tender__supplier").first()
    if award is None:
        raise not_found()
    return _award(
        services.award_record_contract(actor=request.user, award=award, signed_on=payload.signed_on)
    )
