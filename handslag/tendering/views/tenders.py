"""Pages for suppliers: submitting, receipts, withdrawing, and a tender's files. Thin:
parse, call one service or selector, render."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from handslag.core.forms import add_service_error
from handslag.core.htmx import render_page
from handslag.core.render import file_response
from handslag.tendering import registry, selectors, services
from handslag.tendering.documents import receipt_pdf
from handslag.tendering.forms import (
    TenderForm,
)
from handslag.tendering.gateway import (
    access_own_file_names,
    access_tender_file,
)
from handslag.tendering.opening import current_round
from handslag.tendering.permissions import (
    access_call_for_supplier,
    access_supplier_tender,
    channel_supplier_ids,
    tendering_organisations,
)
from handslag.tendering.selectors.negotiation import tender_changeable

PER_PAGE = 25


# --- supplier -------------------------------------------------------------------------


@require_GET
def tender_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.tender_list_for_supplier(user=request.user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render_page(request, "tendering/tender_list.html", {"page_obj": page})


@require_http_methods(["GET", "POST"])
def tender_submit(request: HttpRequest, call_id: int) -> HttpResponse:
    call = access_call_for_supplier(user=request.user, call_id=call_id)
    if call.is_cancelled:
        # No form to fill in for a procurement that is over: the notice says why.
        if request.method == "POST":
            messages.error(request, services.cancelled_message())
        return render_page(
            request,
            "tendering/tender_cancelled.html",
            {"call": call},
            status=400 if request.method == "POST" else 200,
        )
    # Closed for tenders (deadline passed, opened): a notice instead of the form.
    closed = services.tender_period_closed(call=call)
    if closed is not None:
        return _tender_closed(request, call, closed)
    organisations = tendering_organisations(user=request.user, call=call)
    form = TenderForm(request.POST or None, request.FILES or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            tender = services.tender_submit(
                actor=request.user,
                call=call,
                content=form.cleaned_data["content"],
                price=form.cleaned_data["price"],
                supplier=form.cleaned_data.get("supplier"),
                files=form.cleaned_data.get("files") or [],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your tender was received. Keep the receipt."))
            return redirect("tendering:tender_receipt", pk=tender.public_id)
    return render_page(
        request,
        "tendering/tender_submit.html",
        {
            "call": call,
            "form": form,
            "current": _current_tenders(request, call),
            "round": current_round(call),
        },
        status=400 if form.errors else 200,
    )


def _current_tenders(request: HttpRequest, call) -> list:
    negotiation = current_round(call)
    return list(
        selectors.tender_list_for_supplier(user=request.user).filter(
            call=call, status="submitted", round=negotiation.number if negotiation else 1
        )
    )


def _tender_closed(request: HttpRequest, call, reason: str) -> HttpResponse:
    """The closed notice: why no tender can be sent, and the receipts already given.

    A POST that arrives after the deadline gets the same notice as a 400; nothing is read
    from it and nothing is recorded."""
    return render_page(
        request,
        "tendering/tender_closed.html",
        {
            "call": call,
            "reason": reason,
            "round": current_round(call),
            "current": _current_tenders(request, call),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_GET
def tender_receipt(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    tender = access_supplier_tender(user=request.user, public_id=pk)
    state = selectors.call_state(call=tender.call)
    return render_page(
        request,
        "tendering/tender_receipt.html",
        {
            "tender": tender,
            "files": access_own_file_names(user=request.user, tender=tender),
            "state": state,
            "result": registry.award_notice_for_supplier(user=request.user, tender=tender),
            "can_withdraw": tender_changeable(tender),
            "negotiating": tender.supplier_id in channel_supplier_ids(call=tender.call),
        },
    )


@require_GET
def tender_receipt_pdf(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """The printable receipt (PDF), for the tender's own supplier only: 404 for anyone else."""
    tender = access_supplier_tender(user=request.user, public_id=pk)
    response = file_response(
        receipt_pdf(tender), filename=f"kvitto-{tender.receipt[:12]}", kind="pdf"
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def tender_file_download(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """A tender's file for the team after the opening, decrypted as it streams out.

    Always an attachment with a neutral type, so nothing uploaded is ever shown as a page.
    """
    opened = access_tender_file(user=request.user, public_id=pk)
    response = StreamingHttpResponse(opened.chunks(), content_type="application/octet-stream")
    response["Content-Length"] = str(opened.record.size)
    response["Content-Disposition"] = content_disposition_header(True, opened.name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_http_methods(["GET", "POST"])
def tender_withdraw(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    tender = access_supplier_tender(user=request.user, public_id=pk)
    error = None
    if request.method == "POST":
        try:
            services.tender_withdraw(actor=request.user, tender=tender)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Your tender was withdrawn."))
            return redirect("tendering:tender_receipt", pk=tender.public_id)
    return render_page(
        request,
        "tendering/tender_withdraw.html",
        {"tender": tender, "error": error},
        status=400 if error else 200,
    )
