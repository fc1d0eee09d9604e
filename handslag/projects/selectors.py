"""Reads about projects, always filtered to what the person may see."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handslag.accounts.models import Membership, User
from handslag.accounts.roles import OrganisationKind, ProjectRole
from handslag.audit.actions import action_current
from handslag.audit.services import audit_trail
from handslag.projects.audit_actions import ProjectsAction
from handslag.projects.models import (
    ProcedureTemplate,
    Project,
    ProjectMember,
    ProjectStatus,
    Risk,
    Stage,
    StageStatus,
    ThresholdValue,
)
from handslag.projects.permissions import buyer_organisation_ids, sees_internal_items
from handslag.rules import thresholds

# The competences the seeds say an innovation procurement needs, and the project roles that
# bring each of them. A need owner speaks for the operations, so counts as subject expertise.
RECOMMENDED_COMPETENCES: list[tuple[str, Any, tuple[str, ...]]] = [
    ("procurement", gettext_lazy("Procurement"), (ProjectRole.PROCUREMENT_OFFICER,)),
    ("legal", gettext_lazy("Legal"), (ProjectRole.LEGAL,)),
    ("it", gettext_lazy("IT"), (ProjectRole.IT,)),
    ("finance", gettext_lazy("Finance"), (ProjectRole.FINANCE,)),
    (
        "subject",
        gettext_lazy("Subject expertise"),
        (ProjectRole.SUBJECT_EXPERT, ProjectRole.NEED_OWNER),
    ),
    ("process", gettext_lazy("Process and change leadership"), (ProjectRole.PROCESS_LEAD,)),
    ("end_users", gettext_lazy("End users"), (ProjectRole.END_USER,)),
    ("sponsor", gettext_lazy("Leadership sponsor"), (ProjectRole.SPONSOR,)),
]


def template_list_visible(*, user: User) -> QuerySet[ProcedureTemplate]:
    """The shipped procedure templates and those of the person's own organisations."""
    return ProcedureTemplate.objects.filter(
        Q(organisation__isnull=True) | Q(organisation_id__in=user.organisation_ids)
    ).order_by("-is_default", "name", "-version")


def default_template() -> ProcedureTemplate | None:
    return (
        ProcedureTemplate.objects.filter(organisation__isnull=True, is_default=True)
        .order_by("-version")
        .first()
    )


def stages_with_counts() -> QuerySet[Stage]:
    """Stages with their required checklist items counted in the database, for lists that show
    where each project stands without loading every checklist item."""
    return Stage.objects.annotate(
        required_total=Count("items", filter=Q(items__required=True)),
        required_done=Count("items", filter=Q(items__required=True, items__done=True)),
    ).order_by("order")


def project_list_visible(*, user: User) -> QuerySet[Project]:
    """Projects the person is in the team of, or that their buyer organisations own."""
    if not user.is_authenticated:
        return Project.objects.none()
    buyer_ids = user.buyer_organisation_ids
    ids = Project.objects.filter(
        Q(members__user=user) | Q(organisation_id__in=buyer_ids) | Q(partner_buyers__in=buyer_ids)
    ).values("pk")
    return (
        Project.objects.filter(pk__in=ids)
        .select_related("organisation", "template")
        .prefetch_related(Prefetch("stages", queryset=stages_with_counts()))
        .order_by("-created_at")
    )


def project_for_board(*, project_id: int) -> Project:
    """One project with what its stage board shows, in a bounded number of queries."""
    return (
        Project.objects.select_related("organisation", "template", "created_by")
        .prefetch_related(
            Prefetch(
                "stages",
                queryset=Stage.objects.select_related("gate_passed_by")
                .prefetch_related("items__done_by")
                .order_by("order"),
            ),
            "needs",
            "partner_buyers",
        )
        .get(pk=project_id)
    )


def stage_is_late(stage: Stage, *, today: date | None = None) -> bool:
    """A stage runs late when its planned end has passed and its gate has not."""
    today = today or timezone.localdate()
    return bool(
        stage.planned_end and stage.planned_end < today and stage.status != StageStatus.PASSED
    )


@dataclass
class Position:
    """Where a project stands and what the next decision is."""

    project: Project
    current: Stage | None
    number: int
    count: int
    required_total: int = 0
    required_done: int = 0
    late: list[Stage] = field(default_factory=list)

    @property
    def is_active(self) -> bool:
        return self.project.status == ProjectStatus.ACTIVE

    @property
    def checklist_complete(self) -> bool:
        return self.required_done >= self.required_total

    @property
    def where(self) -> str:
        project = self.project
        if project.status == ProjectStatus.STOPPED:
            when = project.status_changed_at or project.updated_at
            return _("Stopped on %(date)s: %(reason)s") % {
                "date": date_format(timezone.localdate(when)),
                "reason": project.status_reason,
            }
        if project.status == ProjectStatus.COMPLETED or self.current is None:
            return _("Completed: every gate has been passed.")
        text = _("Stage %(number)d of %(count)d, %(stage)s, in progress since %(date)s.") % {
            "number": self.number,
            "count": self.count,
            "stage": self.current.name,
            "date": date_format(self.current.actual_start) if self.current.actual_start else "–",
        }
        if self.current in self.late:
            text += " " + _("It is running late: it was planned to end on %(date)s.") % {
                "date": date_format(self.current.planned_end)
            }
        return text

    @property
    def next_decision(self) -> str:
        if not self.is_active or self.current is None:
            return _("No decision is pending.")
        return _(
            "Next decision: pass the gate of “%(stage)s” (%(done)d of %(total)d required "
            "checklist items done)."
        ) % {
            "stage": self.current.name,
            "done": self.required_done,
            "total": self.required_total,
        }


def project_position(*, project: Project, today: date | None = None) -> Position:
    """Works on prefetched stages (and items, when prefetched) without extra queries."""
    today = today or timezone.localdate()
    stages = list(project.stages.all())
    current = next((s for s in stages if s.status == StageStatus.OPEN), None)
    number = stages.index(current) + 1 if current else len(stages)
    position = Position(project=project, current=current, number=number, count=len(stages))
    if project.status == ProjectStatus.ACTIVE:
        position.late = [s for s in stages if stage_is_late(s, today=today)]
    if current is not None and hasattr(current, "required_total"):
        position.required_total = current.required_total
        position.required_done = current.required_done
    elif current is not None:
        required = [i for i in current.items.all() if i.required]
        position.required_total = len(required)
        position.required_done = sum(1 for i in required if i.done)
    return position


def team_list(*, project: Project) -> list[dict[str, Any]]:
    """The team, one entry per person with the roles they hold; external members (from outside
    the owning buyers) with the areas they are invited to."""
    from handslag.projects.models import ExternalAccess, WorkspaceArea

    owners = buyer_organisation_ids(project)
    insiders = set(
        Membership.objects.filter(
            organisation_id__in=owners, is_active=True, user__project_memberships__project=project
        ).values_list("user_id", flat=True)
    )
    labels = dict(WorkspaceArea.choices)
    areas: dict[int, list[str]] = {}
    for user_id, area in ExternalAccess.objects.filter(project=project).values_list(
        "user_id", "area"
    ):
        areas.setdefault(user_id, []).append(str(labels.get(area, area)))
    people: dict[int, dict[str, Any]] = {}
    for member in (
        ProjectMember.objects.filter(project=project)
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "user_id", "role")
    ):
        entry = people.setdefault(
            member.user_id,
            {
                "user": member.user,
                "memberships": [],
                "external": member.user_id not in insiders,
                "areas": sorted(areas.get(member.user_id, [])),
            },
        )
        entry["memberships"].append(member)
    return list(people.values())


def competence_matrix(*, project: Project) -> list[dict[str, Any]]:
    """Each recommended competence, who brings it, and whether it is missing."""
    holders: dict[str, list[User]] = {}
    # In the team list's order: without one, PostgreSQL may list the people differently
    # from one request to the next.
    members = (
        ProjectMember.objects.filter(project=project)
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "user_id", "role")
    )
    for member in members:
        holders.setdefault(member.role, []).append(member.user)
    matrix = []
    for key, label, roles in RECOMMENDED_COMPETENCES:
        people = {u.pk: u for role in roles for u in holders.get(role, [])}
        matrix.append(
            {"key": key, "label": label, "covered": bool(people), "people": list(people.values())}
        )
    return matrix


def member_candidates(*, project: Project) -> QuerySet[User]:
    """People who may join the team: staff of the owning buyers and of partner organisations."""
    return (
        User.objects.filter(is_active=True, memberships__is_active=True)
        .filter(
            Q(memberships__organisation_id__in=buyer_organisation_ids(project))
            | Q(memberships__organisation__kind=OrganisationKind.PARTNER)
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def dashboard_for(*, user: User) -> dict[str, Any]:
    """The person's active projects with their current stage and next decision, and late stages."""
    if not user.is_authenticated:
        return {"my_projects": [], "late_stages": []}
    projects = (
        Project.objects.filter(members__user=user, status=ProjectStatus.ACTIVE)
        .distinct()
        .select_related("organisation")
        .prefetch_related(Prefetch("stages", queryset=stages_with_counts()))
        .order_by("-created_at")
    )
    today = timezone.localdate()
    my_projects = []
    late_stages = []
    for project in projects:
        position = project_position(project=project, today=today)
        my_projects.append({"project": project, "position": position})
        late_stages.extend(position.late)
    return {"my_projects": my_projects, "late_stages": late_stages}


# --- Risk register ---------------------------------------------------------------------------


def risk_list_visible(*, user: User, project: Project) -> QuerySet[Risk]:
    """The project's risks the person may see, most serious first; internal-only risks are for
    the owning buyers' staff. Callers check can_view_area(..., "risks") first."""
    risks = Risk.objects.filter(project=project).select_related("owner")
    if not sees_internal_items(user=user, project=project):
        risks = risks.filter(internal_only=False)
    return risks.annotate(risk_score=F("probability") * F("impact")).order_by(
        "-risk_score", "-impact", "title", "pk"
    )


def risk_is_overdue(risk: Risk, *, today: date | None = None) -> bool:
    """A review is overdue when its date has passed and the risk is not closed."""
    today = today or timezone.localdate()
    return bool(risk.review_date and risk.review_date < today and not risk.is_closed)


@dataclass
class MatrixCell:
    probability: int
    impact: int
    level: str
    risks: list[Risk]


def risk_matrix(risks: list[Risk]) -> list[list[MatrixCell]]:
    """A 5×5 grid of the risks that are not closed: rows from probability 5 down to 1,
    columns impact 1 to 5."""
    grid: dict[tuple[int, int], list[Risk]] = {}
    for risk in risks:
        if not risk.is_closed:
            grid.setdefault((risk.probability, risk.impact), []).append(risk)
    rows = []
    for probability in range(5, 0, -1):
        row = []
        for impact in range(1, 6):
            level = Risk(probability=probability, impact=impact).level
            row.append(MatrixCell(probability, impact, level, grid.get((probability, impact), [])))
        rows.append(row)
    return rows


RISK_FIELD_LABELS = {
    "title": gettext_lazy("Risk"),
    "description": gettext_lazy("Description"),
    "probability": gettext_lazy("Probability"),
    "impact": gettext_lazy("Impact"),
    "owner": gettext_lazy("Owner"),
    "mitigation": gettext_lazy("Mitigation"),
    "status": gettext_lazy("Status"),
    "review_date": gettext_lazy("Next review"),
    "internal_only": gettext_lazy("Internal only"),
}


def _risk_value(name: str, value: Any) -> str:
    from handslag.projects.models import RiskStatus

    if value in (None, ""):
        return "–"
    if name == "status":
        return str(dict(RiskStatus.choices).get(value, value))
    if name == "internal_only":
        return _("Yes") if value else _("No")
    if name == "review_date":
        try:
            return date_format(date.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    return str(value)


def risk_history(*, risk: Risk) -> list[dict[str, Any]]:
    """Every change to the risk, oldest first, field by field."""
    history = []
    for entry in audit_trail(target=risk).select_related("actor"):
        if action_current(entry.action) == ProjectsAction.RISK_CREATE:
            label = _("Registered")
            changes = [
                (RISK_FIELD_LABELS[k], "", _risk_value(k, entry.data.get(k)))
                for k in RISK_FIELD_LABELS
                if entry.data.get(k) not in (None, "", False)
            ]
        else:
            label = _("Changed")
            changes = [
                (
                    RISK_FIELD_LABELS.get(k, k),
                    _risk_value(k, v.get("before")),
                    _risk_value(k, v.get("after")),
                )
                for k, v in (entry.data.get("changes") or {}).items()
            ]
        history.append(
            {"when": entry.created_at, "who": entry.actor_label, "label": label, "changes": changes}
        )
    return history


def risk_register_rows(*, user: User, project: Project) -> tuple[list[str], list[list]]:
    """The risk register as header and rows, for the spreadsheet."""
    header = [
        _("Risk"),
        _("Description"),
        _("Probability"),
        _("Impact"),
        _("Score"),
        _("Owner"),
        _("Mitigation"),
        _("Status"),
        _("Next review"),
        _("Review overdue"),
    ]
    today = timezone.localdate()
    rows = [
        [
            r.title,
            r.description,
            r.probability,
            r.impact,
            r.score,
            str(r.owner) if r.owner else "",
            r.mitigation,
            r.get_status_display(),
            r.review_date,
            _("Yes") if risk_is_overdue(r, today=today) else _("No"),
        ]
        for r in risk_list_visible(user=user, project=project)
    ]
    return header, rows


def template_for_key(*, user: User, key: str) -> ProcedureTemplate | None:
    """The newest version of a procedure: the person's organisation's own copy if there is one,
    otherwise the shipped template."""
    templates = template_list_visible(user=user).filter(key=key)
    own = templates.filter(organisation__isnull=False).order_by("-version", "-pk").first()
    return own or templates.filter(organisation__isnull=True).order_by("-version").first()


# --- Thresholds ------------------------------------------------------------------------------


def threshold_list(*, on: date | None = None) -> QuerySet[ThresholdValue]:
    """Every threshold row, newest period first; with *on*, only the rows in force that day.

    Public data: anyone signed in may read it."""
    rows = ThresholdValue.objects.all()
    if on is not None:
        rows = rows.filter(valid_from__lte=on, valid_to__gte=on)
    return rows.order_by("-valid_from", "category")


def threshold_row_for(rule: thresholds.Threshold | None) -> ThresholdValue | None:
    """The stored row a rule was read from, for its label and legal basis."""
    if rule is None:
        return None
    return ThresholdValue.objects.filter(category=rule.category, valid_from=rule.valid_from).first()


def threshold_table() -> list[thresholds.Threshold]:
    """The whole table as the rules read it (handslag.rules.thresholds)."""
    return [row.as_rule() for row in ThresholdValue.objects.all()]


# --- Resources -------------------------------------------------------------------------------


def resources_for(*, user: User, project: Project, today: date | None = None) -> dict[str, Any]:
    """Budget lines, hours and funding sources the person may see, with totals. Callers check
    can_view_area(..., "resources") first."""
    from decimal import Decimal

    from handslag.projects.models import BudgetLine, EffortLine, FundingSource, FundingStatus

    today = today or timezone.localdate()
    internal = sees_internal_items(user=user, project=project)
    budget = BudgetLine.objects.filter(project=project).select_related("funding_source")
    hours = EffortLine.objects.filter(project=project).select_related("stage")
    funding = FundingSource.objects.filter(project=project)
    if not internal:
        budget = budget.filter(internal_only=False)
        hours = hours.filter(internal_only=False)
        funding = funding.filter(internal_only=False)
    budget, hours, funding = list(budget), list(hours), list(funding)
    planned = sum((b.planned for b in budget), Decimal(0))
    spent = sum((b.spent for b in budget), Decimal(0))
    granted = sum((f.amount for f in funding if f.status == FundingStatus.GRANTED), Decimal(0))
    hours_planned = sum((h.hours_planned for h in hours), Decimal(0))
    hours_spent = sum((h.hours_spent for h in hours), Decimal(0))
    return {
        "budget_lines": budget,
        "effort_lines": hours,
        "funding_sources": funding,
        "planned": planned,
        "spent": spent,
        "remaining": planned - spent,
        "over_budget": spent > planned,
        "granted": granted,
        "own_share": max(planned - granted, Decimal(0)),
        "hours_planned": hours_planned,
        "hours_spent": hours_spent,
        "hours_over": hours_spent > hours_planned,
        "reports_due": [
            f
            for f in funding
            if f.report_due and f.report_due < today and f.status == FundingStatus.GRANTED
        ],
    }


def resource_sheets(*, user: User, project: Project) -> list[tuple[str, list[str], list[list]]]:
    """The resources as three spreadsheet sheets: budget, hours, funding."""
    data = resources_for(user=user, project=project)
    return [
        (
            str(_("Budget")),
            [_("Category"), _("Description"), _("Planned (SEK)"), _("Spent (SEK)"), _("Paid from")],
            [
                [
                    b.get_category_display(),
                    b.description,
                    int(b.planned),
                    int(b.spent),
                    str(b.funding_source or ""),
                ]
                for b in data["budget_lines"]
            ],
        ),
        (
            str(_("Hours")),
            [_("Who"), _("Stage"), _("Hours planned"), _("Hours spent")],
            [
                [h.who, str(h.stage or ""), float(h.hours_planned), float(h.hours_spent)]
                for h in data["effort_lines"]
            ],
        ),
        (
            str(_("Funding")),
            [
                _("Funder"),
                _("Programme"),
                _("Amount (SEK)"),
                _("Status"),
                _("Conditions"),
                _("Next report due"),
            ],
            [
                [
                    f.name,
                    f.programme,
                    int(f.amount),
                    f.get_status_display(),
                    f.conditions,
                    f.report_due,
                ]
                for f in data["funding_sources"]
            ],
        ),
    ]
