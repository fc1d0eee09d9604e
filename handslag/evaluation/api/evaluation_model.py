"""Evaluation-model API (/api/v1/tendering/): the model, the simulator, the robustness check
and the evaluation matrix, with the same services, selectors and permissions as the pages."""

from django.http import HttpRequest, HttpResponse
from ninja import Router

from handslag.core.permissions import not_found
from handslag.core.render import file_response
from handslag.evaluation import results, selectors, services
from handslag.evaluation.config import deduction_of
from handslag.evaluation.models import EvaluationModel
from handslag.evaluation.schemas import (
    EvaluationModelIn,
    EvaluationModelOut,
    RobustnessOut,
    SimulationIn,
    SimulationOut,
)
from handslag.tendering.opening import is_opened
from handslag.tendering.permissions import access_call_for_team

router = Router(tags=["tendering"])


def _model_out(call_id: int, model: EvaluationModel | None, criteria: list) -> dict:
    if model is None:
        return {
            "call_id": call_id,
            "kind": None,
            "price_ceiling": None,
            "relative_price": False,
            "max_deductions": {},
        }
    return {
        "call_id": call_id,
        "kind": model.kind,
        "price_ceiling": model.price_ceiling,
        "relative_price": model.relative_price,
        "max_deductions": {
            c.name: deduction_of(model, c) for c in criteria if c.name in model.max_deductions
        },
    }


@router.get(
    "/calls/{call_id}/evaluation-model",
    response=EvaluationModelOut,
    summary="The evaluation model (kind null: points by hand-scored price)",
)
def evaluation_model_get(request: HttpRequest, call_id: int):
    call = access_call_for_team(user=request.user, call_id=call_id)
    model = selectors.evaluation_model_for(user=request.user, call=call)
    return _model_out(call.pk, model, results.criteria_of(call=call))


@router.put(
    "/calls/{call_id}/evaluation-model",
    response=EvaluationModelOut,
    summary="Set the evaluation model (with the criteria, before the deadline)",
)
def evaluation_model_put(request: HttpRequest, call_id: int, payload: EvaluationModelIn):
    call = access_call_for_team(user=request.user, call_id=call_id)
    model = services.evaluation_model_set(
        actor=request.user,
        call=call,
        kind=payload.kind,
        price_ceiling=payload.price_ceiling,
        relative_price=payload.relative_price,
        max_deductions=payload.max_deductions,
        price_floor=payload.price_floor,
    )
    return _model_out(call.pk, model, results.criteria_of(call=call))


@router.post(
    "/calls/{call_id}/simulate",
    response=SimulationOut,
    summary="Rank fictive tenders under a model (nothing is stored)",
)
def simulate(request: HttpRequest, call_id: int, payload: SimulationIn):
    call = access_call_for_team(user=request.user, call_id=call_id)
    return selectors.simulation_run(
        call=call,
        kind=payload.kind,
        price_ceiling=payload.price_ceiling,
        relative_price=payload.relative_price,
        max_deductions=payload.max_deductions,
        price_floor=payload.price_floor,
        tenders=[t.dict() for t in payload.tenders],
    )


@router.get(
    "/calls/{call_id}/robustness",
    response=RobustnessOut,
    summary="How far each weight can move before the winner changes (after consensus)",
)
def robustness(request: HttpRequest, call_id: int):
    call = access_call_for_team(user=request.user, call_id=call_id)
    if not is_opened(call):
        raise not_found()
    result = selectors.robustness_for(user=request.user, call=call)
    if result is None:
        return {"ready": False}
    return {"ready": True, **result}


@router.get(
    "/calls/{call_id}/evaluation-matrix.xlsx",
    summary="The evaluation matrix as XLSX (after the opening)",
)
def evaluation_matrix(request: HttpRequest, call_id: int) -> HttpResponse:
    call = access_call_for_team(user=request.user, call_id=call_id)
    if not is_opened(call):
        raise not_found()
    content = services.evaluation_matrix_export(actor=request.user, call=call)
    return file_response(
        content, filename=f"utvarderingsmatris-{call.reference}".replace("/", "-"), kind="xlsx"
    )
