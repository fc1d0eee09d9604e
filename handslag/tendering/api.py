"""Tendering API (/api/v1/tendering/): the same services, selectors and permissions as the pages."""

from decimal import Decimal
from uuid import UUID

from django.http import HttpRequest
from ninja import File, Form, Router
from ninja.files import UploadedFile

from handslag.accounts.models import Organisation
from handslag.core.permissions import forbidden, not_found
from handslag.tendering import evaluation, selectors, services, views
from handslag.tendering.api_negotiation import router as negotiation_router
from handslag.tendering.gateway import access_tender_content, access_tender_files
from handslag.tendering.models import Award, Criterion, Tender
from handslag.tendering.opening import is_opened
from handslag.tendering.permissions import (
    access_call_for_supplier,
    access_call_for_team,
    access_supplier_tender,
    access_tender,
    is_tender_supplier,
    visible_tenders,
)
from handslag.tendering.schemas import (
    AwardIn,
    AwardOut,
    ConsensusIn,
    ContractIn,
    CriteriaIn,
    CriterionOut,
    DeclarationIn,
    DeclarationOut,
    OpeningOut,
    RankingRowOut,
    ReceiptOut,
    ScoreOut,
    ScoresIn,
    TenderContentOut,
    TenderFileOut,
    TenderIn,
    TenderRow,
)

router = Router(tags=["tendering"])
router.add_router("", negotiation_router)


def _receipt(tender: Tender) -> dict:
    return {
        "id": tender.public_id,
        "call_id": tender.call_id,
        "call_reference": tender.call.reference,
        "supplier": tender.supplier.name,
        "status": tender.status,
        "round": tender.round,
        "submitted_at": tender.submitted_at,
        "receipt": tender.receipt,
        "sha256": tender.content_sha256,
        "files": [
            {"position": f.position, "size": f.size, "sha256": f.sha256} for f in tender.files.all()
        ],
    }


def _row(tender: Tender) -> dict:
    return {
        "id": tender.public_id,
        "supplier": tender.supplier.name,
        "supplier_id": tender.supplier_id,
        "status": tender.status,
        "submitted_at": tender.submitted_at,
        "sha256": tender.content_sha256,
        "round": tender.round,
    }


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


def _team_tender(request: HttpRequest, tender_id: UUID) -> Tender:
    tender = access_tender(user=request.user, public_id=tender_id)
    if is_tender_supplier(user=request.user, tender=tender):
        raise not_found()
    return tender


def _criteria_by_id(call_id: int, ids: list[int]) -> dict[int, Criterion]:
    found = {c.pk: c for c in Criterion.objects.filter(call_id=call_id, pk__in=ids)}
    if len(found) != len(set(ids)):
        raise not_found()
    return found


# --- supplier -------------------------------------------------------------------------


@router.post(
    "/calls/{call_id}/tenders",
    response={201: ReceiptOut},
    summary="Submit a tender (replaces your previous one)",
)
def tender_submit(request: HttpRequest, call_id: int, payload: TenderIn):  # noqa: ANN201
    call = access_call_for_supplier(user=request.user, call_id=call_id)
    supplier = None
    if payload.supplier_id is not None:
        supplier = Organisation.objects.filter(pk=payload.supplier_id).first()
        if supplier is None:
            raise not_found()
    tender = services.tender_submit(
        actor=request.user,
        call=call,
        content=payload.content,
        price=payload.price,
        supplier=supplier,
        round_number=payload.round,
    )
    return 201, _receipt(tender)


@router.post(
    "/calls/{call_id}/tenders/with-files",
    response={201: ReceiptOut},
    summary="Submit a tender with files (multipart; replaces your previous one)",
)
def tender_submit_with_files(  # noqa: ANN201
    request: HttpRequest,
    call_id: int,
    content: Form[str],
    price: Form[Decimal],
    files: File[list[UploadedFile]],
    supplier_id: Form[int | None] = None,
):
    call = access_call_for_supplier(user=request.user, call_id=call_id)
    supplier = None
    if supplier_id is not None:
        supplier = Organisation.objects.filter(pk=supplier_id).first()
        if supplier is None:
            raise not_found()
    tender = services.tender_submit(
        actor=request.user,
        call=call,
        content=content,
        price=price,
        supplier=supplier,
        files=files,
    )
    return 201, _receipt(tender)


@router.get("/tenders/mine", response=list[ReceiptOut], summary="Your organisation's receipts")
def my_receipts(request: HttpRequest):  # noqa: ANN201
    return [_receipt(t) for t in selectors.tender_list_for_supplier(user=request.user)[:500]]


@router.get("/tenders/{uuid:tender_id}/receipt", response=ReceiptOut, summary="One receipt")
def receipt(request: HttpRequest, tender_id: UUID):  # noqa: ANN201
    return _receipt(access_supplier_tender(user=request.user, public_id=tender_id))


@router.post(
    "/tenders/{uuid:tender_id}/withdraw",
    response=ReceiptOut,
    summary="Withdraw before the deadline",
)
def tender_withdraw(request: HttpRequest, tender_id: UUID):  # noqa: ANN201
    tender = access_supplier_tender(user=request.user, public_id=tender_id)
    return _receipt(services.tender_withdraw(actor=request.user, tender=tender))


# --- opening --------------------------------------------------------------------------


def _opening(request: HttpRequest, call_id: int) -> dict:
    call = access_call_for_team(user=request.user, call_id=call_id)
    overview = selectors.opening_overview(user=request.user, call=call)
    opened_at = overview["state"].opened_at
    return {
        "call_id": call.pk,
        "opened_at": opened_at,
        "confirmations": [
            {"official": str(c.official), "at": c.created_at} for c in overview["confirmations"]
        ],
        "tenders": [_row(t) for t in overview["record_tenders"]] if opened_at else None,
        "sealed": opened_at is None,
    }


@router.get("/calls/{call_id}/opening", response=OpeningOut, summary="The opening and its record")
def opening_get(request: HttpRequest, call_id: int):  # noqa: ANN201
    return _opening(request, call_id)


@router.post(
    "/calls/{call_id}/opening", response=OpeningOut, summary="Confirm the opening (officials)"
)
def opening_confirm(request: HttpRequest, call_id: int):  # noqa: ANN201
    call = access_call_for_team(user=request.user, call_id=call_id)
    services.opening_confirm(actor=request.user, call=call)
    return _opening(request, call_id)


@router.get(
    "/calls/{call_id}/tenders",
    response=list[TenderRow],
    summary="The call's tenders (the team, after the opening)",
)
def tenders_list(request: HttpRequest, call_id: int):  # noqa: ANN201
    call = access_call_for_team(user=request.user, call_id=call_id)
    return [_row(t) for t in selectors.tenders_for_team(user=request.user, call=call)]


@router.get(
    "/tenders/{uuid:tender_id}/content",
    response=TenderContentOut,
    summary="A tender's content (after the opening)",
)
def tender_content(request: HttpRequest, tender_id: UUID):  # noqa: ANN201
    tender = access_tender(user=request.user, public_id=tender_id)
    content = access_tender_content(user=request.user, tender=tender)
    return {"id": tender.public_id, "content": content.content, "price": content.price}


# --- criteria and evaluation ----------------------------------------------------------


@router.get("/calls/{call_id}/criteria", response=list[CriterionOut], summary="Award criteria")
def criteria_get(request: HttpRequest, call_id: int):  # noqa: ANN201
    call = access_call_for_team(user=request.user, call_id=call_id)
    return selectors.criteria_for(user=request.user, call=call)


@router.put(
    "/calls/{call_id}/criteria",
    response=list[CriterionOut],
    summary="Replace the award criteria (weights sum to 100)",
)
def criteria_put(request: HttpRequest, call_id: int, payload: CriteriaIn):  # noqa: ANN201
    call = access_call_for_team(user=request.user, call_id=call_id)
    services.criteria_set(
        actor=request.user, call=call, criteria=[c.dict() for c in payload.criteria]
    )
    return evaluation.criteria_of(call=call)


@router.post(
    "/tenders/{uuid:tender_id}/scores",
    response=list[ScoreOut],
    summary="Your scores (evaluators)",
)
def scores_post(request: HttpRequest, tender_id: UUID, payload: ScoresIn):  # noqa: ANN201
    tender = _team_tender(request, tender_id)
    criteria = _criteria_by_id(tender.call_id, [s.criterion_id for s in payload.scores])
    saved = services.scores_record(
        actor=request.user,
        tender=tender,
        scores=[(criteria[s.criterion_id], s.score, s.justification) for s in payload.scores],
    )
    return [
        {
            "criterion_id": s.criterion_id,
            "score": s.score,
            "justification": s.justification,
            "is_consensus": False,
        }
        for s in saved
    ]


@router.post(
    "/tenders/{uuid:tender_id}/consensus",
    response=list[ScoreOut],
    summary="Consensus scores (project lead or procurement officer)",
)
def consensus_post(request: HttpRequest, tender_id: UUID, payload: ConsensusIn):  # noqa: ANN201
    tender = _team_tender(request, tender_id)
    criteria = _criteria_by_id(tender.call_id, [s.criterion_id for s in payload.scores])
    saved = services.consensus_record_many(
        actor=request.user,
        tender=tender,
        scores=[
            (criteria[s.criterion_id], s.score, s.justification, s.external_justification)
            for s in payload.scores
        ],
    )
    return [
        {
            "criterion_id": s.criterion_id,
            "score": s.score,
            "justification": s.justification,
            "is_consensus": True,
        }
        for s in saved
    ]


@router.get(
    "/calls/{call_id}/ranking", response=list[RankingRowOut], summary="Ranking by weighted points"
)
def ranking(request: HttpRequest, call_id: int):  # noqa: ANN201
    call = access_call_for_team(user=request.user, call_id=call_id)
    return [
        {
            "rank": r.rank,
            "tender_id": r.tender.public_id,
            "supplier": r.tender.supplier.name,
            "points": r.points,
            "complete": r.complete,
            "scores": {str(k): v for k, v in r.scores.items()},
        }
        for r in selectors.ranking_for(user=request.user, call=call)
    ]


# --- award ----------------------------------------------------------------------------


@router.get("/calls/{call_id}/award", response=AwardOut, summary="The award decision")
def award_get(request: HttpRequest, call_id: int):  # noqa: ANN201
    call = access_call_for_team(user=request.user, call_id=call_id)
    award = selectors.call_state(call=call).award
    if award is None:
        raise not_found()
    return _award(award)


@router.post(
    "/calls/{call_id}/award", response={201: AwardOut}, summary="Make the award decision (lead)"
)
def award_post(request: HttpRequest, call_id: int, payload: AwardIn):  # noqa: ANN201
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
def contract_post(request: HttpRequest, call_id: int, payload: ContractIn):  # noqa: ANN201
    call = access_call_for_team(user=request.user, call_id=call_id)
    award = Award.objects.filter(call=call).select_related("tender__supplier").first()
    if award is None:
        raise not_found()
    return _award(
        services.award_record_contract(actor=request.user, award=award, signed_on=payload.signed_on)
    )


# --- files, declarations, opening record ------------------------------------------------


@router.get(
    "/tenders/{uuid:tender_id}/files",
    response=list[TenderFileOut],
    summary="A tender's files with their names (the team, after the opening)",
)
def tender_files(request: HttpRequest, tender_id: UUID):  # noqa: ANN201
    tender = _team_tender(request, tender_id)
    return [
        {
            "id": f.record.public_id,
            "name": f.name,
            "size": f.record.size,
            "sha256": f.record.sha256,
        }
        for f in access_tender_files(user=request.user, tender=tender)
    ]


@router.get("/files/{uuid:file_id}", summary="Download a tender's file (decrypted as it streams)")
def tender_file_download(request: HttpRequest, file_id: UUID):  # noqa: ANN201
    return views.tender_file_download(request, file_id)


@router.post(
    "/calls/{call_id}/declaration",
    response={201: DeclarationOut},
    summary="Declare whether you have a conflict of interest (before reading or scoring)",
)
def declaration_create(request: HttpRequest, call_id: int, payload: DeclarationIn):  # noqa: ANN201
    call = access_call_for_team(user=request.user, call_id=call_id)
    declaration = services.conflict_declare(
        actor=request.user,
        call=call,
        has_conflict=payload.has_conflict,
        statement=payload.statement,
    )
    return 201, {
        "call_id": call.pk,
        "has_conflict": declaration.has_conflict,
        "declared_at": declaration.declared_at,
    }


@router.get("/calls/{call_id}/opening/record.pdf", summary="The opening record as PDF")
def opening_record_pdf(request: HttpRequest, call_id: int):  # noqa: ANN201
    return views.opening_record_pdf(request, call_id)


# The evaluation models live in their own module; their paths sit under this router.
from handslag.tendering.api_evaluation import router as _evaluation_router  # noqa: E402

router.add_router("", _evaluation_router)
