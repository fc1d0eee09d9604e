"""The page that starts a joint project from a need statement (addressed under needs/)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from handslag.accounts.models import Organisation
from handslag.accounts.roles import OrganisationKind
from handslag.core.forms import add_service_error
from handslag.needs.permissions import access_need
from handslag.needs.views.networks import similar_organisation
from handslag.projects import services
from handslag.projects.forms import JointProjectForm
from handslag.projects.selectors import default_template, template_list_visible


@require_http_methods(["GET", "POST"])
def need_joint_project(request: HttpRequest, pk: int) -> HttpResponse:
    need = access_need(user=request.user, need_id=pk, edit=True)
    partners = Organisation.objects.filter(kind=OrganisationKind.BUYER).exclude(
        pk=need.organisation_id
    )
    initial: dict[str, Any] = {"title": need.title, "summary": need.problem[:5000]}
    default = default_template()
    if default is not None:
        initial["template"] = default.pk
    other = similar_organisation(request)
    if other is not None:
        initial["partner_buyers"] = [other.pk]
    form = JointProjectForm(
        request.POST or None,
        initial=initial,
        templates=template_list_visible(user=request.user),
        partners=partners,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            project = services.need_joint_project_start(
                actor=request.user,
                need=need,
                title=data["title"],
                template=data["template"],
                partner_buyers=list(data["partner_buyers"]),
                summary=data["summary"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The joint project was started."))
            url = reverse("projects:project_detail", args=[project.pk])
            return redirect(url)
    return render(
        request,
        "projects/joint_project_form.html",
        {"need": need, "form": form},
        status=400 if form.errors else 200,
    )
