"""Pages for the partnership contract, its phases, milestones and gate decisions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from handslag.core.forms import form_page, submit_form
from handslag.core.permissions import not_found
from handslag.partnership import services
from handslag.partnership.forms import ContractForm, MilestoneForm, PhaseDecisionForm, PhaseForm
from handslag.partnership.models import Milestone
from handslag.partnership.permissions import (
    access_award_for_contract,
    access_contract,
    access_phase,
    can_decide_phase,
    can_manage_contract,
    is_contract_supplier,
)
from handslag.partnership.selectors.contracts import (
    contract_for_award,
    contract_state,
    dashboard_for,
    next_startable_phase,
    phase_list,
)
from handslag.partnership.terms import ip_guidance, risk_guidance
from handslag.rules import legal_clock


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    return render(request, "partnership/overview.html", dashboard_for(user=request.user))


@require_http_methods(["GET", "POST"])
def contract_create(request: HttpRequest, pk: int) -> HttpResponse:
    award = access_award_for_contract(user=request.user, award_id=pk)
    existing = contract_for_award(award_id=award.pk)
    if existing is not None:
        messages.info(request, _("This award decision already has a contract."))
        return redirect("partnership:contract_detail", existing.pk)
    form = ContractForm(request.POST or None)
    done = submit_form(
        request,
        form,
        lambda data: services.contract_create(actor=request.user, award=award, **data),
        message=_("The partnership contract was recorded."),
        to=lambda contract: reverse("partnership:contract_detail", args=[contract.pk]),
    )
    standstill_end = max(
        award.standstill_end,
        legal_clock.standstill_end(award.notice_sent_on, award.sent_electronically),
    )
    return done or form_page(
        request,
        "partnership/contract_form.html",
        {
            "award": award,
            "project": award.call.project,
            "standstill_end": standstill_end,
        },
        form,
    )


@require_GET
def contract_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contract = access_contract(user=request.user, contract_id=pk)
    phases = phase_list(contract=contract)
    manage = can_manage_contract(user=request.user, contract=contract)
    return render(
        request,
        "partnership/contract_detail.html",
        {
            "contract": contract,
            "project": contract.project,
            "phases": phases,
            "state": contract_state(contract=contract, phases=phases),
            "next_phase": next_startable_phase(contract=contract, phases=phases),
            "can_manage": manage,
            "can_decide": can_decide_phase(user=request.user, contract=contract),
            "is_supplier": is_contract_supplier(user=request.user, contract=contract),
            "ip_guidance": ip_guidance(contract.ip_model),
            "risk_guidance": risk_guidance(contract.risk_model),
        },
    )


@require_http_methods(["GET", "POST"])
def phase_add(request: HttpRequest, pk: int) -> HttpResponse:
    contract = access_contract(user=request.user, contract_id=pk, manage=True)
    form = PhaseForm(request.POST or None)
    done = submit_form(
        request,
        form,
        lambda data: services.phase_add(actor=request.user, contract=contract, **data),
        message=_("The phase was added to the plan."),
        to=reverse("partnership:contract_detail", args=[contract.pk]),
    )
    return done or form_page(
        request,
        "partnership/phase_form.html",
        {"contract": contract, "project": contract.project},
        form,
    )


@require_http_methods(["GET", "POST"])
def phase_start(request: HttpRequest, pk: int) -> HttpResponse:
    phase = access_phase(user=request.user, phase_id=pk, manage=True)
    error = None
    if request.method == "POST":
        try:
            services.phase_start(actor=request.user, phase=phase)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("The phase has started."))
            return redirect("partnership:contract_detail", phase.contract_id)
    return render(
        request,
        "partnership/phase_start.html",
        {
            "phase": phase,
            "contract": phase.contract,
            "project": phase.contract.project,
            "error": error,
        },
        status=400 if error else 200,
    )


@require_http_methods(["GET", "POST"])
def phase_decide(request: HttpRequest, pk: int) -> HttpResponse:
    phase = access_phase(user=request.user, phase_id=pk, decide=True)
    form = PhaseDecisionForm(request.POST or None)
    done = submit_form(
        request,
        form,
        lambda data: services.phase_decide(actor=request.user, phase=phase, **data),
        message=_("The decision was recorded."),
        to=reverse("partnership:contract_detail", args=[phase.contract_id]),
    )
    return done or form_page(
        request,
        "partnership/phase_decide.html",
        {
            "phase": phase,
            "contract": phase.contract,
            "project": phase.contract.project,
        },
        form,
    )


@require_http_methods(["GET", "POST"])
def milestone_add(request: HttpRequest, pk: int) -> HttpResponse:
    phase = access_phase(user=request.user, phase_id=pk, manage=True)
    form = MilestoneForm(request.POST or None)
    done = submit_form(
        request,
        form,
        lambda data: services.milestone_add(actor=request.user, phase=phase, **data),
        message=_("The milestone was added."),
        to=reverse("partnership:contract_detail", args=[phase.contract_id]),
    )
    return done or form_page(
        request,
        "partnership/milestone_form.html",
        {
            "phase": phase,
            "contract": phase.contract,
            "project": phase.contract.project,
        },
        form,
    )


@require_POST
def milestone_complete(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = Milestone.objects.filter(pk=pk).only("pk", "phase_id").first()
    if milestone is None:
        raise not_found()
    phase = access_phase(user=request.user, phase_id=milestone.phase_id, manage=True)
    try:
        services.milestone_complete(actor=request.user, milestone=milestone)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The milestone is marked as reached."))
    return redirect("partnership:contract_detail", phase.contract_id)
