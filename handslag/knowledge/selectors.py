"""Reads about lessons learned, filtered to what the person may read."""

from django.db.models import Q, QuerySet

from handslag.accounts.models import User
from handslag.knowledge.models import Lesson

SEARCH_FIELDS = ("title", "design", "execution", "results", "tags")


def lesson_list_visible(*, user: User, query: str = "") -> QuerySet[Lesson]:
    """Lessons the person may read, newest first, optionally matching a search text."""
    ids = Lesson.objects.visible_to(user)
    query = (query or "").strip()
    if query:
        match = Q()
        for name in SEARCH_FIELDS:
            match |= Q(**{f"{name}__icontains": query})
        ids = ids.filter(match)
    return ids.select_related("organisation", "project", "stage").order_by("-created_at", "-pk")


def lesson_list_for_project(*, user: User, project_id: int) -> QuerySet[Lesson]:
    return lesson_list_visible(user=user).filter(project_id=project_id)
