"""The project's timeline: planned against actual dates."""

from django.http import HttpRequest

from handslag.projects.api.base import router
from handslag.projects.permissions import (
    access_project,
)
from handslag.projects.schemas import (
    ErrorOut,
    TimelineOut,
)
from handslag.projects.selectors import (
    project_for_board,
)
from handslag.projects.timeline import project_timeline


@router.get(
    "/{int:project_id}/timeline",
    response={200: TimelineOut, 404: ErrorOut},
    summary="Planned against actual dates per stage, with warnings",
)
def timeline_get(request: HttpRequest, project_id: int):
    access_project(user=request.user, project_id=project_id)
    timeline = project_timeline(project=project_for_board(project_id=project_id))
    return {
        "summary": timeline.summary,
        "rows": [
            {
                "stage_id": r.stage.pk,
                "order": r.stage.order,
                "name": r.stage.name,
                "status": r.stage.status,
                "planned_start": r.stage.planned_start,
                "planned_end": r.stage.planned_end,
                "planned_days": r.planned_days,
                "typical_days": r.stage.typical_days,
                "actual_start": r.stage.actual_start,
                "actual_end": r.stage.actual_end,
                "actual_days": r.actual_days,
                "late": r.late,
                "warnings": r.warnings,
            }
            for r in timeline.rows
        ],
    }
