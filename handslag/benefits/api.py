"""JSON API for benefit models (mounted at /api/v1/benefits/).

The operations call the same permissions, services and engine adapter as the pages.
Rates are fractions (0.035 for 3.5 %); amounts are SEK per year in fixed prices.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from handslag.benefits import services
from handslag.benefits.models import BenefitLine, BenefitModel
from handslag.benefits.permissions import access_benefit_line, access_benefit_model
from handslag.benefits.selectors import (
    benefit_figures,
    benefit_line_list,
    benefit_model_list,
    benefit_summary,
    figures_from_inputs,
)
from handslag.projects.permissions import access_project

router = Router(tags=["benefits"])

MAX_LINES = 200


class LineIn(Schema):
    name: str = Field(..., max_length=200)
    kind: str = Field(..., max_length=10)
    category: str = Field(..., max_length=30)
    first_year: int = 0
    last_year: int = 0
    low: Decimal
    likely: Decimal
    high: Decimal
    source: str = Field("", max_length=300)


class LinePatch(Schema):
    name: str | None = Field(None, max_length=200)
    kind: str | None = Field(None, max_length=10)
    category: str | None = Field(None, max_length=30)
    first_year: int | None = None
    last_year: int | None = None
    low: Decimal | None = None
    likely: Decimal | None = None
    high: Decimal | None = None
    source: str | None = Field(None, max_length=300)


class LineOut(Schema):
    id: int
    name: str
    kind: str
    category: str
    first_year: int
    last_year: int
    low: Decimal
    likely: Decimal
    high: Decimal
    source: str


class ModelIn(Schema):
    name: str = Field(..., max_length=200)
    scenario: str = "forecast"
    discount_rate: Decimal = Decimal("0.035")
    horizon_years: int = 10
    price_base_year: int = 2024


class ModelOut(Schema):
    id: int
    project_id: int
    name: str
    scenario: str
    discount_rate: Decimal
    horizon_years: int
    price_base_year: int
    created_at: dt.datetime


class ModelDetailOut(ModelOut):
    lines: list[LineOut]


class EvaluateIn(Schema):
    discount_rate: Decimal = Decimal("0.035")
    horizon_years: int = 10
    lines: list[LineIn] = Field(..., max_length=MAX_LINES)


class YearOut(Schema):
    year: int
    costs: float
    benefits: float
    net: float
    discount_factor: float
    discounted_net: float


class LineValueOut(Schema):
    name: str
    kind: str
    category: str
    present_value: float


class MonteCarloOut(Schema):
    iterations: int
    seed: int
    p_npv_positive: float
    p10: float
    p50: float
    p90: float
    mean: float


class FiguresOut(Schema):
    available: bool
    message: str
    discount_rate: float
    horizon_years: int
    pv_benefits: float
    pv_costs: float
    npv: float
    bcr: float | None
    npv_ratio: float | None
    irr: float | None
    irr_note: str
    simple_payback_year: int | None
    discounted_payback_year: int | None
    years: list[YearOut]
    lines: list[LineValueOut]
    monte_carlo: MonteCarloOut | None
    engine_version: str


class HeadlineOut(Schema):
    model_id: int
    name: str
    npv: float
    bcr: float | None
    pv_benefits: float
    pv_costs: float


class SummaryOut(Schema):
    forecast: HeadlineOut | None
    outturn: HeadlineOut | None
    realisation_ratio: float | None


def _line_out(line: BenefitLine) -> dict[str, Any]:
    return {key: getattr(line, key) for key in ("id", *services.LINE_FIELDS)}


def _model_out(model: BenefitModel, lines: bool = False) -> dict[str, Any]:
    data = {
        "id": model.pk,
        "project_id": model.project_id,
        "name": model.name,
        "scenario": model.scenario,
        "discount_rate": model.discount_rate,
        "horizon_years": model.horizon_years,
        "price_base_year": model.price_base_year,
        "created_at": model.created_at,
    }
    if lines:
        data["lines"] = [_line_out(line) for line in benefit_line_list(model=model)]
    return data


@router.get(
    "/projects/{project_id}/models", response=list[ModelOut], summary="A project's benefit models"
)
def model_list(request: HttpRequest, project_id: int) -> list[dict]:
    project = access_project(user=request.user, project_id=project_id)
    return [_model_out(m) for m in benefit_model_list(project=project)[:100]]


@router.post(
    "/projects/{project_id}/models",
    response={201: ModelDetailOut},
    summary="Create a benefit model",
)
def model_create(request: HttpRequest, project_id: int, payload: ModelIn) -> tuple[int, dict]:
    project = access_project(user=request.user, project_id=project_id, manage=True)
    model = services.benefit_model_create(actor=request.user, project=project, **payload.dict())
    return 201, _model_out(model, lines=True)


@router.get(
    "/projects/{project_id}/summary",
    response={200: SummaryOut, 204: None},
    summary="The project's benefit figure (latest forecast, outturn, realisation)",
)
def summary(request: HttpRequest, project_id: int) -> Any:  # noqa: ANN401
    project = access_project(user=request.user, project_id=project_id)
    data = benefit_summary(project=project)
    return (204, None) if data is None else data


@router.get("/models/{model_id}", response=ModelDetailOut, summary="A benefit model and its lines")
def model_get(request: HttpRequest, model_id: int) -> dict:
    return _model_out(access_benefit_model(user=request.user, model_id=model_id), lines=True)


@router.get("/models/{model_id}/figures", response=FiguresOut, summary="The model's figures")
def model_figures(request: HttpRequest, model_id: int) -> dict:
    model = access_benefit_model(user=request.user, model_id=model_id)
    return benefit_figures(model=model).as_dict()


@router.post("/models/{model_id}/lines", response={201: LineOut}, summary="Add a cost or benefit")
def line_add(request: HttpRequest, model_id: int, payload: LineIn) -> tuple[int, dict]:
    model = access_benefit_model(user=request.user, model_id=model_id, manage=True)
    line = services.benefit_line_add(actor=request.user, model=model, **payload.dict())
    return 201, _line_out(line)


@router.patch("/lines/{line_id}", response=LineOut, summary="Change a line")
def line_update(request: HttpRequest, line_id: int, payload: LinePatch) -> dict:
    line = access_benefit_line(user=request.user, line_id=line_id, manage=True)
    fields = payload.dict(exclude_unset=True)
    line = services.benefit_line_update(actor=request.user, line=line, **fields)
    return _line_out(line)


@router.delete("/lines/{line_id}", response={204: None}, summary="Remove a line")
def line_delete(request: HttpRequest, line_id: int) -> tuple[int, None]:
    line = access_benefit_line(user=request.user, line_id=line_id, manage=True)
    services.benefit_line_remove(actor=request.user, line=line)
    return 204, None


class _PostedLine:
    """A validated posted line, shaped like a stored one for the engine adapter."""

    def __init__(self, data: dict[str, Any]) -> None:
        for key, value in data.items():
            setattr(self, key, value)


@router.post("/evaluate", response=FiguresOut, summary="Evaluate a posted benefit model")
def evaluate(request: HttpRequest, payload: EvaluateIn) -> dict:
    """Stateless: nothing is stored. Bad input answers 400 with the same messages as the forms."""
    params = services.check_parameters(
        discount_rate=payload.discount_rate, horizon_years=payload.horizon_years
    )
    lines, errors = [], {}
    for index, line in enumerate(payload.lines):
        try:
            lines.append(services.check_line(horizon_years=params["horizon_years"], **line.dict()))
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors[f"lines[{index}].{field}"] = messages
    if errors:
        raise ValidationError(errors)
    services.check_lines_unique(lines)
    figures = figures_from_inputs(
        discount_rate=params["discount_rate"],
        horizon_years=params["horizon_years"],
        lines=[_PostedLine(line) for line in lines],
    )
    if not figures.available:
        raise ValidationError({"lines": figures.message or _("The model cannot be evaluated.")})
    return figures.as_dict()
