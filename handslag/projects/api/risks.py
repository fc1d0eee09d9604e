"""The risk register."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.pagination import paginate

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
    access_risk,
)
from handslag.projects.schemas import (
    ErrorOut,
    RiskDetailOut,
    RiskIn,
    RiskOut,
    RiskPatch,
)
from handslag.projects.selectors import (
    risk_list_visible,
    risk_register_rows,
)

# --- Risk register ---------------------------------------------------------------------------


def _owner(project: Project, owner_id: int | None) -> User | None:
    if owner_id is None:
        return None
    owner = User.objects.filter(pk=owner_id, project_memberships__project=project).first()
    if owner is None:
        raise ValidationError({"owner_id": _("The owner of a risk must be in the project team.")})
    return owner


@router.get(
    "/{int:project_id}/risks",
    response={200: list[RiskOut], 403: ErrorOut, 404: ErrorOut},
    summary="The risk register, most serious first",
)
@paginate
def risk_list(request: HttpRequest, project_id: int):
    project = access_area(user=request.user, project_id=project_id, area=WorkspaceArea.RISKS)
    return list(risk_list_visible(user=request.user, project=project))


@router.get(
    "/{int:project_id}/risks.xlsx",
    response={403: ErrorOut, 404: ErrorOut},
    summary="The risk register as a spreadsheet (XLSX)",
)
def risk_export(request: HttpRequest, project_id: int):
    project = access_area(user=request.user, project_id=project_id, area=WorkspaceArea.RISKS)
    header, rows = risk_register_rows(user=request.user, project=project)
    content = to_xlsx([(str(_("Risk register")), header, rows)])
    return file_response(content, filename=f"risker-projekt-{project.pk}", kind="xlsx")


@router.post(
    "/{int:project_id}/risks", response={201: RiskOut, **ERRORS}, summary="Register a risk"
)
def risk_create(request: HttpRequest, project_id: int, payload: RiskIn):
    project = access_area(user=request.user, project_id=project_id, area=WorkspaceArea.RISKS)
    fields = payload.dict()
    owner = _owner(project, fields.pop("owner_id"))
    risk = services.risk_create(actor=request.user, project=project, owner=owner, **fields)
    return 201, risk


@router.get(
    "/risks/{int:risk_id}",
    response={200: RiskDetailOut, 404: ErrorOut},
    summary="One risk with the history of every change",
)
def risk_get(request: HttpRequest, risk_id: int):
    return access_risk(user=request.user, risk_id=risk_id)


@router.patch("/risks/{int:risk_id}", response={200: RiskOut, **ERRORS}, summary="Change a risk")
def risk_update(request: HttpRequest, risk_id: int, payload: RiskPatch):
    risk = access_risk(user=request.user, risk_id=risk_id)
    fields = payload.dict(exclude_unset=True)
    if not fields:
        raise ValidationError(_("Send at least one field to change."))
    if "owner_id" in fields:
        fields["owner"] = _owner(risk.project, fields.pop("owner_id"))
    for name in ("title", "probability", "impact", "status", "internal_only"):
        if name in fields and fields[name] is None:
            raise ValidationError({name: _("This field cannot be empty.")})
    return services.risk_update(actor=request.user, risk=risk, **fields)
