"""JSON API for lessons learned (to be mounted at /api/v1/knowledge/).

Thin: the same permissions, selectors and services as the pages.
"""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import paginate

from handslag.accounts.models import Organisation
from handslag.core.permissions import not_found
from handslag.knowledge import services
from handslag.knowledge.permissions import access_lesson, access_project_for_lesson
from handslag.knowledge.schemas import ErrorOut, LessonIn, LessonOut
from handslag.knowledge.selectors import lesson_list_visible

router = Router(tags=["knowledge"])


@router.get("/lessons", response=list[LessonOut], summary="Lessons you may read; q searches")
@paginate
def lesson_list(request: HttpRequest, q: str = ""):
    return lesson_list_visible(user=request.user, query=q[:200])


@router.get(
    "/lessons/{int:lesson_id}", response={200: LessonOut, 404: ErrorOut}, summary="One lesson"
)
def lesson_get(request: HttpRequest, lesson_id: int) -> dict:
    return access_lesson(user=request.user, lesson_id=lesson_id)


@router.post(
    "/lessons",
    response={201: LessonOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Record a lesson, for a project or for your organisation",
)
def lesson_create(request: HttpRequest, payload: LessonIn) -> tuple[int, dict]:
    project = stage = None
    if payload.project_id is not None:
        project = access_project_for_lesson(user=request.user, project_id=payload.project_id)
        organisation = project.organisation
        if payload.stage_id is not None:
            stage = project.stages.filter(pk=payload.stage_id).first()
            if stage is None:
                raise ValidationError({"stage_id": _("The stage must belong to the project.")})
    else:
        if payload.stage_id is not None:
            raise ValidationError({"stage_id": _("A stage needs its project.")})
        if payload.organisation_id not in request.user.organisation_ids:
            raise not_found()
        organisation = Organisation.objects.get(pk=payload.organisation_id)
    lesson = services.lesson_create(
        actor=request.user,
        organisation=organisation,
        project=project,
        stage=stage,
        title=payload.title,
        design=payload.design,
        execution=payload.execution,
        results=payload.results,
        tags=payload.tags,
        visibility=payload.visibility,
    )
    return 201, lesson
