"""Reads about RFIs and dialogue events, and the projects a person may write them for."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from handslag.accounts.models import User
from handslag.accounts.roles import ProjectRole
from handslag.market.models import DialogueEvent, Rfi, RfiAnswer, RfiResponse, RfiStatus
from handslag.projects.models import Project


def rfi_list_published() -> QuerySet[Rfi]:
    return (
        Rfi.objects.exclude(status=RfiStatus.DRAFT)
        .select_related("project__organisation")
        .order_by("-published_at", "-pk")
    )


def rfi_list_for_user(*, user: User) -> QuerySet[Rfi]:
    """RFIs of the projects the person works in."""
    if not user.is_authenticated:
        return Rfi.objects.none()
    return (
        Rfi.objects.filter(project__members__user=user)
        .distinct()
        .select_related("project__organisation")
        .annotate(response_count=Count("responses", distinct=True))
        .order_by("-created_at", "-pk")
    )


def rfi_response_for_supplier(*, user: User, rfi: Rfi) -> RfiResponse | None:
    if not user.is_authenticated or not user.supplier_organisation_ids:
        return None
    return (
        RfiResponse.objects.filter(rfi=rfi, supplier_id__in=user.supplier_organisation_ids)
        .prefetch_related(
            Prefetch("answers", queryset=RfiAnswer.objects.select_related("question"))
        )
        .first()
    )


def rfi_responses_for_supplier(*, user: User) -> QuerySet[RfiResponse]:
    if not user.is_authenticated or not user.supplier_organisation_ids:
        return RfiResponse.objects.none()
    return (
        RfiResponse.objects.filter(supplier_id__in=user.supplier_organisation_ids)
        .select_related("rfi", "rfi__project__organisation", "supplier")
        .order_by("-submitted_at", "-pk")
    )


@dataclass
class RfiSummaryQuestion:
    question: Any
    answers: list[Any]
    answered: int


def rfi_summary(*, user: User, rfi: Rfi) -> dict[str, Any]:
    """For the project team: every question with every supplier's answer, and counts."""
    from handslag.market.permissions import is_team_member

    if not is_team_member(user=user, project=rfi.project):
        return {"responses": 0, "questions": []}
    responses = list(
        RfiResponse.objects.filter(rfi=rfi)
        .select_related("supplier")
        .prefetch_related("answers")
        .order_by("submitted_at", "pk")
    )
    by_question: dict[int, list[Any]] = {}
    for response in responses:
        for answer in response.answers.all():
            if answer.text:
                answer.supplier = response.supplier
                by_question.setdefault(answer.question_id, []).append(answer)
    questions = [
        RfiSummaryQuestion(
            question=q, answers=by_question.get(q.pk, []), answered=len(by_question.get(q.pk, []))
        )
        for q in rfi.questions.all()
    ]
    sme = sum(1 for r in responses if r.supplier.is_sme)
    return {"responses": len(responses), "sme": sme, "questions": questions}


def event_list_for_user(*, user: User) -> QuerySet[DialogueEvent]:
    """Dialogue events of the projects the person works in."""
    if not user.is_authenticated:
        return DialogueEvent.objects.none()
    return (
        DialogueEvent.objects.filter(project__members__user=user)
        .distinct()
        .select_related("project")
        .order_by("-starts_at", "-pk")
    )


def event_list_for_supplier(*, user: User) -> QuerySet[DialogueEvent]:
    """Dialogue events the person's supplier organisations are invited to."""
    if not user.is_authenticated or not user.supplier_organisation_ids:
        return DialogueEvent.objects.none()
    return (
        DialogueEvent.objects.filter(invited__in=user.supplier_organisation_ids)
        .distinct()
        .select_related("project__organisation")
        .order_by("-starts_at", "-pk")
    )


def projects_managed_by(*, user: User) -> QuerySet[Project]:
    """Projects in which the person may write calls, RFIs and events."""
    if not user.is_authenticated:
        return Project.objects.none()
    return (
        Project.objects.filter(
            members__user=user,
            members__role__in=(ProjectRole.PROJECT_LEAD, ProjectRole.PROCUREMENT_OFFICER),
        )
        .distinct()
        .order_by("title")
    )
