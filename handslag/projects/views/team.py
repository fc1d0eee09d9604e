"""The project team: members, joint buyers, and the areas external members are invited to."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from handslag.core.forms import form_page, posted, submit_form
from handslag.core.permissions import forbidden, not_found
from handslag.projects import services
from handslag.projects.forms import (
    ExternalAccessForm,
    MemberAddForm,
    PartnerAddForm,
)
from handslag.projects.models import (
    ExternalAccess,
    ProjectStatus,
)
from handslag.projects.permissions import (
    access_member,
    access_project,
    access_project_for_lead,
    can_lead_project,
    is_external_member,
)
from handslag.projects.selectors import (
    competence_matrix,
    team_list,
)


@require_http_methods(["GET", "POST"])
def project_team(request: HttpRequest, pk: int) -> HttpResponse:
    project = access_project(user=request.user, project_id=pk)
    can_lead = can_lead_project(user=request.user, project=project)
    form = MemberAddForm(posted(request), project=project) if can_lead else None
    if request.method == "POST" and form is None:
        raise forbidden(_("Only the project lead can change the team."))
    if form is not None and (
        done := submit_form(
            request,
            form,
            lambda data: services.project_member_add(project=project, actor=request.user, **data),
            message=_("The team is updated."),
            to=reverse("projects:project_team", args=[project.pk]),
        )
    ):
        return done
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
def partner_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Another buyer joins the project as a joint owner."""
    project = access_project_for_lead(user=request.user, project_id=pk)
    form = PartnerAddForm(posted(request), project=project)
    done = submit_form(
        request,
        form,
        lambda data: services.project_partner_add(project=project, actor=request.user, **data),
        message=lambda _partner: (
            _("%(name)s now owns the project together with you.")
            % {"name": form.cleaned_data["organisation"].name}
        ),
        to=reverse("projects:project_detail", args=[project.pk]),
    )
    return done or form_page(request, "projects/partner_add.html", {"project": project}, form)


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
    form = ExternalAccessForm(posted(request), initial={"areas": current})
    done = submit_form(
        request,
        form,
        lambda data: services.external_access_set(
            actor=request.user, project=project, user=person, **data
        ),
        message=_("The team is updated."),
        to=reverse("projects:project_team", args=[project.pk]),
    )
    return done or form_page(
        request, "projects/external_access.html", {"project": project, "person": person}, form
    )
