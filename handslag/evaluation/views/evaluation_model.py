"""Pages for the evaluation model: setting it, the simulator and the evaluation matrix."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from handslag.core.forms import add_service_error
from handslag.core.htmx import render_page
from handslag.core.permissions import not_found
from handslag.core.render import file_response
from handslag.evaluation import results, selectors, services
from handslag.evaluation.config import deduction_of
from handslag.evaluation.forms import EvaluationModelForm, SimulationForm
from handslag.evaluation.models import Criterion, EvaluationKind
from handslag.evaluation.permissions import can_manage_criteria
from handslag.evaluation.services.criteria import criteria_locked
from handslag.market.models import Call
from handslag.tendering.opening import is_opened
from handslag.tendering.permissions import access_call_for_team


def _initial(*, user: Any, call: Call, criteria: list[Criterion]) -> dict[str, Any]:
    model = selectors.evaluation_model_for(user=user, call=call)
    if model is None:
        return {"kind": EvaluationKind.WEIGHTED_POINTS}
    initial: dict[str, Any] = {
        "kind": model.kind,
        "price_ceiling": model.price_ceiling,
        "relative_price": model.relative_price,
    }
    for c in criteria:
        initial[f"deduction_{c.pk}"] = deduction_of(model, c)
    return initial


@require_http_methods(["GET", "POST"])
def evaluation_model(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose how the tenders will be ranked (with the criteria, before the deadline)."""
    call = access_call_for_team(user=request.user, call_id=pk)
    if not can_manage_criteria(user=request.user, call=call):
        raise not_found()
    criteria = results.criteria_of(call=call)
    form = EvaluationModelForm(
        request.POST or None,
        criteria=criteria,
        initial=_initial(user=request.user, call=call, criteria=criteria),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_model_set(actor=request.user, call=call, **form.model_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The evaluation model was saved."))
            return redirect("evaluation:criteria", pk=call.pk)
    return render_page(
        request,
        "evaluation/evaluation_model.html",
        {
            "call": call,
            "form": form,
            "criteria": criteria,
            "locked": criteria_locked(call=call),
        },
        status=400 if form.errors else 200,
    )


@require_GET
def simulator(request: HttpRequest, pk: int) -> HttpResponse:
    """Try a model on fictive tenders: the ranking, its warnings and its robustness."""
    call = access_call_for_team(user=request.user, call_id=pk)
    criteria = results.criteria_of(call=call)
    run = "kind" in request.GET
    form = SimulationForm(
        request.GET if run else None,
        criteria=criteria,
        initial=_initial(user=request.user, call=call, criteria=criteria),
    )
    result = None
    if run and form.is_valid():
        try:
            result = selectors.simulation_run(
                call=call, tenders=form.tenders(), **form.model_data()
            )
        except ValidationError as error:
            add_service_error(form, error)
    return render_page(
        request,
        "evaluation/simulator.html",
        {
            "call": call,
            "form": form,
            "result": result,
            "criteria": criteria,
            "can_manage_criteria": can_manage_criteria(user=request.user, call=call),
        },
        status=400 if form.errors else 200,
    )


@require_GET
def evaluation_matrix(request: HttpRequest, pk: int) -> HttpResponse:
    """The evaluation matrix as XLSX, for the team once the tenders are opened."""
    call = access_call_for_team(user=request.user, call_id=pk)
    if not is_opened(call):
        raise not_found()
    content = services.evaluation_matrix_export(actor=request.user, call=call)
    return file_response(
        content, filename=f"utvarderingsmatris-{call.reference}".replace("/", "-"), kind="xlsx"
    )
