"""Where knowledge listens to the projects it learns from.

A lesson written at a gate is kept here: projects announce the gate (gate_passed) and do
not know that knowledge exists. The project page's lessons come from here too.
"""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from handslag.accounts.models import User
from handslag.knowledge.selectors import lesson_list_for_project
from handslag.knowledge.services import lesson_create
from handslag.projects.models import Project, Stage

PROJECT_PAGE_LESSONS = 10


def lesson_from_gate(
    sender: type, *, stage: Stage, actor: User, lesson: Mapping[str, Any] | None, **kwargs: Any
) -> None:
    """Keep what the project lead wrote at the gate as a lesson of the stage."""
    if lesson is None:
        return
    project = stage.project
    lesson_create(
        actor=actor,
        organisation=project.organisation,
        project=project,
        stage=stage,
        title=(lesson.get("title") or "").strip()
        or _("Lesson from the gate: %(stage)s") % {"stage": stage.name},
        design=lesson.get("design") or "",
        execution=lesson.get("execution") or "",
        results=lesson.get("results") or "",
        tags=lesson.get("tags") or "",
        visibility=lesson.get("visibility") or "",
    )


def project_lessons(*, user: User, project: Project) -> dict[str, Any]:
    """The project page's list of lessons: the newest the person may read."""
    return {
        "lessons": lesson_list_for_project(user=user, project_id=project.pk)[:PROJECT_PAGE_LESSONS]
    }
