"""Joint projects: a project started from a need statement and owned with other buyers."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from handslag.accounts.models import Organisation, User
from handslag.audit.services import audit_record
from handslag.core.permissions import forbidden
from handslag.needs.audit_actions import NeedsAction
from handslag.needs.models import NeedStatement
from handslag.needs.permissions import can_edit_need
from handslag.projects.models import ProcedureTemplate, Project
from handslag.projects.services.lifecycle import project_create


@transaction.atomic
def need_joint_project_start(
    *,
    actor: User,
    need: NeedStatement,
    title: str,
    template: ProcedureTemplate,
    partner_buyers: list[Organisation],
    summary: str = "",
) -> Project:
    """Start a project carrying this need, owned together with other buyer organisations."""
    if not can_edit_need(user=actor, need=need):
        raise forbidden(_("Only need owners and procurement officers can edit need statements."))
    partners = [p for p in partner_buyers if p.pk != need.organisation_id]
    if not partners:
        raise ValidationError(
            {"partner_buyers": _("Choose at least one other buyer organisation.")}
        )
    project = project_create(
        actor=actor,
        organisation=need.organisation,
        title=title,
        template=template,
        needs=[need],
        summary=summary,
        partner_buyers=partners,
    )
    audit_record(
        actor=actor,
        action=NeedsAction.NEED_JOINT_PROJECT,
        target=need,
        organisation_id=need.organisation_id,
        data={"project_id": project.pk, "partner_buyers": [p.pk for p in partners]},
    )
    return project
