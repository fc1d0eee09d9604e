"""Joint projects, at /api/v1/needs/: started from a need statement, so addressed under it."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from handslag.accounts.models import Organisation
from handslag.accounts.roles import OrganisationKind
from handslag.needs.permissions import access_need
from handslag.projects import services
from handslag.projects.schemas import (
    JointProjectIn,
    JointProjectOut,
)
from handslag.projects.selectors import (
    template_list_visible,
)

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
