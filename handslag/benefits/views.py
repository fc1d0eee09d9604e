"""Pages for a project's benefit models: lines with low / likely / high values, and figures."""

from collections.abc import Callable
from typing import TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from handslag.accounts.models import Organisation
from handslag.benefits import services
from handslag.benefits.charts import histogram_chart, tornado_chart
from handslag.benefits.forms import BenefitLineForm, BenefitModelForm
from handslag.benefits.models import BenefitModel
from handslag.benefits.permissions import (
    access_benefit_line,
    access_benefit_model,
    can_manage_benefit_model,
)
from handslag.benefits.realised import outturn_from_pilot, realised_benefit
from handslag.benefits.report import leadership_report, portfolio, portfolio_projects
from handslag.benefits.selectors import (
    benefit_figures,
    benefit_line_list,
    benefit_model_list,
    parameter_sources,
    scenario_comparison,
)
from handslag.core.forms import form_page, submit_form
from handslag.core.render import document_response
from handslag.projects.permissions import access_project, can_manage_project

T = TypeVar("T")

PER_PAGE = 25


@require_GET
def model_list(request: HttpRequest, pk: int) -> HttpResponse:
    project = access_project(user=request.user, project_id=pk)
    page = Paginator(benefit_model_list(project=project), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "benefits/model_list.html",
        {
            "project": project,
            "page_obj": page,
            "can_manage": can_manage_project(user=request.user, project=project),
        },
    )


@require_http_methods(["GET", "POST"])
def model_create(request: HttpRequest, pk: int) -> HttpResponse:
    project = access_project(user=request.user, project_id=pk, manage=True)
    form = BenefitModelForm(request.POST or None)
    done = submit_form(
        request,
        form,
        lambda _data: _in_percent(
            lambda: services.benefit_model_create(
                actor=request.user, project=project, **form.service_data()
            )
        ),
        message=_("The benefit model was created. Add its costs and benefits."),
        to=_model_url,
    )
    return done or form_page(
        request, "benefits/model_form.html", {"project": project, "model": None}, form
    )


def _model_url(model: BenefitModel) -> str:
    return reverse("benefits:model_detail", args=[model.pk])


def _in_percent(save: Callable[[], T]) -> T:
    """The form asks for the rates in per cent; move the service's errors onto those fields."""
    try:
        return save()
    except ValidationError as error:
        if hasattr(error, "error_dict") and "discount_rate" in error.error_dict:
            error.error_dict["discount_rate_percent"] = error.error_dict.pop("discount_rate")
        if hasattr(error, "error_dict") and "optimism_bias" in error.error_dict:
            error.error_dict["optimism_bias_percent"] = error.error_dict.pop("optimism_bias")
        raise


@require_http_methods(["GET", "POST"])
def model_edit(request: HttpRequest, pk: int) -> HttpResponse:
    model = access_benefit_model(user=request.user, model_id=pk, manage=True)
    form = BenefitModelForm(request.POST or None, initial=BenefitModelForm.initial_for(model))
    done = submit_form(
        request,
        form,
        lambda _data: _in_percent(
            lambda: services.benefit_model_update(
                actor=request.user, model=model, **form.service_data()
            )
        ),
        message=_("The benefit model was saved."),
        to=_model_url(model),
    )
    return done or form_page(
        request, "benefits/model_form.html", {"project": model.project, "model": model}, form
    )


@require_GET
def model_detail(request: HttpRequest, pk: int) -> HttpResponse:
    model = access_benefit_model(user=request.user, model_id=pk)
    lines = list(benefit_line_list(model=model))
    figures = benefit_figures(model=model, analysis=True)
    return render(
        request,
        "benefits/model_detail.html",
        {
            "model": model,
            "project": model.project,
            "lines": lines,
            "figures": figures,
            "histogram": histogram_chart(figures.monte_carlo) if figures.monte_carlo else "",
            "tornado": tornado_chart(figures.tornado, figures.npv) if figures.tornado else "",
            "parameters": parameter_sources(model=model),
            "can_manage": can_manage_benefit_model(user=request.user, model=model),
            "discount_rate_percent": model.discount_rate * 100,
        },
    )


@require_http_methods(["GET", "POST"])
def line_add(request: HttpRequest, pk: int) -> HttpResponse:
    model = access_benefit_model(user=request.user, model_id=pk, manage=True)
    form = BenefitLineForm(request.POST or None, initial={"last_year": model.horizon_years - 1})
    done = submit_form(
        request,
        form,
        lambda data: services.benefit_line_add(actor=request.user, model=model, **data),
        message=_("The line was added."),
        to=reverse("benefits:model_detail", args=[model.pk]),
    )
    return done or form_page(
        request,
        "benefits/line_form.html",
        {"model": model, "project": model.project, "line": None},
        form,
    )


@require_http_methods(["GET", "POST"])
def line_edit(request: HttpRequest, pk: int) -> HttpResponse:
    line = access_benefit_line(user=request.user, line_id=pk, manage=True)
    initial = {key: getattr(line, key) for key in services.LINE_FIELDS}
    form = BenefitLineForm(request.POST or None, initial=initial)
    done = submit_form(
        request,
        form,
        lambda data: services.benefit_line_update(actor=request.user, line=line, **data),
        message=_("The line was saved."),
        to=reverse("benefits:model_detail", args=[line.model_id]),
    )
    return done or form_page(
        request,
        "benefits/line_form.html",
        {"model": line.model, "project": line.model.project, "line": line},
        form,
    )


@require_http_methods(["GET", "POST"])
def line_remove(request: HttpRequest, pk: int) -> HttpResponse:
    line = access_benefit_line(user=request.user, line_id=pk, manage=True)
    if request.method == "POST":
        services.benefit_line_remove(actor=request.user, line=line)
        messages.success(request, _("The line “%(name)s” was removed.") % {"name": line.name})
        return redirect("benefits:model_detail", line.model_id)
    return render(
        request,
        "benefits/line_remove.html",
        {"line": line, "model": line.model, "project": line.model.project},
    )


@require_GET
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    """Forecast and outturn side by side: what was promised and what the pilot shows."""
    project = access_project(user=request.user, project_id=pk)
    return render(
        request,
        "benefits/compare.html",
        {
            "project": project,
            "realised": realised_benefit(project=project),
            "can_manage": can_manage_project(user=request.user, project=project),
            **scenario_comparison(project=project),
        },
    )


@require_POST
def outturn_update(request: HttpRequest, pk: int) -> HttpResponse:
    """Build or refresh the outturn scenario from the pilot's measurements."""
    project = access_project(user=request.user, project_id=pk, manage=True)
    try:
        outturn = outturn_from_pilot(actor=request.user, project=project)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("benefits:compare", project.pk)
    messages.success(request, _("The outturn scenario was updated from the pilot's measurements."))
    return redirect("benefits:model_detail", outturn.pk)


@require_GET
def leadership_report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """One page per project for the people who fund it, as PDF."""
    project = access_project(user=request.user, project_id=pk)
    return document_response(leadership_report(user=request.user, project=project), "pdf")


@require_GET
def portfolio_view(request: HttpRequest) -> HttpResponse:
    """The projects of one of the user's buyer organisations with their headline figures."""
    organisations = list(
        Organisation.objects.filter(pk__in=request.user.buyer_organisation_ids).order_by("name")
    )
    chosen = next(
        (o for o in organisations if str(o.pk) == request.GET.get("organisation")),
        organisations[0] if organisations else None,
    )
    page = None
    rows = []
    if chosen is not None:
        projects = portfolio_projects(user=request.user, organisation_id=chosen.pk)
        page = Paginator(projects, PER_PAGE).get_page(request.GET.get("page"))
        rows = portfolio(projects=page.object_list)
    return render(
        request,
        "benefits/portfolio.html",
        {
            "organisations": organisations,
            "organisation": chosen,
            "page_obj": page,
            "rows": rows,
            "query": f"organisation={chosen.pk}" if chosen else "",
        },
    )
