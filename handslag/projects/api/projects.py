"""Projects, their stages, checklists, gates, stop and partner buyers."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.pagination import paginate

from handslag.accounts.models import Organisation
from handslag.needs.models import NeedStatement
from handslag.projects import services
from handslag.projects.api.base import ERRORS, _project, router
from handslag.projects.permissions import (
    access_checklist_item,
    access_project,
    access_stage,
)
from handslag.projects.schemas import (
    ChecklistItemIn,
    ChecklistItemOut,
    ErrorOut,
    GatePassIn,
    PartnerAddIn,
    ProjectIn,
    ProjectOut,
    StageDatesIn,
    StageOut,
    StopIn,
    TemplateOut,
)
from handslag.projects.selectors import (
    default_template,
    project_for_board,
    project_list_visible,
    template_list_visible,
)


@router.get("/templates", response=list[TemplateOut], summary="Procedure templates you can use")
def template_list(request: HttpRequest):
    return template_list_visible(user=request.user).prefetch_related("stages__items")


@router.get("/", response=list[ProjectOut], summary="Projects you can see")
@paginate
def project_list(request: HttpRequest):
    projects = project_list_visible(user=request.user).prefetch_related("needs", "partner_buyers")
    return [_project(p) for p in projects]


@router.post("/", response={201: ProjectOut, **ERRORS}, summary="Start a project")
def project_create(request: HttpRequest, payload: ProjectIn):
    organisation = Organisation.objects.filter(pk=payload.organisation_id).first()
    if organisation is None:
        raise ValidationError({"organisation_id": _("There is no such organisation.")})
    if payload.template_id is None:
        template = default_template()
    else:
        template = template_list_visible(user=request.user).filter(pk=payload.template_id).first()
    if template is None:
        raise ValidationError({"template_id": _("Choose one of the procedures offered to you.")})
    needs = list(NeedStatement.objects.filter(pk__in=payload.need_ids))
    if len(needs) != len(set(payload.need_ids)):
        raise ValidationError({"need_ids": _("One or more need statements do not exist.")})
    partners = list(Organisation.objects.filter(pk__in=payload.partner_buyer_ids))
    if len(partners) != len(set(payload.partner_buyer_ids)):
        raise ValidationError({"partner_buyer_ids": _("One or more organisations do not exist.")})
    project = services.project_create(
        actor=request.user,
        organisation=organisation,
        title=payload.title,
        summary=payload.summary,
        template=template,
        needs=needs,
        partner_buyers=partners,
    )
    return 201, _project(project_for_board(project_id=project.pk))


@router.get("/{int:project_id}", response={200: ProjectOut, 404: ErrorOut}, summary="One project")
def project_get(request: HttpRequest, project_id: int):
    access_project(user=request.user, project_id=project_id)
    return _project(project_for_board(project_id=project_id))


@router.get(
    "/{int:project_id}/stages",
    response={200: list[StageOut], 404: ErrorOut},
    summary="The project's stages with their checklists",
)
def stage_list(request: HttpRequest, project_id: int):
    access_project(user=request.user, project_id=project_id)
    return list(project_for_board(project_id=project_id).stages.all())


@router.patch(
    "/stages/{int:stage_id}",
    response={200: StageOut, **ERRORS},
    summary="Change a stage's planned dates",
)
def stage_update(request: HttpRequest, stage_id: int, payload: StageDatesIn):
    stage = access_stage(user=request.user, stage_id=stage_id)
    fields = payload.dict(exclude_unset=True)
    if not fields:
        raise ValidationError(_("Send at least one field to change."))
    stage = services.stage_dates_update(
        stage=stage,
        actor=request.user,
        planned_start=fields.get("planned_start", stage.planned_start),
        planned_end=fields.get("planned_end", stage.planned_end),
    )
    return stage


@router.post(
    "/checklist-items/{int:item_id}",
    response={200: ChecklistItemOut, **ERRORS},
    summary="Mark a checklist item of the current stage done or not done",
)
def checklist_item_set(request: HttpRequest, item_id: int, payload: ChecklistItemIn):
    item = access_checklist_item(user=request.user, item_id=item_id)
    return services.checklist_item_set_done(
        item=item, actor=request.user, done=payload.done, evidence_url=payload.evidence_url
    )


@router.post(
    "/stages/{int:stage_id}/gate",
    response={200: StageOut, **ERRORS},
    summary="Pass the gate of the stage in progress and open the next stage",
)
def gate_pass(request: HttpRequest, stage_id: int, payload: GatePassIn):
    stage = access_stage(user=request.user, stage_id=stage_id)
    stage = services.gate_pass(
        stage=stage,
        actor=request.user,
        override_reason=payload.override_reason,
        lesson=payload.lesson.dict() if payload.lesson else None,
    )
    return stage


@router.post(
    "/{int:project_id}/stop",
    response={200: ProjectOut, **ERRORS},
    summary="Stop the project, with the reason",
)
def project_stop(request: HttpRequest, project_id: int, payload: StopIn):
    project = access_project(user=request.user, project_id=project_id)
    services.project_stop(project=project, actor=request.user, reason=payload.reason)
    return _project(project_for_board(project_id=project_id))


@router.post(
    "/{int:project_id}/partners",
    response={200: ProjectOut, **ERRORS},
    summary="Another buyer organisation joins the project as a joint owner",
)
def project_partner_add(request: HttpRequest, project_id: int, payload: PartnerAddIn):
    project = access_project(user=request.user, project_id=project_id)
    organisation = Organisation.objects.filter(pk=payload.organisation_id).first()
    if organisation is None:
        raise ValidationError({"organisation": _("No such organisation.")})
    needs = list(NeedStatement.objects.filter(pk__in=payload.need_ids))
    if len(needs) != len(set(payload.need_ids)):
        raise ValidationError({"needs": _("A need statement in the list does not exist.")})
    services.project_partner_add(
        project=project, actor=request.user, organisation=organisation, needs=needs
    )
    return _project(project_for_board(project_id=project_id))
