"""The buyer's pages: document requests, the redaction workspace, decisions and the PDF."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from handslag.core.forms import add_service_error
from handslag.core.htmx import render_page
from handslag.core.permissions import not_found
from handslag.core.render import document_response
from handslag.disclosure import selectors, services
from handslag.disclosure.documents import decision_document, redacted_document
from handslag.disclosure.forms import (
    ConsultationForm,
    DecisionForm,
    MaskForm,
    RequestForm,
    RuleForm,
)
from handslag.disclosure.models import CaseStatus, RequestStatus
from handslag.disclosure.permissions import (
    access_call_for_requests,
    access_case,
    access_request,
    can_decide_requests,
    under_absolute_secrecy,
)


@require_http_methods(["GET", "POST"])
def request_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The call's document requests, and the form to register a new one."""
    call = access_call_for_requests(user=request.user, call_id=pk)
    secret = under_absolute_secrecy(call)
    form = RequestForm(
        request.POST or None,
        tenders=None if secret else selectors.tender_choices(user=request.user, call=call),
    )
    if request.method == "POST" and form.is_valid():
        try:
            created = services.request_register(actor=request.user, call=call, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The request was registered."))
            return redirect("disclosure:request_detail", pk=created.pk)
    return render_page(
        request,
        "disclosure/request_list.html",
        {
            "call": call,
            "form": form,
            "requests": selectors.request_list_for_call(call=call),
            "secret": secret,
            "can_decide": can_decide_requests(user=request.user, call=call),
        },
        status=400 if form.errors else 200,
    )


@require_GET
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document_request = access_request(user=request.user, request_id=pk)
    cases = list(
        document_request.cases.select_related("tender__supplier").order_by(
            "tender__round", "tender__supplier__name", "pk"
        )
    )
    return render_page(
        request,
        "disclosure/request_detail.html",
        {
            "document_request": document_request,
            "cases": cases,
            "can_decide": can_decide_requests(user=request.user, call=document_request.call),
            "all_decided": all(c.status == CaseStatus.DECIDED for c in cases),
            "refusal_draft": services.refusal_text(request=document_request)
            if document_request.before_award
            else "",
        },
    )


@require_POST
def request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    document_request = access_request(user=request.user, request_id=pk)
    try:
        services.request_decide(actor=request.user, request=document_request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if document_request.before_award:
            messages.success(request, _("The request was refused. The decision is recorded."))
        else:
            messages.success(request, _("The decision was made and sent to the requester."))
    return redirect("disclosure:request_detail", pk=document_request.pk)


@require_GET
def decision_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The decided request's decision document, with its appeal notice."""
    document_request = access_request(user=request.user, request_id=pk)
    if document_request.status != RequestStatus.DECIDED:
        raise not_found()
    return document_response(decision_document(request=document_request), "pdf")


@require_POST
def request_link_renew(request: HttpRequest, pk: int) -> HttpResponse:
    document_request = access_request(user=request.user, request_id=pk)
    try:
        services.request_link_renew(actor=request.user, request=document_request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("A new link was sent to the requester."))
    return redirect("disclosure:request_detail", pk=document_request.pk)


def _workspace(request: HttpRequest, case, **forms) -> HttpResponse:
    view = selectors.case_view(case=case)
    context = {
        "case": case,
        "view": view,
        "open": case.status != CaseStatus.DECIDED,
        "can_decide": can_decide_requests(user=request.user, call=case.request.call),
        "rule_forms": {
            row.id: forms.get(f"rule_{row.id}")
            or RuleForm(
                prefix=f"c{row.id}",
                initial={"mask": "1" if row.mask else "0", "reason": row.reason}
                if row.mask is not None
                else None,
            )
            for row in view.claims
        },
        "mask_form": forms.get("mask_form") or MaskForm(prefix="mask"),
        "consultation_form": forms.get("consultation_form") or ConsultationForm(prefix="consult"),
        "decision_form": forms.get("decision_form")
        or DecisionForm(prefix="decision", files=view.files),
    }
    context["claim_rows"] = [(row, context["rule_forms"][row.id]) for row in view.claims]
    failed = any(getattr(f, "errors", None) for f in forms.values())
    return render_page(request, "disclosure/workspace.html", context, status=400 if failed else 200)


@require_GET
def workspace(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    return _workspace(request, access_case(user=request.user, public_id=pk))


@require_POST
def claim_rule(request: HttpRequest, pk: uuid.UUID, claim_id: str) -> HttpResponse:
    case = access_case(user=request.user, public_id=pk)
    form = RuleForm(request.POST, prefix=f"c{claim_id}")
    if form.is_valid():
        try:
            services.claim_rule(
                actor=request.user,
                case=case,
                claim_id=claim_id,
                mask=form.cleaned_data["mask"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The ruling was saved."))
            return redirect("disclosure:workspace", pk=case.public_id)
    return _workspace(request, case, **{f"rule_{claim_id}": form})


@require_POST
def mask_add(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    case = access_case(user=request.user, public_id=pk)
    form = MaskForm(request.POST, prefix="mask")
    if form.is_valid():
        try:
            services.mask_add(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The passage will be masked."))
            return redirect("disclosure:workspace", pk=case.public_id)
    return _workspace(request, case, mask_form=form)


@require_POST
def mask_remove(request: HttpRequest, pk: uuid.UUID, mask_id: str) -> HttpResponse:
    case = access_case(user=request.user, public_id=pk)
    try:
        services.mask_remove(actor=request.user, case=case, mask_id=mask_id)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The mask was removed."))
    return redirect("disclosure:workspace", pk=case.public_id)


@require_POST
def consultation_send(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    case = access_case(user=request.user, public_id=pk)
    form = ConsultationForm(request.POST, prefix="consult")
    if form.is_valid():
        try:
            services.consultation_send(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The supplier was asked for its view."))
            return redirect("disclosure:workspace", pk=case.public_id)
    return _workspace(request, case, consultation_form=form)


@require_POST
def case_decide(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    case = access_case(user=request.user, public_id=pk)
    view = selectors.case_view(case=case)
    form = DecisionForm(request.POST, request.FILES, prefix="decision", files=view.files)
    if form.is_valid():
        try:
            services.case_decide(
                actor=request.user,
                case=case,
                text_outcome=form.cleaned_data["text_outcome"],
                reason=form.cleaned_data["reason"],
                files=form.file_decisions(),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The decision on the tender was recorded."))
            return redirect("disclosure:request_detail", pk=case.request_id)
    return _workspace(request, case, decision_form=form)


@require_GET
def redacted_pdf(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """The redacted tender as the requester would get it, for the team to check."""
    case = access_case(user=request.user, public_id=pk)
    return document_response(redacted_document(view=selectors.case_view(case=case)), "pdf")
