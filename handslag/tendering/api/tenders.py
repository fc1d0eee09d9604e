"""Tenders, the opening and files (/api/v1/tendering/): the same services, selectors and
permissions as the pages."""

from decimal import Decimal
from uuid import UUID

from django.http import HttpRequest
from ninja import File, Form, Router
from ninja.files import UploadedFile

from handslag.accounts.models import Organisation
from handslag.core.permissions import not_found
from handslag.tendering import selectors, services
from handslag.tendering.gateway import (
    access_own_file_names,
    access_tender_content,
    access_tender_files,
)
from handslag.tendering.models import Tender
from handslag.tendering.permissions import (
    access_call_for_supplier,
    access_call_for_team,
    access_supplier_tender,
    access_tender,
    is_tender_supplier,
)
from handslag.tendering.schemas import (
    OpeningOut,
    OpeningWindowIn,
    ReceiptOut,
    TenderContentOut,
    TenderFileOut,
    TenderIn,
    TenderRow,
)
from handslag.tendering.views import opening as opening_views
from handslag.tendering.views import tenders as tender_views

router = Router(tags=["tendering"])


def _receipt(request: HttpRequest, tender: Tender) -> dict:
    """A receipt, for the tender's own supplier (every caller fetched it as such)."""
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
            {
                "position": f.record.position,
                "name": f.name,
                "size": f.record.size,
                "sha256": f.record.sha256,
            }
            for f in access_own_file_names(user=request.user, tender=tender)
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


def _team_tender(request: HttpRequest, tender_id: UUID) -> Tender:
    tender = access_tender(user=request.user, public_id=tender_id)
    if is_tender_supplier(user=request.user, tender=tender):
        raise not_found()
    return tender


# --- supplier -------------------------------------------------------------------------


@router.post(
    "/calls/{call_id}/tenders",
    response={201: ReceiptOut},
    summary="Submit a tender (replaces your previous one)",
)
def tender_submit(request: HttpRequest, call_id: int, payload: TenderIn):
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
    return 201, _receipt(request, tender)


@router.post(
    "/calls/{call_id}/tenders/with-files",
    response={201: ReceiptOut},
    summary="Submit a tender with files (multipart; replaces your previous one)",
)
def tender_submit_with_files(
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
    return 201, _receipt(request, tender)


@router.get("/tenders/mine", response=list[ReceiptOut], summary="Your organisation's receipts")
def my_receipts(request: HttpRequest):
    return [
        _receipt(request, t) for t in selectors.tender_list_for_supplier(user=request.user)[:500]
    ]


@router.get("/tenders/{uuid:tender_id}/receipt", response=ReceiptOut, summary="One receipt")
def receipt(request: HttpRequest, tender_id: UUID):
    return _receipt(request, access_supplier_tender(user=request.user, public_id=tender_id))


@router.get(
    "/tenders/{uuid:tender_id}/receipt.pdf",
    summary="One receipt as a printable PDF (the tender's own supplier only)",
)
def receipt_pdf(request: HttpRequest, tender_id: UUID):
    return tender_views.tender_receipt_pdf(request, tender_id)


@router.post(
    "/tenders/{uuid:tender_id}/withdraw",
    response=ReceiptOut,
    summary="Withdraw before the deadline",
)
def tender_withdraw(request: HttpRequest, tender_id: UUID):
    tender = access_supplier_tender(user=request.user, public_id=tender_id)
    return _receipt(request, services.tender_withdraw(actor=request.user, tender=tender))


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
        "window_minutes": overview["sitting"].window_minutes,
        "expires_at": overview["sitting"].expires_at if opened_at is None else None,
        "tenders": [_row(t) for t in overview["record_tenders"]] if opened_at else None,
        "sealed": opened_at is None,
    }


@router.get("/calls/{call_id}/opening", response=OpeningOut, summary="The opening and its record")
def opening_get(request: HttpRequest, call_id: int):
    return _opening(request, call_id)


@router.post(
    "/calls/{call_id}/opening", response=OpeningOut, summary="Confirm the opening (officials)"
)
def opening_confirm(request: HttpRequest, call_id: int):
    call = access_call_for_team(user=request.user, call_id=call_id)
    services.opening_confirm(actor=request.user, call=call)
    return _opening(request, call_id)


@router.post(
    "/calls/{call_id}/opening/window",
    response=OpeningOut,
    summary="Set the minutes allowed between the two confirmations (managers, before the deadline)",
)
def opening_window_set(request: HttpRequest, call_id: int, payload: OpeningWindowIn):
    call = access_call_for_team(user=request.user, call_id=call_id)
    services.opening_window_set(actor=request.user, call=call, minutes=payload.window_minutes)
    return _opening(request, call_id)


@router.get(
    "/calls/{call_id}/tenders",
    response=list[TenderRow],
    summary="The call's tenders (the team, after the opening)",
)
def tenders_list(request: HttpRequest, call_id: int):
    call = access_call_for_team(user=request.user, call_id=call_id)
    return [_row(t) for t in selectors.tenders_for_team(user=request.user, call=call)]


@router.get(
    "/tenders/{uuid:tender_id}/content",
    response=TenderContentOut,
    summary="A tender's content (after the opening)",
)
def tender_content(request: HttpRequest, tender_id: UUID):
    tender = access_tender(user=request.user, public_id=tender_id)
    content = access_tender_content(user=request.user, tender=tender)
    return {"id": tender.public_id, "content": content.content, "price": content.price}


# --- files, opening record ------------------------------------------------


@router.get(
    "/tenders/{uuid:tender_id}/files",
    response=list[TenderFileOut],
    summary="A tender's files with their names (the team, after the opening)",
)
def tender_files(request: HttpRequest, tender_id: UUID):
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
def tender_file_download(request: HttpRequest, file_id: UUID):
    return tender_views.tender_file_download(request, file_id)


@router.get("/calls/{call_id}/opening/record.pdf", summary="The opening record as PDF")
def opening_record_pdf(request: HttpRequest, call_id: int):
    return opening_views.opening_record_pdf(request, call_id)
