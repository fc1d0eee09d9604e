"""Disclosure API (/api/v1/disclosure/): the same services, selectors and permissions as the pages.

A file released redacted needs an uploaded copy, which only the page takes; through the
API files are released whole or refused.
"""

from uuid import UUID

from django.http import HttpRequest
from ninja import Router

from handslag.core.permissions import not_found
from handslag.core.render import document_response
from handslag.disclosure import selectors, services
from handslag.disclosure.documents import decision_document, redacted_document
from handslag.disclosure.models import DocumentRequest, RedactionCase, RequestStatus
from handslag.disclosure.permissions import (
    access_call_for_requests,
    access_case,
    access_consultation,
    access_request,
    access_tender_for_claims,
    under_absolute_secrecy,
)
from handslag.disclosure.schemas import (
    CaseOut,
    ClaimIn,
    ClaimOut,
    CommentIn,
    CommentOut,
    ConsultationIn,
    DecisionIn,
    MaskIn,
    RequestIn,
    RequestOut,
    RulingIn,
)
from handslag.tendering.models import Tender, TenderFile

router = Router(tags=["disclosure"])


def _file_ids(tender: Tender) -> dict[str, UUID]:
    """The public id of each of the tender's files, by the file id its claims name."""
    return dict(tender.files.values_list("file_id", "public_id"))


def _claim(claim: dict, files: dict[str, UUID]) -> dict:
    return {
        "id": claim["id"],
        "kind": claim.get("kind", "passage"),
        "passage": claim.get("passage"),
        "file_id": files.get(claim.get("file_id")),
        "reason": claim["reason"],
    }


def _request(item: DocumentRequest) -> dict:
    return {
        "id": item.pk,
        "call_id": item.call_id,
        "requester_name": item.requester_name,
        "requester_email": item.requester_email,
        "subject": item.subject,
        "received_on": item.received_on,
        "status": item.status,
        "decided_at": item.decided_at,
        "decision_text": item.decision_text,
        "before_award": item.before_award,
        "cases": [
            {
                "id": c.public_id,
                "tender_id": c.tender.public_id,
                "supplier": c.tender.supplier.name,
                "status": c.status,
                "text_outcome": c.text_outcome,
            }
            for c in item.cases.select_related("tender__supplier")
        ],
    }


def _case(case: RedactionCase) -> dict:
    view = selectors.case_view(case=case)
    files = _file_ids(case.tender)
    return {
        "id": case.public_id,
        "request_id": case.request_id,
        "tender_id": case.tender.public_id,
        "supplier": case.tender.supplier.name,
        "status": case.status,
        "consultation_deadline": case.consultation_deadline,
        "supplier_comment": case.supplier_comment,
        "text_outcome": case.text_outcome,
        "reason": case.reason,
        "claims": [
            {**_claim(row.claim, files), "mask": row.mask, "ruling_reason": row.reason}
            for row in view.claims
        ],
        "masks": view.masks,
        "files": [
            {
                "id": f["record"].public_id,
                "name": f["name"],
                "outcome": f["decision"].outcome if f["decision"] else None,
                "reason": f["decision"].reason if f["decision"] else "",
            }
            for f in view.files
        ],
        "redacted_text": view.redacted,
    }


# --- the supplier ----------------------------------------------------------------------


@router.get(
    "/tenders/{uuid:tender_id}/claims", response=list[ClaimOut], summary="Claims on a tender"
)
def claim_list(request: HttpRequest, tender_id: UUID):
    tender = access_tender_for_claims(user=request.user, public_id=tender_id)
    files = _file_ids(tender)
    return [_claim(c, files) for c in services.claim_list(tender=tender)]


def _own_file(tender: Tender, file_id: UUID | None) -> TenderFile | None:
    if file_id is None:
        return None
    record = TenderFile.objects.filter(public_id=file_id, tender=tender).first()
    if record is None:
        raise not_found()
    return record


@router.post(
    "/tenders/{uuid:tender_id}/claims",
    response={201: ClaimOut},
    summary="Mark a passage or a file of your tender as confidential",
)
def claim_add(request: HttpRequest, tender_id: UUID, payload: ClaimIn):
    tender = access_tender_for_claims(user=request.user, public_id=tender_id)
    claim = services.claim_add(
        actor=request.user,
        tender=tender,
        reason=payload.reason,
        passage=payload.passage,
        tender_file=_own_file(tender, payload.file_id),
    )
    return 201, _claim(claim, _file_ids(tender))


@router.delete(
    "/tenders/{uuid:tender_id}/claims/{claim_id}", response={204: None}, summary="Remove a claim"
)
def claim_remove(request: HttpRequest, tender_id: UUID, claim_id: str):
    tender = access_tender_for_claims(user=request.user, public_id=tender_id)
    services.claim_remove(actor=request.user, tender=tender, claim_id=claim_id)
    return 204, None


@router.post(
    "/consultations/{uuid:case_id}/comment", response=CommentOut, summary="Comment on a request"
)
def consultation_comment(request: HttpRequest, case_id: UUID, payload: CommentIn):
    case = access_consultation(user=request.user, public_id=case_id)
    case = services.consultation_comment(actor=request.user, case=case, comment=payload.comment)
    return {"id": case.public_id, "supplier_comment": case.supplier_comment}


# --- the buyer's team ------------------------------------------------------------------


@router.get("/calls/{call_id}/requests", response=list[RequestOut], summary="Document requests")
def request_list(request: HttpRequest, call_id: int):
    call = access_call_for_requests(user=request.user, call_id=call_id)
    return [_request(r) for r in selectors.request_list_for_call(call=call)]


@router.post(
    "/calls/{call_id}/requests", response={201: RequestOut}, summary="Register a document request"
)
def request_register(request: HttpRequest, call_id: int, payload: RequestIn):
    call = access_call_for_requests(user=request.user, call_id=call_id)
    tenders = None
    if payload.tender_ids is not None and not under_absolute_secrecy(call):
        choices = selectors.tender_choices(user=request.user, call=call)
        tenders = list(choices.filter(public_id__in=payload.tender_ids))
        if len(tenders) != len(set(payload.tender_ids)):
            raise not_found()
    created = services.request_register(
        actor=request.user,
        call=call,
        requester_name=payload.requester_name,
        requester_email=payload.requester_email,
        subject=payload.subject,
        received_on=payload.received_on,
        tenders=tenders,
    )
    return 201, _request(created)


@router.get("/requests/{request_id}", response=RequestOut, summary="One document request")
def request_get(request: HttpRequest, request_id: int):
    return _request(access_request(user=request.user, request_id=request_id))


@router.post(
    "/requests/{request_id}/decision",
    response=RequestOut,
    summary="Decide the request and send the requester its link (or, before the award, refuse it)",
)
def request_decide(request: HttpRequest, request_id: int):
    item = access_request(user=request.user, request_id=request_id)
    decided, _raw = services.request_decide(actor=request.user, request=item)
    return _request(decided)


@router.get(
    "/requests/{request_id}/decision.pdf", summary="The decision document of a decided request"
)
def decision_pdf(request: HttpRequest, request_id: int):
    item = access_request(user=request.user, request_id=request_id)
    if item.status != RequestStatus.DECIDED:
        raise not_found()
    return document_response(decision_document(request=item), "pdf")


@router.post(
    "/requests/{request_id}/new-link",
    response=RequestOut,
    summary="Send the requester a new link; the old one stops working",
)
def request_link_renew(request: HttpRequest, request_id: int):
    item = access_request(user=request.user, request_id=request_id)
    renewed, _raw = services.request_link_renew(actor=request.user, request=item)
    return _request(renewed)


@router.get("/cases/{uuid:case_id}", response=CaseOut, summary="A tender's secrecy review")
def case_get(request: HttpRequest, case_id: UUID):
    return _case(access_case(user=request.user, public_id=case_id))


@router.post(
    "/cases/{uuid:case_id}/rulings", response=CaseOut, summary="Rule on a supplier's claim"
)
def claim_rule(request: HttpRequest, case_id: UUID, payload: RulingIn):
    case = access_case(user=request.user, public_id=case_id)
    services.claim_rule(
        actor=request.user,
        case=case,
        claim_id=payload.claim_id,
        mask=payload.mask,
        reason=payload.reason,
    )
    return _case(case)


@router.post("/cases/{uuid:case_id}/masks", response={201: CaseOut}, summary="Mask a passage")
def mask_add(request: HttpRequest, case_id: UUID, payload: MaskIn):
    case = access_case(user=request.user, public_id=case_id)
    services.mask_add(actor=request.user, case=case, passage=payload.passage, reason=payload.reason)
    return 201, _case(case)


@router.delete("/cases/{uuid:case_id}/masks/{mask_id}", response=CaseOut, summary="Remove a mask")
def mask_remove(request: HttpRequest, case_id: UUID, mask_id: str):
    case = access_case(user=request.user, public_id=case_id)
    services.mask_remove(actor=request.user, case=case, mask_id=mask_id)
    return _case(case)


@router.post(
    "/cases/{uuid:case_id}/consultation", response=CaseOut, summary="Ask the supplier for its view"
)
def consultation_send(request: HttpRequest, case_id: UUID, payload: ConsultationIn):
    case = access_case(user=request.user, public_id=case_id)
    services.consultation_send(
        actor=request.user, case=case, message=payload.message, deadline=payload.deadline
    )
    case.refresh_from_db()
    return _case(case)


@router.post("/cases/{uuid:case_id}/decision", response=CaseOut, summary="Decide on the tender")
def case_decide(request: HttpRequest, case_id: UUID, payload: DecisionIn):
    case = access_case(user=request.user, public_id=case_id)
    # The service takes each file by its key; the API names files by public id only.
    keys = dict(case.tender.files.values_list("public_id", "pk"))
    files = {
        keys[f.file_id]: {"outcome": f.outcome, "reason": f.reason}
        for f in payload.files
        if f.file_id in keys
    }
    services.case_decide(
        actor=request.user,
        case=case,
        text_outcome=payload.text_outcome,
        reason=payload.reason,
        files=files,
    )
    case.refresh_from_db()
    return _case(case)


@router.get("/cases/{uuid:case_id}/redacted.pdf", summary="The redacted tender as PDF")
def redacted_pdf(request: HttpRequest, case_id: UUID):
    case = access_case(user=request.user, public_id=case_id)
    return document_response(redacted_document(view=selectors.case_view(case=case)), "pdf")
