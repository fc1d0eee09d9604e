"""The projects API's router, its error responses and the project as the API shows it."""

from ninja import Router

from handslag.projects.models import (
    Project,
)
from handslag.projects.schemas import (
    ErrorOut,
)
from handslag.projects.selectors import (
    project_position,
)

router = Router(tags=["projects"])

ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


def _project(project: Project) -> dict:
    position = project_position(project=project)
    return {
        "id": project.pk,
        "title": project.title,
        "summary": project.summary,
        "organisation_id": project.organisation_id,
        "organisation": project.organisation.name,
        "partner_buyer_ids": [o.pk for o in project.partner_buyers.all()],
        "template_id": project.template_id,
        "template_key": project.template.key,
        "template_version": project.template.version,
        "need_ids": [n.pk for n in project.needs.all()],
        "status": project.status,
        "status_reason": project.status_reason,
        "status_changed_at": project.status_changed_at,
        "current_stage_id": position.current.pk if position.current else None,
        "current_stage": position.current.name if position.current else None,
        "where": position.where,
        "next_decision": position.next_decision,
        "created_at": project.created_at,
    }
