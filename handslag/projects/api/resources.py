"""Resources: budget, effort and funding."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from handslag.accounts.models import User
from handslag.core.render import file_response, to_xlsx
from handslag.projects import services
from handslag.projects.api.base import ERRORS, router
from handslag.projects.models import (
    Project,
    WorkspaceArea,
)
from handslag.projects.permissions import (
    access_area,
    access_resource,
)
from handslag.projects.schemas import (
    BudgetLineIn,
    BudgetLineOut,
    EffortLineIn,
    EffortLineOut,
    ErrorOut,
    FundingSourceIn,
    FundingSourceOut,
    ResourcesOut,
)
from handslag.projects.selectors import (
    resource_sheets,
    resources_for,
)

# --- Resources -------------------------------------------------------------------------------

RESOURCE_IN = {"budget": BudgetLineIn, "hours": EffortLineIn, "funding": FundingSourceIn}


def _resource_fields(project: Project, payload: dict) -> dict:
    """Turn *_id fields into the project's own objects; anything else is the service's job."""
    fields = dict(payload)
    if "funding_source_id" in fields:
        source_id = fields.pop("funding_source_id")
        fields["funding_source"] = None
        if source_id is not None:
            fields["funding_source"] = project.funding_sources.filter(pk=source_id).first()
            if fields["funding_source"] is None:
                raise ValidationError(
                    {"funding_source_id": _("Choose a funding source of this project.")}
                )
    if "stage_id" in fields:
        stage_id = fields.pop("stage_id")
        fields["stage"] = None
        if stage_id is not None:
            fields["stage"] = project.stages.filter(pk=stage_id).first()
            if fields["stage"] is None:
                raise ValidationError({"stage_id": _("Choose a stage of this project.")})
    return fields


def _resources_out(user: User, project: Project) -> dict:
    data = resources_for(user=user, project=project)
    return {
        **{k: data[k] for k in ("over_budget", "hours_over")},
        "planned": int(data["planned"]),
        "spent": int(data["spent"]),
        "granted": int(data["granted"]),
        "hours_planned": float(data["hours_planned"]),
        "hours_spent": float(data["hours_spent"]),
        "budget_lines": data["budget_lines"],
        "effort_lines": data["effort_lines"],
        "funding_sources": data["funding_sources"],
    }


@router.get(
    "/{int:project_id}/resources",
    response={200: ResourcesOut, 403: ErrorOut, 404: ErrorOut},
    summary="Budget lines, hours and funding sources, with totals",
)
def resources_get(request: HttpRequest, project_id: int):
    project = access_area(user=request.user, project_id=project_id, area=WorkspaceArea.RESOURCES)
    return _resources_out(request.user, project)


@router.get(
    "/{int:project_id}/resources.xlsx",
    response={403: ErrorOut, 404: ErrorOut},
    summary="The resources as a spreadsheet (XLSX), one sheet each",
)
def resources_export(request: HttpRequest, project_id: int):
    project = access_area(user=request.user, project_id=project_id, area=WorkspaceArea.RESOURCES)
    content = to_xlsx(resource_sheets(user=request.user, project=project))
    return file_response(content, filename=f"resurser-projekt-{project.pk}", kind="xlsx")


def _add(request: HttpRequest, project_id: int, kind: str, payload: dict):
    project = access_area(user=request.user, project_id=project_id, area=WorkspaceArea.RESOURCES)
    return services.resource_save(
        actor=request.user, project=project, kind=kind, fields=_resource_fields(project, payload)
    )


@router.post(
    "/{int:project_id}/resources/budget",
    response={201: BudgetLineOut, **ERRORS},
    summary="Add a budget line",
)
def budget_line_add(request: HttpRequest, project_id: int, payload: BudgetLineIn):
    return 201, _add(request, project_id, "budget", payload.dict())


@router.post(
    "/{int:project_id}/resources/hours",
    response={201: EffortLineOut, **ERRORS},
    summary="Add hours planned and spent",
)
def effort_line_add(request: HttpRequest, project_id: int, payload: EffortLineIn):
    return 201, _add(request, project_id, "hours", payload.dict())


@router.post(
    "/{int:project_id}/resources/funding",
    response={201: FundingSourceOut, **ERRORS},
    summary="Add a funding source with its conditions",
)
def funding_source_add(request: HttpRequest, project_id: int, payload: FundingSourceIn):
    return 201, _add(request, project_id, "funding", payload.dict())


@router.delete(
    "/resources/{kind}/{int:resource_id}",
    response={204: None, **ERRORS},
    summary="Remove a budget line, hours or a funding source (kind: budget, hours, funding)",
)
def resource_remove(request: HttpRequest, kind: str, resource_id: int):
    instance = access_resource(user=request.user, kind=kind, resource_id=resource_id)
    services.resource_delete(actor=request.user, instance=instance)
    return 204, None
