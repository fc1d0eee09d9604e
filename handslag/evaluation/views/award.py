"""Pages of the award decision: the decision, its documents and the contract date."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from handslag.core.forms import add_service_error
from handslag.core.htmx import render_page
from handslag.core.permissions import forbidden, not_found
from handslag.core.render import document_response
from handslag.evaluation import results, selectors, services
from handslag.evaluation.config import model_of
from handslag.evaluation.documents import award_document
from handslag.evaluation.forms import AwardForm, ContractForm
from handslag.evaluation.models import Award
from handslag.evaluation.permissions import can_award
from handslag.market.models import Call
from handslag.tendering.permissions import access_call_for_team
from handslag.tendering.selectors import call_state, sealed_message, tender_list_for_supplier


@require_GET
def award_decision_document(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The award decision as DOCX or PDF: the team's version, or a tenderer's own."""
    if kind not in {"docx", "pdf"}:
        raise not_found()
    call = Call.objects.filter(pk=pk).first()
    if call is None or not request.user.is_authenticated:
        raise not_found()
    mine = tender_list_for_supplier(user=request.user).filter(call=call)
    own = mine.filter(status="submitted").first() or mine.first()
    if own is not None:
        if not Award.objects.filter(call=call).exists():
            raise not_found()
        return document_response(award_document(call=call, for_tender=own), kind)
    call = access_call_for_team(user=request.user, call_id=pk)
    if not Award.objects.filter(call=call).exists():
        raise not_found()
    return document_response(award_document(call=call), kind)


@require_http_methods(["GET", "POST"])
def award(request: HttpRequest, pk: int) -> HttpResponse:
    call = access_call_for_team(user=request.user, call_id=pk)
    state = call_state(call=call)
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
                return redirect("evaluation:award", pk=call.pk)
    elif request.method == "POST":
        raise forbidden(_("The award decision cannot be made now."))
    contract_form = None
    if state.award is not None and state.award.contract_signed_on is None:
        contract_form = ContractForm()
    return render_page(
        request,
        "evaluation/award.html",
        {
            "call": call,
            "state": state,
            "ranking": ranking,
            "ranking_kind": getattr(model_of(call=call), "kind", None),
            "criteria": results.criteria_of(call=call),
            "form": form,
            "contract_form": contract_form,
            "sealed_message": sealed_message(),
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
            return redirect("evaluation:award", pk=call.pk)
    state = call_state(call=call)
    return render_page(
        request,
        "evaluation/award.html",
        {
            "call": call,
            "state": state,
            "ranking": selectors.ranking_for(user=request.user, call=call),
            "ranking_kind": getattr(model_of(call=call), "kind", None),
            "criteria": results.criteria_of(call=call),
            "form": None,
            "contract_form": form,
            "sealed_message": sealed_message(),
        },
        status=400,
    )
