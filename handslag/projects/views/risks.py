"""The risk register: list, register, detail, change, export."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from handslag.core.forms import form_page, posted, submit_form
from handslag.core.permissions import forbidden
from handslag.core.render import file_response, to_xlsx
from handslag.projects import services
from handslag.projects.forms import (
    RiskForm,
)
from handslag.projects.models import (
    ProjectStatus,
    Risk,
    WorkspaceArea,
)
from handslag.projects.permissions import (
    access_area,
    access_risk,
    can_edit_area,
)
from handslag.projects.selectors import (
    risk_history,
    risk_is_overdue,
    risk_list_visible,
    risk_matrix,
    risk_register_rows,
)
from handslag.projects.views._common import PAGE_SIZE


def _changes(data: dict) -> dict:
    return {name: data[name] for name in services.RISK_FIELDS}


def _risk_url(risk: Risk) -> str:
    return reverse("projects:risk_detail", args=[risk.pk])


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
    form = RiskForm(posted(request), project=project, initial={"probability": 3, "impact": 3})
    done = submit_form(
        request,
        form,
        lambda data: services.risk_create(actor=request.user, project=project, **_changes(data)),
        message=_("The risk is registered."),
        to=_risk_url,
    )
    return done or form_page(
        request, "projects/risk_form.html", {"project": project, "risk": None}, form
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
    form = RiskForm(posted(request), project=project, initial=initial)
    done = submit_form(
        request,
        form,
        lambda data: services.risk_update(actor=request.user, risk=risk, **_changes(data)),
        message=_("The risk is updated."),
        to=_risk_url(risk),
    )
    return done or form_page(
        request, "projects/risk_form.html", {"project": project, "risk": risk}, form
    )


@require_GET
def risk_export(request: HttpRequest, pk: int) -> HttpResponse:
    project = access_area(user=request.user, project_id=pk, area=WorkspaceArea.RISKS)
    header, rows = risk_register_rows(user=request.user, project=project)
    content = to_xlsx([(str(_("Risk register")), header, rows)])
    return file_response(content, filename=f"risker-projekt-{project.pk}", kind="xlsx")
