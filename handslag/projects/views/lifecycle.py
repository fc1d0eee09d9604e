"""The project workspace: list, create, stage board, checklist, gates, dates, stop, the
procedure advisor and the timeline."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from handslag.core.formats import number_style
from handslag.core.forms import form_page, posted, submit_form
from handslag.core.htmx import render_page
from handslag.core.permissions import forbidden
from handslag.needs.models import NeedStatement
from handslag.needs.permissions import can_view_need
from handslag.projects import services
from handslag.projects.advisor import ALL_KEYS, recommend
from handslag.projects.forms import (
    AdvisorForm,
    ChecklistItemForm,
    GatePassForm,
    ProjectCreateForm,
    ProjectStopForm,
    StageDatesForm,
)
from handslag.projects.models import (
    Project,
    ProjectStatus,
    StageStatus,
    WorkspaceArea,
)
from handslag.projects.pages import project_page_context
from handslag.projects.permissions import (
    access_checklist_item,
    access_project,
    access_project_for_lead,
    access_stage,
    can_lead_project,
    can_manage_project,
    can_view_area,
    can_work_in_project,
    is_external_member,
)
from handslag.projects.selectors import (
    project_for_board,
    project_list_visible,
    project_position,
    stage_is_late,
    template_for_key,
    template_list_visible,
    threshold_list,
    threshold_row_for,
    threshold_table,
)
from handslag.projects.timeline import project_timeline
from handslag.projects.views._common import PAGE_SIZE
from handslag.rules.numbers import format_kronor


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
    form = ProjectCreateForm(posted(request), user=request.user, initial=initial)
    if not form.fields["organisation"].queryset.exists():
        raise forbidden(
            _(
                "Only need owners, procurement officers and administrators of a buyer "
                "organisation can start a project."
            )
        )
    done = submit_form(
        request,
        form,
        lambda data: services.project_create(actor=request.user, **data),
        message=_("The project has started. Its first stage is open."),
        to=_project_url,
    )
    return done or form_page(
        request,
        "projects/project_form.html",
        {"need_id": need_id if need_id.isdigit() else ""},
        form,
    )


def _project_url(project: Project) -> str:
    return reverse("projects:project_detail", args=[project.pk])


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
        "calls": project.calls.all(),
        "contracts": project.contracts.all(),
        "benefit_models": project.benefit_models.all(),
        **project_page_context(user=user, project=project),
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
    form = GatePassForm(posted(request))
    done = submit_form(
        request,
        form,
        lambda data: services.gate_pass(
            stage=stage,
            actor=request.user,
            override_reason=data["override_reason"],
            lesson=form.lesson(),
        ),
        message=_("The gate of “%(stage)s” is passed.") % {"stage": stage.name},
        to=_project_url(project),
    )
    items = list(stage.items.all())
    missing = [i for i in items if i.required and not i.done]
    return done or form_page(
        request,
        "projects/gate_pass.html",
        {
            "project": project,
            "stage": stage,
            "missing": missing,
            "is_open": stage.status == StageStatus.OPEN,
        },
        form,
    )


@require_http_methods(["GET", "POST"])
def stage_edit(request: HttpRequest, pk: int) -> HttpResponse:
    stage = access_stage(user=request.user, stage_id=pk)
    project = stage.project
    if not can_manage_project(user=request.user, project=project):
        raise forbidden(_("Only the project lead and procurement officers can change the plan."))
    form = StageDatesForm(
        posted(request),
        initial={"planned_start": stage.planned_start, "planned_end": stage.planned_end},
    )
    done = submit_form(
        request,
        form,
        lambda data: services.stage_dates_update(stage=stage, actor=request.user, **data),
        message=_("The plan is updated."),
        to=_project_url(project),
    )
    return done or form_page(
        request,
        "projects/stage_form.html",
        {"project": project, "stage": stage, "late": stage_is_late(stage)},
        form,
    )


@require_http_methods(["GET", "POST"])
def project_stop(request: HttpRequest, pk: int) -> HttpResponse:
    project = access_project_for_lead(user=request.user, project_id=pk)
    form = ProjectStopForm(posted(request))
    done = submit_form(
        request,
        form,
        lambda data: services.project_stop(project=project, actor=request.user, **data),
        message=_("The project is stopped."),
        to=_project_url(project),
    )
    return done or form_page(
        request,
        "projects/project_stop.html",
        {"project": project, "is_active": project.status == ProjectStatus.ACTIVE},
        form,
    )


# --- Procedure advisor -----------------------------------------------------------------------


def _kronor(amount: int | None, unit: str = "") -> str:
    return format_kronor(amount, style=number_style(), unit=unit)


@require_GET
def procedure_advisor(request: HttpRequest) -> HttpResponse:
    submitted = any(name in request.GET for name in AdvisorForm.base_fields if name != "need")
    need_id = request.GET.get("need", "")
    form = AdvisorForm(request.GET if submitted else None, initial={"need": need_id})
    context: dict = {"form": form, "need_id": need_id if need_id.isdigit() else ""}
    if submitted and form.is_valid():
        on = form.cleaned_data["advice_date"] or timezone.localdate()
        advice = recommend(form.answers(), table=threshold_table(), on=on)
        templates = {key: template_for_key(user=request.user, key=key) for key in ALL_KEYS}
        context.update(
            advice=advice,
            threshold_row=threshold_row_for(advice.threshold),
            limit_row=threshold_row_for(advice.direct_award_limit),
            threshold_sek=_kronor(advice.threshold and advice.threshold.sek, "kr"),
            threshold_eur=_kronor(advice.threshold and advice.threshold.eur),
            limit_sek=_kronor(advice.direct_award_limit and advice.direct_award_limit.sek, "kr"),
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


@require_GET
def threshold_list_view(request: HttpRequest) -> HttpResponse:
    """Every EU threshold and direct-award limit in the table, with its period and source."""
    today = timezone.localdate()
    rows = [
        {
            "row": row,
            "sek": _kronor(row.sek_value, "kr"),
            "eur": _kronor(row.eur_value),
            "in_force": row.valid_from <= today <= row.valid_to,
        }
        for row in threshold_list()
    ]
    return render(request, "projects/thresholds.html", {"rows": rows})


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
