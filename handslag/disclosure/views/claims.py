"""Pages for the supplier: confidentiality claims on its own tender and consultations.

Thin: parse, call one service or selector, render. The buyer's pages are in
views/requests.py, the requester's in views/public.py.
"""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from handslag.core.forms import add_service_error
from handslag.core.htmx import render_page
from handslag.disclosure import selectors, services
from handslag.disclosure.forms import CommentForm, FileClaimForm, PassageClaimForm
from handslag.disclosure.models import CaseStatus
from handslag.disclosure.permissions import (
    access_consultation,
    access_tender_for_claims,
    can_edit_claims,
)
from handslag.tendering.models import Tender
from handslag.tendering.selectors import tender_list_for_supplier


def _claims_page(request: HttpRequest, tender: Tender, passage_form=None, file_form=None):
    editable = can_edit_claims(user=request.user, tender=tender)
    records = list(tender.files.all())
    numbers = {f.file_id: n for n, f in enumerate(records, start=1)}
    claims = [
        {**claim, "file_number": numbers.get(claim.get("file_id"))}
        for claim in services.claim_list(tender=tender)
    ]
    status = (
        400 if (passage_form and passage_form.errors) or (file_form and file_form.errors) else 200
    )
    return render_page(
        request,
        "disclosure/claims.html",
        {
            "tender": tender,
            "claims": claims,
            "editable": editable,
            "passage_form": passage_form or PassageClaimForm(prefix="claim"),
            "file_form": file_form or FileClaimForm(prefix="file", files=records),
            "has_files": bool(records),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def tender_claims(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """The claims on a tender: editable by its supplier before the deadline; read by the
    team after the opening."""
    tender = access_tender_for_claims(user=request.user, public_id=pk)
    if request.method == "GET":
        return _claims_page(request, tender)
    if not can_edit_claims(user=request.user, tender=tender):
        return _claims_page(request, tender)
    if request.POST.get("kind") == "file":
        form = FileClaimForm(request.POST, prefix="file", files=list(tender.files.all()))
        if form.is_valid():
            try:
                services.claim_add(
                    actor=request.user,
                    tender=tender,
                    tender_file=tender.files.get(public_id=form.cleaned_data["file"]),
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The file is marked as confidential."))
                return redirect("disclosure:tender_claims", pk=tender.public_id)
        return _claims_page(request, tender, file_form=form)
    form = PassageClaimForm(request.POST, prefix="claim")
    if form.is_valid():
        try:
            services.claim_add(
                actor=request.user,
                tender=tender,
                passage=form.cleaned_data["passage"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The passage is marked as confidential."))
            return redirect("disclosure:tender_claims", pk=tender.public_id)
    return _claims_page(request, tender, passage_form=form)


@require_POST
def claim_remove(request: HttpRequest, pk: uuid.UUID, claim_id: str) -> HttpResponse:
    tender = access_tender_for_claims(user=request.user, public_id=pk)
    try:
        services.claim_remove(actor=request.user, tender=tender, claim_id=claim_id)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The claim was removed."))
    return redirect("disclosure:tender_claims", pk=tender.public_id)


@require_http_methods(["GET", "POST"])
def consultation(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """The supplier's view of a request for its tender, with its comment until the last day."""
    case = access_consultation(user=request.user, public_id=pk)
    form = CommentForm(request.POST or None, initial={"comment": case.supplier_comment})
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_comment(
                actor=request.user, case=case, comment=form.cleaned_data["comment"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your comment was sent."))
            return redirect("disclosure:consultation", pk=case.public_id)
    open_for_comment = (
        case.status != CaseStatus.DECIDED and timezone.localdate() <= case.consultation_deadline
    )
    return render_page(
        request,
        "disclosure/consultation.html",
        {"case": case, "form": form, "open_for_comment": open_for_comment},
        status=400 if form.errors else 200,
    )


@require_GET
def consultation_list(request: HttpRequest) -> HttpResponse:
    """The supplier's overview: its submitted tenders (to claim confidentiality) and the
    requests on which a buyer asks for its view."""
    return render_page(
        request,
        "disclosure/consultation_list.html",
        {
            "cases": selectors.consultations_for_supplier(user=request.user),
            "tenders": tender_list_for_supplier(user=request.user).filter(status="submitted")[:100],
        },
    )
