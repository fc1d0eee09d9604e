"""Who may read and write lessons learned."""

from handslag.accounts.models import User
from handslag.core.permissions import forbidden, not_found
from handslag.knowledge.models import Lesson
from handslag.projects.models import Project
from handslag.projects.permissions import access_project, is_team_member


def can_view_lesson(*, user: User, lesson: Lesson) -> bool:
    """By the lesson's visibility, under the one rule of Lesson.objects.visible_to."""
    return Lesson.objects.visible_to(user).filter(pk=lesson.pk).exists()


def can_create_lesson(*, user: User, project: Project) -> bool:
    """The project team records what it learned."""
    return is_team_member(user=user, project=project)


def access_lesson(*, user: User, lesson_id: int) -> Lesson:
    """The lesson, if the user may read it; 404 otherwise."""
    lesson = (
        Lesson.objects.visible_to(user)
        .select_related("organisation", "project", "stage", "created_by")
        .filter(pk=lesson_id)
        .first()
    )
    if lesson is None:
        raise not_found()
    return lesson


def access_project_for_lesson(*, user: User, project_id: int) -> Project:
    """A project the user may see (404) and whose team they are in (403)."""
    project = access_project(user=user, project_id=project_id)
    if not can_create_lesson(user=user, project=project):
        raise forbidden()
    return project
