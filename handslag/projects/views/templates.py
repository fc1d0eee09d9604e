"""Procedure templates per organisation: list, detail, copy, edit."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from handslag.core.forms import form_page, posted, submit_form
from handslag.core.permissions import forbidden
from handslag.projects import services
from handslag.projects.forms import (
    TemplateCopyForm,
    TemplateReviseForm,
)
from handslag.projects.permissions import (
    access_template,
    can_edit_templates,
    template_editor_organisation_ids,
)
from handslag.projects.selectors import (
    template_list_visible,
)
from handslag.projects.views._common import PAGE_SIZE


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
    form = TemplateCopyForm(posted(request), organisation_ids=organisation_ids)
    done = submit_form(
        request,
        form,
        lambda data: services.template_copy(actor=request.user, template=template, **data),
        message=lambda copy: (
            _("The template is copied as version %(version)d. Change it to suit you.")
            % {"version": copy.version}
        ),
        to=lambda copy: reverse("projects:template_edit", args=[copy.pk]),
    )
    return done or form_page(request, "projects/template_copy.html", {"template": template}, form)


@require_http_methods(["GET", "POST"])
def template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    template = access_template(user=request.user, template_id=pk, edit=True)
    form = TemplateReviseForm(
        posted(request),
        structure=services.template_structure(template),
        initial={"name": template.name, "description": template.description},
    )
    done = submit_form(
        request,
        form,
        lambda data: services.template_revise(
            actor=request.user,
            template=template,
            name=data["name"],
            description=data["description"],
            stages=form.stages(),
        ),
        message=lambda revised: (
            _(
                "Saved as version %(version)d. Projects that started with an earlier version keep it."
            )
            % {"version": revised.version}
        ),
        to=lambda revised: reverse("projects:template_detail", args=[revised.pk]),
    )
    return done or form_page(request, "projects/template_form.html", {"template": template}, form)
