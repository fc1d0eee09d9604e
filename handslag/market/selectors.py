"""Reads about calls and applications, filtered to what the person may see.

Other apps use these: tendering asks `call_invited_suppliers()` who may tender, the start
page asks `dashboard_for()`.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from handslag.accounts.models import Organisation, User
from handslag.market.models import Application, ApplicationStatus, Call, CallStatus
from handslag.projects.models import Project, ProjectMember

PUBLIC_STATUSES = (CallStatus.PUBLISHED, CallStatus.CLOSED)


def call_list_published() -> QuerySet[Call]:
    """Calls on the market now or earlier (not drafts, not cancelled), newest first."""
    return (
        Call.objects.filter(status__in=PUBLIC_STATUSES, published_at__isnull=False)
        .select_related("project__organisation")
        .order_by("-published_at", "-pk")
    )


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
    from handslag.needs.models import ExpectedEffect

    return list(
        call.project.needs.prefetch_related(
            Prefetch("effects", queryset=ExpectedEffect.objects.order_by("order", "pk"))
        ).order_by("pk")
    )


def call_criteria(*, call: Call) -> list[Any]:
    """The award criteria, owned by the tendering app; published with the call."""
    from handslag.tendering.models import Criterion

    return list(Criterion.objects.filter(call=call).order_by("order", "pk"))


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

    Buyer staff: "market_calls", the calls of the projects they work in (draft and
    published), with deadlines. Suppliers: "market_applications" (their own, with status)
    and "market_invitations" (invited to tender), and "market_open_calls".
    """
    result: dict[str, Any] = {}
    if not user.is_authenticated:
        return result
    if user.is_buyer_staff:
        projects = ProjectMember.objects.filter(user=user).values("project_id")
        result["market_calls"] = list(
            Call.objects.filter(
                project_id__in=projects,
                status__in=(CallStatus.DRAFT, CallStatus.PUBLISHED),
            )
            .select_related("project")
            .order_by("application_deadline", "pk")[:10]
        )
    if user.is_supplier:
        applications = application_list_for_supplier(user=user)
        result["market_applications"] = list(applications[:10])
        result["market_invitations"] = list(
            applications.filter(status=ApplicationStatus.INVITED).order_by("call__tender_deadline")[
                :10
            ]
        )
        result["market_open_calls"] = list(calls_open_for_supplier(user=user, now=now)[:5])
    return result


# --- Legal clock ------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanNotice:
    """A legal-clock warning about a call's timetable, in the user's language."""

    code: str
    message: str
    is_soft: bool
    params: dict[str, Any] = field(default_factory=dict)


def _local_date(value: dt.datetime | None) -> dt.date | None:
    return timezone.localtime(value).date() if value is not None else None


def _date_text(iso: str | None) -> str:
    if not iso:
        return ""
    from django.utils.formats import date_format

    return date_format(dt.date.fromisoformat(iso), "DATE_FORMAT")


_FIELDS = {
    "notice_sent": lambda: _("the publication of the call"),
    "application_deadline": lambda: _("the deadline for applications"),
    "invitation_sent": lambda: _("the invitation to tender"),
    "tender_deadline": lambda: _("the deadline for tenders"),
}


def _translate(warning: Any) -> str:
    p = warning.params
    code = warning.code
    if code == "deadlines_out_of_order":
        return _("%(later)s (%(later_date)s) must come after %(earlier)s (%(earlier_date)s).") % {
            "later": _FIELDS[p["later_field"]]().capitalize(),
            "later_date": _date_text(p["later_date"]),
            "earlier": _FIELDS[p["earlier_field"]](),
            "earlier_date": _date_text(p["earlier_date"]),
        }
    if code == "application_period_too_short":
        return _(
            "The application period is %(days)s days; the procedure requires at least "
            "%(minimum)s days from the publication of the call. The earliest lawful deadline "
            "for applications is %(earliest)s."
        ) % {
            "days": p["days"],
            "minimum": p["minimum_days"],
            "earliest": _date_text(p["earliest_working_deadline"]),
        }
    if code == "tender_period_too_short":
        text = _(
            "The tender period is %(days)s days from the deadline for applications (the "
            "earliest day the invitation to tender can be sent); at least %(minimum)s days "
            "are required. The earliest deadline for tenders is %(earliest)s."
        )
        if p.get("counted_from") == "notice_sent":
            text = _(
                "The tender period is %(days)s days from the publication of the call; at "
                "least %(minimum)s days are required. The earliest deadline for tenders is "
                "%(earliest)s."
            )
        text = text % {
            "days": p["days"],
            "minimum": p["minimum_days"],
            "earliest": _date_text(p["earliest_working_deadline"]),
        }
        if not p.get("statutory", True):
            text += " " + _("(The law sets no minimum here; this is handslag's recommendation.)")
        return text
    if code == "deadline_on_non_working_day":
        return _(
            "%(field)s (%(date)s) falls on a Saturday, Sunday or public holiday; the next "
            "working day is %(next)s."
        ) % {
            "field": _FIELDS[p["field"]]().capitalize(),
            "date": _date_text(p["date"]),
            "next": _date_text(p["next_working_day"]),
        }
    if code == "application_deadline_not_used":
        return _(
            "An open procedure has no application stage; the deadline for applications will not be used."
        )
    return warning.message


def call_plan_warnings(*, call: Call, now: dt.datetime | None = None) -> list[PlanNotice]:
    """What the legal clock says about the call's deadlines if it is published at `now`.

    Warnings advise; they never block publishing. Procedures the clock does not know
    (a template's own label) give no warnings.
    """
    try:
        from handslag.tendering import legal_clock
    except ImportError:  # the clock is optional; the call still works without it
        return []
    try:
        procedure = legal_clock.Procedure(call.legal_procedure)
    except ValueError:
        return []
    notice = call.published_at or now or timezone.now()
    found = legal_clock.check_plan(
        procedure,
        _local_date(notice),
        _local_date(call.application_deadline),
        _local_date(call.tender_deadline),
        True,
    )
    return [
        PlanNotice(code=w.code, message=_translate(w), is_soft=w.is_soft, params=dict(w.params))
        for w in found
    ]
