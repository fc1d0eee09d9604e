"""Joint projects started from a need statement."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from handslag.accounts.models import Organisation, User
from handslag.audit.services import audit_record
from handslag.needs.models import (
    NeedStatement,
)
from handslag.needs.services.statements import _check_need_editor


@transaction.atomic
def need_joint_project_start(
    *,
    actor: User,
    need: NeedStatement,
    title: str,
    template: Any,
    partner_buyers: list[Organisation],
    summary: str = "",
) -> Any:
    """Start a project carrying this need, owned together with other buyer organisations."""
    # Imported here: projects depends on needs, not the other way round.
    from handslag.projects.services import project_create

    _check_need_editor(actor=actor, need=need)
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
        action="need.joint_project",
        target=need,
        organisation_id=need.organisation_id,
        data={"project_id": project.pk, "partner_buyers": [p.pk for p in partners]},
    )
    return project
