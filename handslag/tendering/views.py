"""Pages for suppliers (submit, receipts, withdraw) and the buyer's team (opening,
criteria, evaluation, award). Thin: parse, call one service or selector, render."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from handslag.core.forms import add_service_error
from handslag.core.htmx import render_page
from handslag.core.permissions import forbidden, not_found
from handslag.documents.render import document_response
from handslag.market.models import Call
from handslag.tendering import evaluation, selectors, selectors_evaluation, services
from handslag.tendering.documents import award_document, opening_record_document
from handslag.tendering.evaluation_config import model_of, model_problem
from handslag.tendering.forms import (
    AwardForm,
    ConsensusForm,
    ContractForm,
    CriterionFormSet,
    DeclarationForm,
    ScoreForm,
    TenderForm,
    criteria_from_formset,
)
from handslag.tendering.gateway import (
    access_tender_content,
    access_tender_file,
    access_tender_files,
)
from handslag.tendering.models import Award
from handslag.tendering.opening import current_round, is_opened
from handslag.tendering.permissions import (
    access_call_for_supplier,
    access_call_for_team,
    access_supplier_tender,
    access_tender,
    can_award,
    can_declare,
    can_manage_criteria,
    channel_supplier_ids,
    declaration_of,
    is_tender_supplier,
    require_declaration,
    tendering_organisations,
)
from handslag.tendering.selectors_negotiation import tender_changeable

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
    negotiation = current_round(call)
    current = list(
        selectors.tender_list_for_supplier(user=request.user).filter(
            call=call, status="submitted", round=negotiation.number if negotiation else 1
        )
    )
    return render_page(
        request,
        "tendering/tender_submit.html",
        {"call": call, "form": form, "current": current, "round": negotiation},
        status=400 if form.errors else 200,
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
            "state": state,
            "result": selectors.award_for_supplier(user=request.user, tender=tender),
            "can_withdraw": tender_changeable(tender),
            "negotiating": tender.supplier_id in channel_supplier_ids(call=tender.call),
        },
    )


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


# --- opening --------------------------------------------------------------------------


@require_GET
def award_decision_document(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The award decision as DOCX or PDF: the team's version, or a tenderer's own."""
    if kind not in {"docx", "pdf"}:
        raise not_found()
    call = Call.objects.filter(pk=pk).first()
    if call is None or not request.user.is_authenticated:
        raise not_found()
    mine = selectors.tender_list_for_supplier(user=request.user).filter(call=call)
    own = mine.filter(status="submitted").first() or mine.first()
    if own is not None:
        if not Award.objects.filter(call=call).exists():
            raise not_found()
        return document_response(award_document(call=call, for_tender=own), kind)
    call = access_call_for_team(user=request.user, call_id=pk)
    if not Award.objects.filter(call=call).exists():
        raise not_found()
    return document_response(award_document(call=call), kind)


@require_GET
def opening_record_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The opening record as PDF, for the team once the tenders are opened."""
    call = access_call_for_team(user=request.user, call_id=pk)
    if not is_opened(call):
        raise not_found()
    return document_response(opening_record_document(call=call), "pdf")


@require_http_methods(["GET", "POST"])
def opening(request: HttpRequest, pk: int) -> HttpResponse:
    call = access_call_for_team(user=request.user, call_id=pk)
    error = None
    if request.method == "POST":
        try:
            services.opening_confirm(actor=request.user, call=call)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Your confirmation of the opening was recorded."))
            return redirect("tendering:opening", pk=call.pk)
    context = {
        "call": call,
        "error": error,
        **selectors.opening_overview(user=request.user, call=call),
    }
    return render_page(request, "tendering/opening.html", context, status=400 if error else 200)


# --- criteria and evaluation ----------------------------------------------------------


@require_http_methods(["GET", "POST"])
def criteria(request: HttpRequest, pk: int) -> HttpResponse:
    call = access_call_for_team(user=request.user, call_id=pk)
    if not can_manage_criteria(user=request.user, call=call):
        raise not_found()
    existing = evaluation.criteria_of(call=call)
    initial = [
        {"name": c.name, "description": c.description, "kind": c.kind, "weight": c.weight}
        for c in existing
    ] or services.default_criteria()
    formset = CriterionFormSet(request.POST or None, initial=initial, prefix="criteria")
    errors: list[str] = []
    if request.method == "POST" and formset.is_valid():
        try:
            services.criteria_set(
                actor=request.user, call=call, criteria=criteria_from_formset(formset)
            )
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("The award criteria were saved."))
            return redirect("tendering:evaluation", pk=call.pk)
    return render_page(
        request,
        "tendering/criteria.html",
        {
            "call": call,
            "formset": formset,
            "errors": errors,
            "is_default": not existing,
            "model_problem": model_problem(call=call),
        },
        status=400 if errors or formset.errors and request.method == "POST" else 200,
    )


@require_GET
def evaluation_page(request: HttpRequest, pk: int) -> HttpResponse:
    call = access_call_for_team(user=request.user, call_id=pk)
    context = {
        "call": call,
        "must_declare": can_declare(user=request.user, call=call)
        and declaration_of(user=request.user, call=call) is None,
        **selectors.evaluation_overview(user=request.user, call=call),
        **selectors_evaluation.evaluation_extras(user=request.user, call=call),
    }
    return render_page(request, "tendering/evaluation.html", context)


@require_http_methods(["GET", "POST"])
def declaration(request: HttpRequest, pk: int) -> HttpResponse:
    """The conflict-of-interest declaration an evaluator makes before reading any tender."""
    call = access_call_for_team(user=request.user, call_id=pk)
    if not can_declare(user=request.user, call=call):
        raise forbidden(
            _("Only the call's evaluators and those who record consensus make this declaration.")
        )
    existing = declaration_of(user=request.user, call=call)
    form = DeclarationForm(request.POST or None)
    if request.method == "POST" and existing is None and form.is_valid():
        try:
            services.conflict_declare(
                actor=request.user,
                call=call,
                has_conflict=form.cleaned_data["has_conflict"],
                statement=form.cleaned_data["statement"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your declaration was recorded."))
            return redirect("tendering:evaluation", pk=call.pk)
    return render_page(
        request,
        "tendering/declaration.html",
        {"call": call, "form": form, "existing": existing},
        status=400 if form.errors else 200,
    )


def _tender_page(
    request: HttpRequest, tender, score_form=None, consensus_form=None, status: int = 200
) -> HttpResponse:  # noqa: ANN001
    data = selectors.tender_evaluation(user=request.user, tender=tender)
    content = access_tender_content(user=request.user, tender=tender)
    if score_form is None and data["can_score"]:
        score_form = ScoreForm(
            criteria=data["criteria"],
            initial={
                **{f"score_{cid}": str(s.score) for cid, s in data["own"].items()},
                **{f"justification_{cid}": s.justification for cid, s in data["own"].items()},
            },
        )
    if consensus_form is None and data["can_consensus"]:
        consensus_form = ConsensusForm(
            criteria=data["criteria"],
            initial={
                **{f"score_{cid}": str(s.score) for cid, s in data["consensus"].items()},
                **{f"justification_{cid}": s.justification for cid, s in data["consensus"].items()},
                **{
                    f"external_justification_{cid}": s.external_justification
                    for cid, s in data["consensus"].items()
                },
            },
        )
    return render_page(
        request,
        "tendering/tender_evaluate.html",
        {
            "tender": tender,
            "call": tender.call,
            "content": content,
            "files": access_tender_files(user=request.user, tender=tender),
            "score_form": score_form,
            "consensus_form": consensus_form,
            **data,
        },
        status=status,
    )


def _team_tender(request: HttpRequest, pk: uuid.UUID):  # noqa: ANN202
    tender = access_tender(user=request.user, public_id=pk)
    if is_tender_supplier(user=request.user, tender=tender):
        raise not_found()
    require_declaration(user=request.user, call=tender.call)
    return tender


@require_GET
def tender_evaluate(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    return _tender_page(request, _team_tender(request, pk))


@require_POST
def tender_score(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    tender = _team_tender(request, pk)
    form = ScoreForm(request.POST, criteria=evaluation.scored_criteria_of(call=tender.call))
    if form.is_valid():
        try:
            services.scores_record(actor=request.user, tender=tender, scores=form.rows())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your scores were saved."))
            return redirect("tendering:evaluation", pk=tender.call_id)
    return _tender_page(request, tender, score_form=form, status=400)


@require_POST
def tender_consensus(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    tender = _team_tender(request, pk)
    form = ConsensusForm(request.POST, criteria=evaluation.scored_criteria_of(call=tender.call))
    if form.is_valid():
        try:
            services.consensus_record_many(actor=request.user, tender=tender, scores=form.rows())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The consensus scores were saved."))
            return redirect("tendering:evaluation", pk=tender.call_id)
    return _tender_page(request, tender, consensus_form=form, status=400)


# --- award ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def award(request: HttpRequest, pk: int) -> HttpResponse:
    call = access_call_for_team(user=request.user, call_id=pk)
    state = selectors.call_state(call=call)
    ranking = selectors.ranking_for(user=request.user, call=call) if state.opened_at else []
    form = None
    if state.award is None and can_award(user=request.user, call=call) and ranking:
        form = AwardForm(
            request.POST or None,
            tenders=[r.tender for r in ranking],
            initial={"tender": str(ranking[0].tender.public_id)},
        )
        if request.method == "POST" and form.is_valid():
            tender = next(
                r.tender for r in ranking if str(r.tender.public_id) == form.cleaned_data["tender"]
            )
            try:
                services.award_decide(
                    actor=request.user,
                    call=call,
                    tender=tender,
                    justification=form.cleaned_data["justification"],
                    notice_sent_on=form.cleaned_data["notice_sent_on"],
                    sent_electronically=form.cleaned_data["sent_electronically"],
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The award decision was recorded."))
                return redirect("tendering:award", pk=call.pk)
    elif request.method == "POST":
        raise forbidden(_("The award decision cannot be made now."))
    contract_form = None
    if state.award is not None and state.award.contract_signed_on is None:
        contract_form = ContractForm()
    return render_page(
        request,
        "tendering/award.html",
        {
            "call": call,
            "state": state,
            "ranking": ranking,
            "ranking_kind": getattr(model_of(call=call), "kind", None),
            "criteria": evaluation.criteria_of(call=call),
            "form": form,
            "contract_form": contract_form,
            "sealed_message": selectors.sealed_message(),
        },
        status=400 if form is not None and form.errors else 200,
    )


@require_POST
def contract(request: HttpRequest, pk: int) -> HttpResponse:
    call = access_call_for_team(user=request.user, call_id=pk)
    decision = Award.objects.filter(call=call).first()
    if decision is None:
        raise not_found()
    form = ContractForm(request.POST)
    if form.is_valid():
        try:
            services.award_record_contract(
                actor=request.user, award=decision, signed_on=form.cleaned_data["signed_on"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The contract date was recorded."))
            return redirect("tendering:award", pk=call.pk)
    state = selectors.call_state(call=call)
    return render_page(
        request,
        "tendering/award.html",
        {
            "call": call,
            "state": state,
            "ranking": selectors.ranking_for(user=request.user, call=call),
            "ranking_kind": getattr(model_of(call=call), "kind", None),
            "criteria": evaluation.criteria_of(call=call),
            "form": None,
            "contract_form": form,
            "sealed_message": selectors.sealed_message(),
        },
        status=400,
    )
