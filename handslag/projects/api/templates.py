"""Procedure templates per organisation: copies and revisions."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from handslag.accounts.models import Organisation
from handslag.projects import services
from handslag.projects.api.base import ERRORS, router
from handslag.projects.models import (
    ProcedureTemplate,
)
from handslag.projects.permissions import (
    access_template,
)
from handslag.projects.schemas import (
    TemplateCopyIn,
    TemplateOut,
    TemplateReviseIn,
)

# --- Procedure templates per organisation ----------------------------------------------------


def _template_out(template_id: int) -> ProcedureTemplate:
    return ProcedureTemplate.objects.prefetch_related("stages__items").get(pk=template_id)


@router.post(
    "/templates/{int:template_id}/copy",
    response={201: TemplateOut, **ERRORS},
    summary="Copy a template as your organisation's next version",
)
def template_copy(request: HttpRequest, template_id: int, payload: TemplateCopyIn):
    template = access_template(user=request.user, template_id=template_id)
    organisation = Organisation.objects.filter(pk=payload.organisation_id).first()
    if organisation is None:
        raise ValidationError({"organisation_id": _("There is no such organisation.")})
    copy = services.template_copy(actor=request.user, template=template, organisation=organisation)
    return 201, _template_out(copy.pk)


@router.post(
    "/templates/{int:template_id}/revise",
    response={201: TemplateOut, **ERRORS},
    summary="Save changed stages and checklists as a new version of your organisation's template",
)
def template_revise(request: HttpRequest, template_id: int, payload: TemplateReviseIn):
    template = access_template(user=request.user, template_id=template_id, edit=True)
    revised = services.template_revise(
        actor=request.user,
        template=template,
        name=payload.name,
        description=payload.description,
        stages=[s.dict() for s in payload.stages],
    )
    return 201, _template_out(revised.pk)
