"""JSON API for benefit models (mounted at /api/v1/benefits/).

The operations call the same permissions, services and engine adapter as the pages.
Rates are fractions (0.035 for 3.5 %); amounts are SEK per year in fixed prices.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from handslag.accounts.models import Organisation
from handslag.benefits import services
from handslag.benefits.models import BenefitLine, BenefitModel
from handslag.benefits.permissions import access_benefit_line, access_benefit_model
from handslag.benefits.posted import figures_from_data
from handslag.benefits.realised import outturn_from_pilot, realised_benefit
from handslag.benefits.report import portfolio, portfolio_projects
from handslag.benefits.selectors import (
    benefit_figures,
    benefit_line_list,
    benefit_model_list,
    benefit_summary,
    parameter_sources,
    scenario_comparison,
)
from handslag.core.permissions import not_found
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
    optimism_bias: Decimal = Decimal("0")
    discount_schedule: str = Field("constant", max_length=20)


class ModelOut(Schema):
    id: int
    project_id: int
    name: str
    scenario: str
    discount_rate: Decimal
    horizon_years: int
    price_base_year: int
    optimism_bias: Decimal
    discount_schedule: str
    from_pilot: bool
    created_at: dt.datetime


class ModelDetailOut(ModelOut):
    lines: list[LineOut]


class EvaluateIn(Schema):
    discount_rate: Decimal = Decimal("0.035")
    horizon_years: int = 10
    price_base_year: int = 2024
    optimism_bias: Decimal = Decimal("0")
    discount_schedule: str = Field("constant", max_length=20)
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


class HistogramBinOut(Schema):
    low: float
    high: float
    count: int


class TornadoOut(Schema):
    name: str
    kind: str
    low_multiplier: float
    high_multiplier: float
    npv_low: float
    npv_high: float
    from_range: bool
    switching_value: float | None
    elasticity: float | None
    critical: bool


class MonteCarloOut(Schema):
    histogram: list[HistogramBinOut] = []
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
    optimism_bias: float = 0.0
    discount_schedule: str = "constant"
    tornado: list[TornadoOut] = []
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
        "optimism_bias": model.optimism_bias,
        "discount_schedule": model.discount_schedule,
        "from_pilot": model.from_pilot,
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
def summary(request: HttpRequest, project_id: int) -> Any:
    project = access_project(user=request.user, project_id=project_id)
    data = benefit_summary(project=project)
    return (204, None) if data is None else data


@router.get("/models/{model_id}", response=ModelDetailOut, summary="A benefit model and its lines")
def model_get(request: HttpRequest, model_id: int) -> dict:
    return _model_out(access_benefit_model(user=request.user, model_id=model_id), lines=True)


@router.get("/models/{model_id}/figures", response=FiguresOut, summary="The model's figures")
def model_figures(request: HttpRequest, model_id: int) -> dict:
    model = access_benefit_model(user=request.user, model_id=model_id)
    return benefit_figures(model=model, analysis=True).as_dict()


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


@router.post("/evaluate", response=FiguresOut, summary="Evaluate a posted benefit model")
def evaluate(request: HttpRequest, payload: EvaluateIn) -> dict:
    """Stateless: nothing is stored. Bad input answers 400 with the same messages as the forms."""
    return figures_from_data(payload.dict(), analysis=True).as_dict()


class ParameterOut(Schema):
    label: str
    value: str
    source: str
    version: str
    price_base_year: int | None


@router.get(
    "/models/{model_id}/parameters",
    response=list[ParameterOut],
    summary="Every parameter behind the figures, with source, version and price base",
)
def model_parameters(request: HttpRequest, model_id: int) -> list[dict]:
    model = access_benefit_model(user=request.user, model_id=model_id)
    return parameter_sources(model=model)


class ScenarioOut(Schema):
    model: ModelOut
    figures: FiguresOut


class ComparisonOut(Schema):
    scenarios: list[ScenarioOut]
    realisation_ratio: float | None


@router.get(
    "/projects/{project_id}/comparison",
    response=ComparisonOut,
    summary="The latest forecast and outturn side by side",
)
def comparison(request: HttpRequest, project_id: int) -> dict:
    project = access_project(user=request.user, project_id=project_id)
    data = scenario_comparison(project=project)
    return {
        "scenarios": [
            {"model": _model_out(c.model), "figures": c.figures.as_dict()} for c in data["columns"]
        ],
        "realisation_ratio": data["realisation_ratio"],
    }


class RealisedOut(Schema):
    kpi_id: int
    indicator: str
    unit: str
    year: int
    measurements: int
    mean: Decimal
    improvement: Decimal
    realised: Decimal
    model_year: int | None
    forecast: Decimal | None
    ratio: float | None


@router.get(
    "/projects/{project_id}/realised",
    response=list[RealisedOut],
    summary="Realised benefit per pilot KPI and year, against the forecast",
)
def realised(request: HttpRequest, project_id: int) -> list[dict]:
    project = access_project(user=request.user, project_id=project_id)
    return [
        {
            "kpi_id": row.kpi.pk,
            "indicator": row.kpi.indicator,
            "unit": row.kpi.unit,
            "year": row.period.year,
            "measurements": row.period.count,
            "mean": row.period.mean,
            "improvement": row.period.improvement,
            "realised": row.period.realised,
            "model_year": row.model_year,
            "forecast": row.forecast,
            "ratio": row.ratio,
        }
        for row in realised_benefit(project=project)
    ]


@router.post(
    "/projects/{project_id}/outturn",
    response=ModelDetailOut,
    summary="Build or refresh the outturn scenario from the pilot's measurements",
)
def outturn(request: HttpRequest, project_id: int) -> dict:
    project = access_project(user=request.user, project_id=project_id, manage=True)
    model = outturn_from_pilot(actor=request.user, project=project)
    return _model_out(model, lines=True)


class PortfolioOut(Schema):
    project_id: int
    title: str
    stage: str
    npv: float | None
    p_npv_positive: float | None
    realisation_ratio: float | None


@router.get(
    "/portfolio/{organisation_id}",
    response=list[PortfolioOut],
    summary="An organisation's projects with stage, NPV, P(NPV>0) and realisation (first 100)",
)
def portfolio_list(request: HttpRequest, organisation_id: int) -> list[dict]:
    if organisation_id not in request.user.buyer_organisation_ids or not (
        Organisation.objects.filter(pk=organisation_id).exists()
    ):
        raise not_found()
    projects = portfolio_projects(user=request.user, organisation_id=organisation_id)[:100]
    return [
        {
            "project_id": item.project.pk,
            "title": item.project.title,
            "stage": item.where,
            "npv": item.npv,
            "p_npv_positive": item.p_npv_positive,
            "realisation_ratio": item.realisation_ratio,
        }
        for item in portfolio(projects=projects)
    ]
