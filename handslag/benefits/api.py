"""JSON API for benefit models (mounted at /api/v1/benefits/).

The operations call the same permissions, services and engine adapter as the pages.
Rates are fractions (0.035 for 3.5 %); amounts are SEK per year in fixed prices.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from handslag.accounts.models import Organisation
from handslag.benefits import services
from handslag.benefits.models import BenefitLine, BenefitModel
from handslag.benefits.permissions import access_benefit_line, access_benefit_model
from handslag.benefits.posted import figures_from_data
from handslag.benefits.realised import outturn_from_pilot, realised_benefit
from handslag.benefits.report import portfolio, portfolio_projects
from handslag.benefits.schemas import (
    ComparisonOut,
    EvaluateIn,
    FiguresOut,
    LineIn,
    LineOut,
    LinePatch,
    ModelDetailOut,
    ModelIn,
    ModelOut,
    ParameterOut,
    PortfolioOut,
    RealisedOut,
    SummaryOut,
)
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
        # LineOut reads the fields from the lines themselves.
        data["lines"] = list(benefit_line_list(model=model))
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
def line_add(request: HttpRequest, model_id: int, payload: LineIn) -> tuple[int, BenefitLine]:
    model = access_benefit_model(user=request.user, model_id=model_id, manage=True)
    line = services.benefit_line_add(actor=request.user, model=model, **payload.dict())
    return 201, line


@router.patch("/lines/{line_id}", response=LineOut, summary="Change a line")
def line_update(request: HttpRequest, line_id: int, payload: LinePatch) -> BenefitLine:
    line = access_benefit_line(user=request.user, line_id=line_id, manage=True)
    fields = payload.dict(exclude_unset=True)
    line = services.benefit_line_update(actor=request.user, line=line, **fields)
    return line


@router.delete("/lines/{line_id}", response={204: None}, summary="Remove a line")
def line_delete(request: HttpRequest, line_id: int) -> tuple[int, None]:
    line = access_benefit_line(user=request.user, line_id=line_id, manage=True)
    services.benefit_line_remove(actor=request.user, line=line)
    return 204, None


@router.post("/evaluate", response=FiguresOut, summary="Evaluate a posted benefit model")
def evaluate(request: HttpRequest, payload: EvaluateIn) -> dict:
    """Stateless: nothing is stored. Bad input answers 400 with the same messages as the forms."""
    return figures_from_data(payload.dict(), analysis=True).as_dict()


@router.get(
    "/models/{model_id}/parameters",
    response=list[ParameterOut],
    summary="Every parameter behind the figures, with source, version and price base",
)
def model_parameters(request: HttpRequest, model_id: int) -> list[dict]:
    model = access_benefit_model(user=request.user, model_id=model_id)
    return parameter_sources(model=model)


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
