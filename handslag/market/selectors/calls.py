"""Reads about calls and applications, and the start page's market section."""

import datetime as dt
from typing import Any

from django.db.models import Case, Count, F, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from handslag.accounts.models import Organisation, User
from handslag.market import extensions
from handslag.market.models import (
    OPEN_STAGES,
    Application,
    ApplicationStatus,
    Call,
    CallStage,
    CallStatus,
)
from handslag.needs.models import ExpectedEffect
from handslag.projects.models import Project, ProjectMember

PUBLIC_STATUSES = (CallStatus.PUBLISHED, CallStatus.CLOSED)


def call_list_published() -> QuerySet[Call]:
    """Calls on the market now or earlier (not drafts, not cancelled), newest first."""
    return (
        Call.objects.filter(status__in=PUBLIC_STATUSES, published_at__isnull=False)
        .select_related("project__organisation")
        .order_by("-published_at", "-pk")
    )


# What the market's search looks in.
SEARCH_FIELDS = ("title", "summary", "reference", "project__organisation__name")
# The stages a visitor may filter the market by: every stage but the draft.
MARKET_STAGES = tuple(stage for stage in CallStage if stage != CallStage.DRAFT)


def call_list_market(
    *,
    stage: str = "",
    area: str = "",
    buyer_id: int | None = None,
    deadline_from: dt.date | None = None,
    deadline_to: dt.date | None = None,
    query: str = "",
    now: dt.datetime | None = None,
) -> QuerySet[Call]:
    """The public market: every call published once (cancelled ones too), each with its
    stage, filtered, open calls first.

    Open calls come first, the nearest deadline for applications first; then the rest
    by stage and newest publication. The search is a plain case-insensitive match on
    title, summary, reference and buyer: the market holds hundreds of calls, not millions,
    and the same query runs on SQLite and PostgreSQL. Deadlines are Swedish dates.
    """
    calls = (
        Call.objects.filter(published_at__isnull=False)
        .exclude(status=CallStatus.DRAFT)
        .with_stage(now=now)
        .select_related("project__organisation")
    )
    if stage:
        calls = calls.filter(stage_value=stage)
    if area:
        calls = calls.filter(area=area)
    if buyer_id:
        calls = calls.filter(project__organisation_id=buyer_id)
    if deadline_from:
        calls = calls.filter(application_deadline__gte=_day_start(deadline_from))
    if deadline_to and deadline_to < dt.date.max:
        calls = calls.filter(
            application_deadline__lt=_day_start(deadline_to + dt.timedelta(days=1))
        )
    query = (query or "").strip()
    if query:
        match = Q()
        # SQLite folds only ASCII letters' case, so "VATTENMÄTARE" would miss
        # "vattenmätare": ask for the text as typed and in the usual casings too.
        for variant in {query, query.lower(), query.upper(), query.capitalize()}:
            for field in SEARCH_FIELDS:
                match |= Q(**{f"{field}__icontains": variant})
        calls = calls.filter(match)
    is_open = Case(
        When(stage_value__in=[s.value for s in OPEN_STAGES], then=Value(0)),
        default=Value(1),
    )
    return calls.order_by(
        is_open,
        "stage_rank",
        # Open calls by the nearest deadline; the others newest first (the deadline
        # sorts descending only where it is not an open call's).
        Case(When(stage_value__in=[s.value for s in OPEN_STAGES], then=F("application_deadline"))),
        "-published_at",
        "-pk",
    )


def market_buyers() -> QuerySet[Organisation]:
    """The buyers with a call on the market, for the market's filter."""
    return Organisation.objects.filter(
        pk__in=Call.objects.filter(published_at__isnull=False)
        .exclude(status=CallStatus.DRAFT)
        .values("project__organisation_id")
    ).order_by("name")


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def call_list_open(*, now: dt.datetime | None = None) -> QuerySet[Call]:
    """Published calls still open for applications (server clock)."""
    return call_list_published().filter(
        status=CallStatus.PUBLISHED, application_deadline__gt=now or timezone.now()
    )


def call_list_for_user(*, user: User, project: Project | None = None) -> QuerySet[Call]:
    """Calls of the projects the person may see (team or owning buyer's staff)."""
    if not user.is_authenticated:
        return Call.objects.none()
    visible = (
        Q(project__members__user=user)
        | Q(project__organisation_id__in=user.buyer_organisation_ids)
        | Q(project__partner_buyers__in=user.buyer_organisation_ids)
    )
    calls = Call.objects.filter(visible)
    if project is not None:
        calls = calls.filter(project=project)
    return (
        Call.objects.filter(pk__in=calls.values("pk"))
        .with_stage()
        .select_related("project", "project__organisation")
        .order_by("-created_at", "-pk")
    )


def call_invited_suppliers(*, call: Call) -> QuerySet[Organisation]:
    """The organisations invited to tender for the call: the only ones that may tender."""
    return Organisation.objects.filter(
        applications__call=call, applications__status=ApplicationStatus.INVITED
    ).order_by("name")


def call_needs(*, call: Call) -> list[Any]:
    """The project's need statements with their expected effects, as shown in the call."""
    return list(
        call.project.needs.prefetch_related(
            Prefetch("effects", queryset=ExpectedEffect.objects.order_by("order", "pk"))
        ).order_by("pk")
    )


def call_criteria(*, call: Call) -> list[Any]:
    """The award criteria, owned by the tendering app (registered with market.extensions);
    published with the call."""
    return extensions.call_criteria(call=call)


def application_list_for_call(*, user: User, call: Call) -> QuerySet[Application]:
    """Every application of the call, for the project team; nothing for anybody else."""
    from handslag.market.permissions import can_see_applications

    if not can_see_applications(user=user, call=call):
        return Application.objects.none()
    return (
        Application.objects.filter(call=call)
        .select_related("supplier", "submitted_by", "decided_by")
        .order_by("created_at", "pk")
    )


def application_status_counts(*, user: User, call: Call) -> dict[str, int]:
    """For the team: how many applications are in each status (applications are not sealed)."""
    rows = (
        application_list_for_call(user=user, call=call)
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
    )
    return {row["status"]: row["n"] for row in rows}


def application_list_for_supplier(*, user: User) -> QuerySet[Application]:
    """The applications of the person's own supplier organisations, newest first."""
    if not user.is_authenticated or not user.supplier_organisation_ids:
        return Application.objects.none()
    return (
        Application.objects.filter(supplier_id__in=user.supplier_organisation_ids)
        .select_related("call", "call__project__organisation", "supplier")
        .order_by("-created_at", "-pk")
    )


def application_for_supplier(*, user: User, call: Call) -> Application | None:
    """The person's organisation's application to the call, if any (withdrawn included)."""
    return application_list_for_supplier(user=user).filter(call=call).first()


def calls_open_for_supplier(*, user: User, now: dt.datetime | None = None) -> QuerySet[Call]:
    """Open calls none of the person's organisations has an active application to."""
    applied = Application.objects.filter(supplier_id__in=user.supplier_organisation_ids).exclude(
        status=ApplicationStatus.WITHDRAWN
    )
    return call_list_open(now=now).exclude(pk__in=applied.values("call_id"))


def dashboard_for(*, user: User, now: dt.datetime | None = None) -> dict[str, Any]:
    """What the start page shows about the market for this person.

    Buyer staff: "market_calls", the calls of the projects they work in, whatever their
    stage, with deadlines. Suppliers: "market_applications" (their own, with status)
    and "market_invitations" (invited to tender), and "market_open_calls".
    """
    result: dict[str, Any] = {}
    if not user.is_authenticated:
        return result
    if user.is_buyer_staff:
        projects = ProjectMember.objects.filter(user=user).values("project_id")
        # Each call with its stage: an awarded or cancelled one says so.
        result["market_calls"] = list(
            Call.objects.filter(project_id__in=projects)
            .with_stage(now=now)
            .select_related("project")
            .order_by("application_deadline", "pk")[:10]
        )
    if user.is_supplier:
        applications = application_list_for_supplier(user=user)
        result["market_applications"] = list(applications[:10])
        result["market_invitations"] = list(invitations_open(user=user, now=now)[:10])
        result["market_open_calls"] = list(calls_open_for_supplier(user=user, now=now)[:5])
    return result


def invitations_open(*, user: User, now: dt.datetime | None = None) -> QuerySet[Application]:
    """Invitations to tender the supplier can still act on: the call is published and its
    tender deadline has not passed (by the server's clock)."""
    now = now or timezone.now()
    return (
        application_list_for_supplier(user=user)
        .filter(
            status=ApplicationStatus.INVITED,
            call__status=CallStatus.PUBLISHED,
            call__tender_deadline__gt=now,
        )
        .order_by("call__tender_deadline", "pk")
    )
