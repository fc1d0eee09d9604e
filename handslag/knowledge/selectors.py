"""Reads about lessons learned, filtered to what the person may read."""

from django.db.models import Q, QuerySet

from handslag.accounts.models import User
from handslag.knowledge.models import Lesson, Visibility

SEARCH_FIELDS = ("title", "design", "execution", "results", "tags")


def lesson_list_visible(*, user: User, query: str = "") -> QuerySet[Lesson]:
    """Lessons the person may read, newest first, optionally matching a search text."""
    if not user.is_authenticated:
        return Lesson.objects.none()
    visible = (
        Q(visibility__in=(Visibility.NETWORK, Visibility.PUBLIC))
        | Q(visibility=Visibility.ORGANISATION, organisation_id__in=user.organisation_ids)
        | Q(visibility=Visibility.PRIVATE, project__members__user=user)
        | Q(visibility=Visibility.PRIVATE, project__isnull=True, created_by=user)
    )
    ids = Lesson.objects.filter(visible)
    query = (query or "").strip()
    if query:
        match = Q()
        for name in SEARCH_FIELDS:
            match |= Q(**{f"{name}__icontains": query})
        ids = ids.filter(match)
    return (
        Lesson.objects.filter(pk__in=ids.values("pk"))
        .select_related("organisation", "project", "stage")
        .order_by("-created_at", "-pk")
    )


def lesson_list_for_project(*, user: User, project_id: int) -> QuerySet[Lesson]:
    return lesson_list_visible(user=user).filter(project_id=project_id)
