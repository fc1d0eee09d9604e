"""JSON API for projects, stages, gates and team, at /api/v1/projects/.

Thin: the same permissions, selectors and services as the pages, so no rule exists twice.
"""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import paginate

from handslag.accounts.models import Organisation, User
from handslag.accounts.roles import OrganisationKind
from handslag.core.render import file_response, to_xlsx
from handslag.needs.models import NeedStatement
from handslag.needs.permissions import access_need
from handslag.projects import advisor, services
from handslag.projects.models import (
    ProcedureTemplate,
    Project,
    ThresholdValue,
    WorkspaceArea,
)
from handslag.projects.permissions import (
    access_area,
    access_checklist_item,
    access_member,
    access_project,
    access_resource,
    access_risk,
    access_stage,
    access_template,
)
from handslag.projects.schemas import (
    AdviceOut,
    AdvisorIn,
    BudgetLineIn,
    BudgetLineOut,
    ChecklistItemIn,
    ChecklistItemOut,
    EffortLineIn,
    EffortLineOut,
    ErrorOut,
    FundingSourceIn,
    FundingSourceOut,
    GatePassIn,
    JointProjectIn,
    JointProjectOut,
    MemberIn,
    MemberOut,
    PartnerAddIn,
    ProjectIn,
    ProjectOut,
    ResourcesOut,
    RiskDetailOut,
    RiskIn,
    RiskOut,
    RiskPatch,
    StageDatesIn,
    StageOut,
    StopIn,
    TemplateCopyIn,
    TemplateOut,
    TemplateReviseIn,
    ThresholdFilters,
    ThresholdOut,
    TimelineOut,
)
from handslag.projects.selectors import (
    default_template,
    project_for_board,
    project_list_visible,
    project_position,
    resource_sheets,
    resources_for,
    risk_list_visible,
    risk_register_rows,
    template_for_key,
    template_list_visible,
    threshold_list,
    threshold_row_for,
    threshold_table,
)
from handslag.projects.timeline import project_timeline

router = Router(tags=["projects"])

ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


def _project(project: Project) -> dict:
    position = project_position(project=project)
    return {
        "id": project.pk,
        "title": project.title,
        "summary": project.summary,
        "organisation_id": project.organisation_id,
        "organisation": project.organisation.name,
        "partner_buyer_ids": [o.pk for o in project.partner_buyers.all()],
        "template_id": project.template_id,
        "template_key": project.template.key,
        "template_version": project.template.version,
        "need_ids": [n.pk for n in project.needs.all()],
        "status": project.status,
        "status_reason": project.status_reason,
        "status_changed_at": project.status_changed_at,
        "current_stage_id": position.current.pk if position.current else None,
        "current_stage": position.current.name if position.current else None,
        "where": position.where,
        "next_decision": position.next_decision,
        "created_at": project.created_at,
    }


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


@router.get(
    "/{int:project_id}/members",
    response={200: list[MemberOut], 404: ErrorOut},
    summary="The team: one row per role held",
)
def member_list(request: HttpRequest, project_id: int):
    project = access_project(user=request.user, project_id=project_id)
    return project.members.select_related("user").order_by("pk")


@router.post(
    "/{int:project_id}/members",
    response={201: MemberOut, **ERRORS},
    summary="Give a person a role in the project",
)
def member_add(request: HttpRequest, project_id: int, payload: MemberIn):
    project = access_project(user=request.user, project_id=project_id)
    user = User.objects.filter(pk=payload.user_id).first()
    if user is None:
        raise ValidationError({"user_id": _("There is no such person.")})
    member = services.project_member_add(
        project=project, actor=request.user, user=user, role=payload.role
    )
    return 201, member


@router.delete(
    "/members/{int:member_id}",
    response={204: None, **ERRORS},
    summary="Take a role away from a person",
)
def member_remove(request: HttpRequest, member_id: int):
    member = access_member(user=request.user, member_id=member_id)
    services.project_member_remove(member=member, actor=request.user)
    return 204, None


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


@router.get(
    "/{int:project_id}/timeline",
    response={200: TimelineOut, 404: ErrorOut},
    summary="Planned against actual dates per stage, with warnings",
)
def timeline_get(request: HttpRequest, project_id: int):
    access_project(user=request.user, project_id=project_id)
    timeline = project_timeline(project=project_for_board(project_id=project_id))
    return {
        "summary": timeline.summary,
        "rows": [
            {
                "stage_id": r.stage.pk,
                "order": r.stage.order,
                "name": r.stage.name,
                "status": r.stage.status,
                "planned_start": r.stage.planned_start,
                "planned_end": r.stage.planned_end,
                "planned_days": r.planned_days,
                "typical_days": r.stage.typical_days,
                "actual_start": r.stage.actual_start,
                "actual_end": r.stage.actual_end,
                "actual_days": r.actual_days,
                "late": r.late,
                "warnings": r.warnings,
            }
            for r in timeline.rows
        ],
    }


# --- Procedure templates per organisation ----------------------------------------------------


def _template_out(template_id: int) -> ProcedureTemplate:
    return ProcedureTemplate.objects.prefetch_related("stages__items").get(pk=template_id)


@router.post(
    "/templates/{int:template_id}/copy",
    response={201: TemplateOut, **ERRORS},
    summary="Copy a template as your organisation's next version",
)
def template_copy(request: HttpRequest, template_id: int, payload: TemplateCopyIn):
    template = access_template(user=request.user, template_id=template_id)
    organisation = Organisation.objects.filter(pk=payload.organisation_id).first()
    if organisation is None:
        raise ValidationError({"organisation_id": _("There is no such organisation.")})
    copy = services.template_copy(actor=request.user, template=template, organisation=organisation)
    return 201, _template_out(copy.pk)


@router.post(
    "/templates/{int:template_id}/revise",
    response={201: TemplateOut, **ERRORS},
    summary="Save changed stages and checklists as a new version of your organisation's template",
)
def template_revise(request: HttpRequest, template_id: int, payload: TemplateReviseIn):
    template = access_template(user=request.user, template_id=template_id, edit=True)
    revised = services.template_revise(
        actor=request.user,
        template=template,
        name=payload.name,
        description=payload.description,
        stages=[s.dict() for s in payload.stages],
    )
    return 201, _template_out(revised.pk)


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


# --- Joint projects, at /api/v1/needs/ -----------------------------------------------------
# Started from a need statement, so addressed under it; the project is this app's.
joint_router = Router(tags=["needs"])


@joint_router.post(
    "/statements/{need_id}/joint-project",
    response={201: JointProjectOut},
    summary="Start a joint project with other buyer organisations",
)
def need_joint_project(request: HttpRequest, need_id: int, payload: JointProjectIn):
    need = access_need(user=request.user, need_id=need_id, edit=True)
    template = template_list_visible(user=request.user).filter(pk=payload.template_id).first()
    if template is None:
        raise ValidationError({"template_id": _("Choose one of the procedures offered to you.")})
    partners = list(
        Organisation.objects.filter(pk__in=payload.partner_buyer_ids, kind=OrganisationKind.BUYER)
    )
    if len(partners) != len(set(payload.partner_buyer_ids)):
        raise ValidationError(
            {"partner_buyer_ids": _("Only buyer organisations can own a project together.")}
        )
    project = services.need_joint_project_start(
        actor=request.user,
        need=need,
        title=payload.title,
        template=template,
        partner_buyers=partners,
        summary=payload.summary,
    )
    return 201, {
        "project_id": project.pk,
        "partner_buyer_ids": sorted(p.pk for p in project.partner_buyers.all()),
    }


# --- Thresholds and the procedure advisor ----------------------------------------------------


def _threshold(row: ThresholdValue | None) -> dict | None:
    if row is None:
        return None
    return {
        "category": row.category,
        "category_label": row.get_category_display(),
        **{
            name: getattr(row, name)
            for name in (
                "valid_from",
                "valid_to",
                "sek_value",
                "eur_value",
                "source_title",
                "source_url",
                "legal_basis",
            )
        },
    }


@router.get(
    "/thresholds",
    response=list[ThresholdOut],
    summary="EU thresholds and the direct-award limit, with their periods and sources",
)
def threshold_list_api(request: HttpRequest, filters: Query[ThresholdFilters]):
    return [_threshold(row) for row in threshold_list(on=filters.on)]


@router.get(
    "/advisor",
    response=AdviceOut,
    summary="The procedure advisor: the procedure that fits, why, and the thresholds it used",
)
def procedure_advisor_api(request: HttpRequest, answers: Query[AdvisorIn]):
    on = answers.advice_date or timezone.localdate()
    advice = advisor.recommend(
        advisor.Answers(
            **answers.dict(exclude={"advice_date"}),
        ),
        table=threshold_table(),
        on=on,
    )
    templates = {key: template_for_key(user=request.user, key=key) for key in advisor.ALL_KEYS}
    chosen = templates[advice.key]
    return {
        "key": advice.key,
        "template_id": chosen.pk if chosen else None,
        "template_name": chosen.name if chosen else "",
        "reasons": advice.reasons,
        "notes": advice.notes,
        "ruled_out": [
            {"key": key, "template_id": templates[key].pk if templates[key] else None, "reason": r}
            for key, r in advice.ruled_out.items()
        ],
        "advice_date": on,
        "above_threshold": advice.above_threshold,
        "comparison": advice.comparison,
        "threshold": _threshold(threshold_row_for(advice.threshold)),
        "direct_award_limit": _threshold(threshold_row_for(advice.direct_award_limit)),
        "direct_award_allowed": advice.direct_award_allowed,
    }
