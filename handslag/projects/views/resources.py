"""Resources: budget lines, hours and funding sources; pages, forms and the export."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from handslag.core.forms import form_page, posted, submit_form
from handslag.core.permissions import forbidden, not_found
from handslag.core.render import file_response, to_xlsx
from handslag.projects import services
from handslag.projects.forms import (
    RESOURCE_FORMS,
)
from handslag.projects.models import (
    ProjectStatus,
    WorkspaceArea,
)
from handslag.projects.permissions import (
    access_area,
    access_resource,
    can_edit_area,
)
from handslag.projects.selectors import (
    resource_sheets,
    resources_for,
)

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


def _resource_form_page(request, project, kind, instance=None) -> HttpResponse:
    form_class = RESOURCE_FORMS[kind]
    initial = (
        {n: getattr(instance, n) for n in services.RESOURCE_FIELDS[kind]} if instance else None
    )
    form = form_class(posted(request), project=project, initial=initial)
    done = submit_form(
        request,
        form,
        lambda data: services.resource_save(
            actor=request.user, project=project, kind=kind, fields=data, instance=instance
        ),
        message=_("The resources are updated."),
        to=reverse("projects:resources", args=[project.pk]) + f"#{kind}",
    )
    return done or form_page(
        request,
        "projects/resource_form.html",
        {
            "project": project,
            "title": RESOURCE_TITLES[kind][1 if instance else 0],
            "instance": instance,
            "kind": kind,
        },
        form,
    )


@require_http_methods(["GET", "POST"])
def resource_create(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    kind = _resource_kind(kind)
    project = access_area(user=request.user, project_id=pk, area=WorkspaceArea.RESOURCES, edit=True)
    return _resource_form_page(request, project, kind)


def _editable_resource(request: HttpRequest, kind: str, pk: int):
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
