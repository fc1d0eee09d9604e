"""The project workspace: list, create, stage board, checklist, gates, team, stop."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from handslag.core.forms import add_service_error
from handslag.core.htmx import render_page
from handslag.core.permissions import forbidden, not_found
from handslag.documents.render import file_response, to_xlsx
from handslag.knowledge.selectors import lesson_list_for_project
from handslag.needs.models import NeedStatement
from handslag.needs.permissions import can_view_need
from handslag.projects import services
from handslag.projects.advisor import ALL_KEYS, recommend
from handslag.projects.forms import (
    RESOURCE_FORMS,
    AdvisorForm,
    ChecklistItemForm,
    ExternalAccessForm,
    GatePassForm,
    MemberAddForm,
    PartnerAddForm,
    ProjectCreateForm,
    ProjectStopForm,
    RiskForm,
    StageDatesForm,
    TemplateCopyForm,
    TemplateReviseForm,
)
from handslag.projects.models import (
    ExternalAccess,
    Project,
    ProjectStatus,
    StageStatus,
    WorkspaceArea,
)
from handslag.projects.permissions import (
    access_area,
    access_checklist_item,
    access_member,
    access_project,
    access_project_for_lead,
    access_resource,
    access_risk,
    access_stage,
    access_template,
    can_edit_area,
    can_edit_templates,
    can_lead_project,
    can_manage_project,
    can_view_area,
    can_work_in_project,
    is_external_member,
    template_editor_organisation_ids,
)
from handslag.projects.selectors import (
    competence_matrix,
    project_for_board,
    project_list_visible,
    project_position,
    resource_sheets,
    resources_for,
    risk_history,
    risk_is_overdue,
    risk_list_visible,
    risk_matrix,
    risk_register_rows,
    stage_is_late,
    team_list,
    template_for_key,
    template_list_visible,
)
from handslag.projects.timeline import project_timeline

PAGE_SIZE = 25


def _posted(request: HttpRequest):  # noqa: ANN202
    """The POST data, even when empty, so an empty submission is validated, not ignored."""
    return request.POST if request.method == "POST" else None


@require_GET
def project_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(project_list_visible(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [{"project": p, "position": project_position(project=p)} for p in page]
    return render(
        request,
        "projects/project_list.html",
        {"page_obj": page, "rows": rows, "can_start": request.user.is_buyer_staff},
    )


@require_http_methods(["GET", "POST"])
def project_create(request: HttpRequest) -> HttpResponse:
    initial = {}
    need_id = request.GET.get("need", "")
    if need_id.isdigit():
        # Start from the need's own words, if the person may read that need.
        need = NeedStatement.objects.filter(pk=int(need_id)).first()
        if need is not None and can_view_need(user=request.user, need=need):
            initial.update(needs=[need.pk], title=need.title, summary=need.problem)
    template_id = request.GET.get("template", "")
    # Preselect the procedure the advisor recommended, if the person may use it.
    if (
        template_id.isdigit()
        and template_list_visible(user=request.user).filter(pk=int(template_id)).exists()
    ):
        initial["template"] = int(template_id)
    form = ProjectCreateForm(_posted(request), user=request.user, initial=initial)
    if not form.fields["organisation"].queryset.exists():
        raise forbidden(
            _(
                "Only need owners, procurement officers and administrators of a buyer "
                "organisation can start a project."
            )
        )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            project = services.project_create(
                actor=request.user,
                organisation=data["organisation"],
                title=data["title"],
                summary=data["summary"],
                template=data["template"],
                needs=data["needs"],
                partner_buyers=data["partner_buyers"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The project has started. Its first stage is open."))
            return redirect("projects:project_detail", pk=project.pk)
    return render(
        request,
        "projects/project_form.html",
        {"form": form, "need_id": need_id if need_id.isdigit() else ""},
        status=400 if form.errors else 200,
    )


def _board_context(request: HttpRequest, project: Project) -> dict:
    project = project_for_board(project_id=project.pk)
    position = project_position(project=project)
    user = request.user
    stages = list(project.stages.all())
    late_ids = {s.pk for s in position.late}
    return {
        "project": project,
        "position": position,
        "stages": stages,
        "late_ids": late_ids,
        "current": position.current,
        "is_active": project.status == ProjectStatus.ACTIVE,
        "is_stopped": project.status == ProjectStatus.STOPPED,
        "can_work": can_work_in_project(user=user, project=project),
        "can_manage": can_manage_project(user=user, project=project),
        "can_lead": can_lead_project(user=user, project=project),
        "timeline_warnings": project_timeline(project=project).open_warnings
        if project.status == ProjectStatus.ACTIVE
        else [],
        "can_see_risks": can_view_area(user=user, project=project, area=WorkspaceArea.RISKS),
        "is_external": is_external_member(user=user, project=project),
        "can_see_resources": can_view_area(
            user=user, project=project, area=WorkspaceArea.RESOURCES
        ),
        "gate_form": GatePassForm(),
        "lessons": lesson_list_for_project(user=user, project_id=project.pk)[:10],
        "calls": project.calls.all(),
        "contracts": project.contracts.all(),
        "benefit_models": project.benefit_models.all(),
    }


@require_GET
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = access_project(user=request.user, project_id=pk)
    return render(request, "projects/project_detail.html", _board_context(request, project))


@require_POST
def checklist_item_update(request: HttpRequest, pk: int) -> HttpResponse:
    item = access_checklist_item(user=request.user, item_id=pk)
    project = item.stage.project
    form = ChecklistItemForm(request.POST)
    if form.is_valid():
        try:
            services.checklist_item_set_done(
                item=item,
                actor=request.user,
                done=form.cleaned_data["done"],
                evidence_url=form.cleaned_data["evidence_url"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Enter a complete web address, for example https://…"))
    if request.htmx:
        return render_page(
            request,
            "projects/project_detail.html",
            _board_context(request, project),
            partial="checklist",
        )
    return redirect(reverse("projects:project_detail", args=[project.pk]) + "#checklist")


@require_http_methods(["GET", "POST"])
def gate_pass(request: HttpRequest, pk: int) -> HttpResponse:
    stage = access_stage(user=request.user, stage_id=pk)
    project = stage.project
    if not can_lead_project(user=request.user, project=project):
        raise forbidden(_("Only the project lead can pass a gate."))
    form = GatePassForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.gate_pass(
                stage=stage,
                actor=request.user,
                override_reason=form.cleaned_data["override_reason"],
                lesson=form.lesson(),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("The gate of “%(stage)s” is passed.") % {"stage": stage.name}
            )
            return redirect("projects:project_detail", pk=project.pk)
    items = list(stage.items.all())
    missing = [i for i in items if i.required and not i.done]
    return render(
        request,
        "projects/gate_pass.html",
        {
            "project": project,
            "stage": stage,
            "form": form,
            "missing": missing,
            "is_open": stage.status == StageStatus.OPEN,
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def stage_edit(request: HttpRequest, pk: int) -> HttpResponse:
    stage = access_stage(user=request.user, stage_id=pk)
    project = stage.project
    if not can_manage_project(user=request.user, project=project):
        raise forbidden(_("Only the project lead and procurement officers can change the plan."))
    form = StageDatesForm(
        _posted(request),
        initial={"planned_start": stage.planned_start, "planned_end": stage.planned_end},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.stage_dates_update(
                stage=stage,
                actor=request.user,
                planned_start=form.cleaned_data["planned_start"],
                planned_end=form.cleaned_data["planned_end"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The plan is updated."))
            return redirect("projects:project_detail", pk=project.pk)
    return render(
        request,
        "projects/stage_form.html",
        {"project": project, "stage": stage, "form": form, "late": stage_is_late(stage)},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def project_team(request: HttpRequest, pk: int) -> HttpResponse:
    project = access_project(user=request.user, project_id=pk)
    can_lead = can_lead_project(user=request.user, project=project)
    form = MemberAddForm(_posted(request), project=project) if can_lead else None
    if request.method == "POST":
        if form is None:
            raise forbidden(_("Only the project lead can change the team."))
        if form.is_valid():
            try:
                services.project_member_add(
                    project=project,
                    actor=request.user,
                    user=form.cleaned_data["user"],
                    role=form.cleaned_data["role"],
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The team is updated."))
                return redirect("projects:project_team", pk=project.pk)
    return render(
        request,
        "projects/team.html",
        {
            "project": project,
            "team": team_list(project=project),
            "matrix": competence_matrix(project=project),
            "form": form,
            "can_lead": can_lead,
            "is_active": project.status == ProjectStatus.ACTIVE,
        },
        status=400 if form is not None and form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    member = access_member(user=request.user, member_id=pk)
    project = member.project
    if not can_lead_project(user=request.user, project=project):
        raise forbidden(_("Only the project lead can change the team."))
    team_url = reverse("projects:project_team", args=[project.pk])
    if request.method == "POST":
        try:
            services.project_member_remove(member=member, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The team is updated."))
        return redirect(team_url)
    return render(
        request,
        "projects/member_remove.html",
        {"project": project, "member": member, "team_url": team_url},
    )


@require_http_methods(["GET", "POST"])
def project_stop(request: HttpRequest, pk: int) -> HttpResponse:
    project = access_project_for_lead(user=request.user, project_id=pk)
    form = ProjectStopForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.project_stop(
                project=project, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The project is stopped."))
            return redirect("projects:project_detail", pk=project.pk)
    return render(
        request,
        "projects/project_stop.html",
        {"project": project, "form": form, "is_active": project.status == ProjectStatus.ACTIVE},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def partner_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Another buyer joins the project as a joint owner."""
    project = access_project_for_lead(user=request.user, project_id=pk)
    form = PartnerAddForm(_posted(request), project=project)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_partner_add(
                project=project,
                actor=request.user,
                organisation=form.cleaned_data["organisation"],
                needs=form.cleaned_data["needs"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("%(name)s now owns the project together with you.")
                % {"name": form.cleaned_data["organisation"].name},
            )
            return redirect("projects:project_detail", pk=project.pk)
    return render(
        request,
        "projects/partner_add.html",
        {"project": project, "form": form},
        status=400 if form.errors else 200,
    )


# --- Risk register ---------------------------------------------------------------------------


def _risk_changes(form: RiskForm) -> dict:
    data = form.cleaned_data
    return {name: data[name] for name in services.RISK_FIELDS}


@require_GET
def risk_list(request: HttpRequest, pk: int) -> HttpResponse:
    project = access_area(user=request.user, project_id=pk, area=WorkspaceArea.RISKS)
    risks = list(risk_list_visible(user=request.user, project=project))
    today = timezone.localdate()
    overdue = [r for r in risks if risk_is_overdue(r, today=today)]
    page = Paginator(risks, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "projects/risk_list.html",
        {
            "project": project,
            "page_obj": page,
            "risk_count": len(risks),
            "open_count": sum(1 for r in risks if not r.is_closed),
            "matrix": risk_matrix(risks),
            "overdue": overdue,
            "overdue_ids": {r.pk for r in overdue},
            "can_edit": can_edit_area(user=request.user, project=project)
            and project.status == ProjectStatus.ACTIVE,
        },
    )


@require_http_methods(["GET", "POST"])
def risk_create(request: HttpRequest, pk: int) -> HttpResponse:
    project = access_area(user=request.user, project_id=pk, area=WorkspaceArea.RISKS, edit=True)
    form = RiskForm(_posted(request), project=project, initial={"probability": 3, "impact": 3})
    if request.method == "POST" and form.is_valid():
        try:
            risk = services.risk_create(actor=request.user, project=project, **_risk_changes(form))
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The risk is registered."))
            return redirect("projects:risk_detail", pk=risk.pk)
    return render(
        request,
        "projects/risk_form.html",
        {"project": project, "form": form, "risk": None},
        status=400 if form.errors else 200,
    )


@require_GET
def risk_detail(request: HttpRequest, pk: int) -> HttpResponse:
    risk = access_risk(user=request.user, risk_id=pk)
    project = risk.project
    return render(
        request,
        "projects/risk_detail.html",
        {
            "project": project,
            "risk": risk,
            "overdue": risk_is_overdue(risk),
            "history": risk_history(risk=risk),
            "can_edit": can_edit_area(user=request.user, project=project)
            and project.status == ProjectStatus.ACTIVE,
        },
    )


@require_http_methods(["GET", "POST"])
def risk_edit(request: HttpRequest, pk: int) -> HttpResponse:
    risk = access_risk(user=request.user, risk_id=pk)
    project = risk.project
    if not can_edit_area(user=request.user, project=project):
        raise forbidden(_("Only the buyers' own team members can keep the risk register."))
    initial = {name: getattr(risk, name) for name in services.RISK_FIELDS}
    form = RiskForm(_posted(request), project=project, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.risk_update(actor=request.user, risk=risk, **_risk_changes(form))
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The risk is updated."))
            return redirect("projects:risk_detail", pk=risk.pk)
    return render(
        request,
        "projects/risk_form.html",
        {"project": project, "form": form, "risk": risk},
        status=400 if form.errors else 200,
    )


@require_GET
def risk_export(request: HttpRequest, pk: int) -> HttpResponse:
    project = access_area(user=request.user, project_id=pk, area=WorkspaceArea.RISKS)
    header, rows = risk_register_rows(user=request.user, project=project)
    content = to_xlsx([(str(_("Risk register")), header, rows)])
    return file_response(content, filename=f"risker-projekt-{project.pk}", kind="xlsx")


# --- Procedure advisor -----------------------------------------------------------------------


@require_GET
def procedure_advisor(request: HttpRequest) -> HttpResponse:
    submitted = any(name in request.GET for name in AdvisorForm.base_fields if name != "need")
    need_id = request.GET.get("need", "")
    form = AdvisorForm(request.GET if submitted else None, initial={"need": need_id})
    context: dict = {"form": form, "need_id": need_id if need_id.isdigit() else ""}
    if submitted and form.is_valid():
        advice = recommend(form.answers())
        templates = {key: template_for_key(user=request.user, key=key) for key in ALL_KEYS}
        context.update(
            advice=advice,
            template=templates[advice.key],
            ruled_out=[(templates[k], k, reason) for k, reason in advice.ruled_out.items()],
            can_start=request.user.is_buyer_staff,
        )
    return render(
        request,
        "projects/advisor.html",
        context,
        status=400 if form.errors else 200,
    )


# --- Timeline --------------------------------------------------------------------------------


@require_GET
def project_timeline_view(request: HttpRequest, pk: int) -> HttpResponse:
    access_project(user=request.user, project_id=pk)
    project = project_for_board(project_id=pk)
    return render(
        request,
        "projects/timeline.html",
        {"project": project, "timeline": project_timeline(project=project)},
    )


# --- Procedure templates per organisation ----------------------------------------------------


@require_GET
def template_list(request: HttpRequest) -> HttpResponse:
    templates = template_list_visible(user=request.user).select_related("organisation")
    page = Paginator(templates, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "projects/template_list.html",
        {
            "page_obj": page,
            "can_copy": bool(template_editor_organisation_ids(user=request.user)),
        },
    )


@require_GET
def template_detail(request: HttpRequest, pk: int) -> HttpResponse:
    template = access_template(user=request.user, template_id=pk)
    stages = template.stages.prefetch_related("items").order_by("order")
    return render(
        request,
        "projects/template_detail.html",
        {
            "template": template,
            "stages": stages,
            "total_days": sum(s.typical_days for s in stages),
            "project_count": template.projects.count(),
            "can_copy": bool(template_editor_organisation_ids(user=request.user)),
            "can_edit": template.organisation_id is not None
            and can_edit_templates(user=request.user, organisation_id=template.organisation_id),
        },
    )


@require_http_methods(["GET", "POST"])
def template_copy(request: HttpRequest, pk: int) -> HttpResponse:
    template = access_template(user=request.user, template_id=pk)
    organisation_ids = template_editor_organisation_ids(user=request.user)
    if template.organisation_id is not None:
        organisation_ids = [o for o in organisation_ids if o == template.organisation_id]
    if not organisation_ids:
        raise forbidden(
            _("Only procurement officers and administrators can keep the organisation's templates.")
        )
    form = TemplateCopyForm(_posted(request), organisation_ids=organisation_ids)
    if request.method == "POST" and form.is_valid():
        try:
            copy = services.template_copy(
                actor=request.user,
                template=template,
                organisation=form.cleaned_data["organisation"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("The template is copied as version %(version)d. Change it to suit you.")
                % {"version": copy.version},
            )
            return redirect("projects:template_edit", pk=copy.pk)
    return render(
        request,
        "projects/template_copy.html",
        {"template": template, "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    template = access_template(user=request.user, template_id=pk, edit=True)
    form = TemplateReviseForm(
        _posted(request),
        structure=services.template_structure(template),
        initial={"name": template.name, "description": template.description},
    )
    if request.method == "POST" and form.is_valid():
        try:
            revised = services.template_revise(
                actor=request.user,
                template=template,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                stages=form.stages(),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "Saved as version %(version)d. Projects that started with an earlier "
                    "version keep it."
                )
                % {"version": revised.version},
            )
            return redirect("projects:template_detail", pk=revised.pk)
    return render(
        request,
        "projects/template_form.html",
        {"template": template, "form": form},
        status=400 if form.errors else 200,
    )


# --- External team members -------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def external_access(request: HttpRequest, pk: int, user_id: int) -> HttpResponse:
    project = access_project_for_lead(user=request.user, project_id=pk)
    person = project.members.select_related("user").filter(user_id=user_id).first()
    if person is None or not is_external_member(user=person.user, project=project):
        raise not_found()
    person = person.user
    current = list(
        ExternalAccess.objects.filter(project=project, user=person).values_list("area", flat=True)
    )
    form = ExternalAccessForm(_posted(request), initial={"areas": current})
    if request.method == "POST" and form.is_valid():
        try:
            services.external_access_set(
                actor=request.user, project=project, user=person, areas=form.cleaned_data["areas"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The team is updated."))
            return redirect("projects:project_team", pk=project.pk)
    return render(
        request,
        "projects/external_access.html",
        {"project": project, "person": person, "form": form},
        status=400 if form.errors else 200,
    )


# --- Resources -------------------------------------------------------------------------------

RESOURCE_TITLES = {
    "budget": (gettext_lazy("Add a budget line"), gettext_lazy("Change the budget line")),
    "hours": (gettext_lazy("Add hours"), gettext_lazy("Change the hours")),
    "funding": (gettext_lazy("Add a funding source"), gettext_lazy("Change the funding source")),
}


def _resource_kind(kind: str) -> str:
    if kind not in RESOURCE_FORMS:
        raise not_found()
    return kind


@require_GET
def resources(request: HttpRequest, pk: int) -> HttpResponse:
    project = access_area(user=request.user, project_id=pk, area=WorkspaceArea.RESOURCES)
    return render(
        request,
        "projects/resources.html",
        {
            "project": project,
            **resources_for(user=request.user, project=project),
            "can_edit": can_edit_area(user=request.user, project=project)
            and project.status == ProjectStatus.ACTIVE,
        },
    )


@require_GET
def resources_export(request: HttpRequest, pk: int) -> HttpResponse:
    project = access_area(user=request.user, project_id=pk, area=WorkspaceArea.RESOURCES)
    content = to_xlsx(resource_sheets(user=request.user, project=project))
    return file_response(content, filename=f"resurser-projekt-{project.pk}", kind="xlsx")


def _resource_form_page(request, project, kind, instance=None) -> HttpResponse:  # noqa: ANN001
    form_class = RESOURCE_FORMS[kind]
    initial = (
        {n: getattr(instance, n) for n in services.RESOURCE_FIELDS[kind]} if instance else None
    )
    form = form_class(_posted(request), project=project, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.resource_save(
                actor=request.user,
                project=project,
                kind=kind,
                fields=form.cleaned_data,
                instance=instance,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The resources are updated."))
            return redirect(reverse("projects:resources", args=[project.pk]) + f"#{kind}")
    return render(
        request,
        "projects/resource_form.html",
        {
            "project": project,
            "form": form,
            "title": RESOURCE_TITLES[kind][1 if instance else 0],
            "instance": instance,
            "kind": kind,
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def resource_create(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    kind = _resource_kind(kind)
    project = access_area(user=request.user, project_id=pk, area=WorkspaceArea.RESOURCES, edit=True)
    return _resource_form_page(request, project, kind)


def _editable_resource(request: HttpRequest, kind: str, pk: int):  # noqa: ANN202
    instance = access_resource(user=request.user, kind=_resource_kind(kind), resource_id=pk)
    if not can_edit_area(user=request.user, project=instance.project):
        raise forbidden(_("Only the buyers' own team members can keep the resources."))
    return instance


@require_http_methods(["GET", "POST"])
def resource_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    instance = _editable_resource(request, kind, pk)
    return _resource_form_page(request, instance.project, kind, instance)


@require_http_methods(["GET", "POST"])
def resource_delete(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    instance = _editable_resource(request, kind, pk)
    project = instance.project
    back = reverse("projects:resources", args=[project.pk])
    if request.method == "POST":
        try:
            services.resource_delete(actor=request.user, instance=instance)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The line is removed."))
        return redirect(back)
    return render(
        request,
        "projects/resource_delete.html",
        {"project": project, "instance": instance, "back": back},
    )
