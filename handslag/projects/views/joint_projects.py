"""The page that starts a joint project from a need statement (addressed under needs/)."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from handslag.accounts.models import Organisation
from handslag.accounts.roles import OrganisationKind
from handslag.core.forms import form_page, submit_form
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
    done = submit_form(
        request,
        form,
        lambda data: services.need_joint_project_start(
            actor=request.user,
            need=need,
            title=data["title"],
            template=data["template"],
            partner_buyers=list(data["partner_buyers"]),
            summary=data["summary"],
        ),
        message=_("The joint project was started."),
        to=lambda project: reverse("projects:project_detail", args=[project.pk]),
    )
    return done or form_page(request, "projects/joint_project_form.html", {"need": need}, form)
