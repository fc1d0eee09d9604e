"""Reading a project's dialogue: meetings, the action list, stakeholders and the plan."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import BooleanField, Case, Count, Q, QuerySet, Value, When
from django.utils import timezone

from handslag.accounts.models import Organisation, User
from handslag.accounts.roles import OrganisationKind
from handslag.dialogue.models import ActionItem, CommunicationItem, Meeting, Stakeholder
from handslag.projects.models import Project
from handslag.projects.permissions import buyer_organisation_ids


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def people_for_project(*, project: Project) -> QuerySet[User]:
    """Who may take part, own an action or be responsible: the buyers' people and the team."""
    return (
        User.objects.filter(
            Q(
                memberships__organisation_id__in=buyer_organisation_ids(project),
                memberships__is_active=True,
            )
            | Q(project_memberships__project=project)
        )
        .filter(is_active=True)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def supplier_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=OrganisationKind.SUPPLIER).order_by("name")


def meeting_list(*, project: Project) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(project=project)
        .annotate(
            action_count=Count("actions", distinct=True),
            open_action_count=Count("actions", filter=Q(actions__done=False), distinct=True),
        )
        .order_by("-held_on", "-pk")
    )


def meeting_for_page(*, meeting_id: int) -> Meeting:
    return (
        Meeting.objects.select_related("project", "created_by")
        .prefetch_related(
            "internal_participants", "supplier_organisations", "parked_ideas__challenge"
        )
        .get(pk=meeting_id)
    )


def _overdue(field_name: str, today: dt.date) -> Case:
    return Case(
        When(Q(done=False) & Q(**{f"{field_name}__lt": today}), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


def action_list(*, project: Project, today: dt.date | None = None) -> QuerySet[ActionItem]:
    """Every action from the project's meetings: overdue first, then open by due date, then done."""
    today = _today(today)
    return (
        ActionItem.objects.filter(meeting__project=project)
        .select_related("owner", "meeting", "done_by")
        .annotate(is_overdue=_overdue("due_on", today))
        .order_by("done", "-is_overdue", "due_on", "pk")
    )


def meeting_actions(*, meeting: Meeting, today: dt.date | None = None) -> QuerySet[ActionItem]:
    today = _today(today)
    return (
        meeting.actions.select_related("owner", "done_by")
        .annotate(is_overdue=_overdue("due_on", today))
        .order_by("done", "due_on", "pk")
    )


def stakeholder_list(*, project: Project) -> QuerySet[Stakeholder]:
    return Stakeholder.objects.filter(project=project).order_by("-influence", "-interest", "name")


@dataclass
class GridCell:
    interest: int
    influence: int
    stakeholders: list[Stakeholder] = field(default_factory=list)


@dataclass
class GridRow:
    influence: int
    cells: list[GridCell]


def stakeholder_grid(*, project: Project) -> list[GridRow]:
    """Five rows of influence (5 at the top) by five columns of interest (1 on the left)."""
    cells = {(i, f): GridCell(interest=i, influence=f) for i in range(1, 6) for f in range(1, 6)}
    for stakeholder in stakeholder_list(project=project):
        cells[(stakeholder.interest, stakeholder.influence)].stakeholders.append(stakeholder)
    return [
        GridRow(influence=f, cells=[cells[(i, f)] for i in range(1, 6)]) for f in range(5, 0, -1)
    ]


QUADRANTS = {
    # (high interest, high influence) -> the usual advice from a power/interest grid
    (True, True): "manage",
    (False, True): "satisfy",
    (True, False): "inform",
    (False, False): "monitor",
}


def stakeholder_quadrant(stakeholder: Stakeholder) -> str:
    return QUADRANTS[(stakeholder.interest >= 3, stakeholder.influence >= 3)]


def communication_list(
    *, project: Project, today: dt.date | None = None
) -> QuerySet[CommunicationItem]:
    """The plan: overdue first, then what is coming by date, then what is done."""
    today = _today(today)
    return (
        CommunicationItem.objects.filter(project=project)
        .select_related("responsible", "stakeholder")
        .annotate(is_overdue=_overdue("planned_on", today))
        .order_by("done", "-is_overdue", "planned_on", "pk")
    )


@dataclass(frozen=True)
class Summary:
    meetings: int
    last_meeting: Meeting | None
    open_actions: int
    overdue_actions: int
    stakeholders: int
    communication_open: int
    communication_overdue: int


def dialogue_summary(*, project: Project, today: dt.date | None = None) -> Summary:
    today = _today(today)
    actions = ActionItem.objects.filter(meeting__project=project, done=False).aggregate(
        open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today))
    )
    plan = CommunicationItem.objects.filter(project=project, done=False).aggregate(
        open=Count("pk"), overdue=Count("pk", filter=Q(planned_on__lt=today))
    )
    return Summary(
        meetings=Meeting.objects.filter(project=project).count(),
        last_meeting=Meeting.objects.filter(project=project).order_by("-held_on", "-pk").first(),
        open_actions=actions["open"],
        overdue_actions=actions["overdue"],
        stakeholders=Stakeholder.objects.filter(project=project).count(),
        communication_open=plan["open"],
        communication_overdue=plan["overdue"],
    )
