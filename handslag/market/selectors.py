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
from handslag.market.models import (
    Application,
    ApplicationStatus,
    Area,
    Call,
    CallFollow,
    CallStatus,
    CallVersion,
    DialogueEvent,
    Question,
    Rfi,
    RfiAnswer,
    RfiResponse,
    RfiStatus,
    SupplierProfile,
)
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
        result["market_invitations"] = list(invitations_open(user=user, now=now)[:10])
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


# --- Questions and answers ---------------------------------------------------------------


@dataclass(frozen=True)
class QuestionDays:
    """The last day for supplier questions and for the buyer's answers (Swedish dates)."""

    last_for_questions: dt.date | None
    last_for_answers: dt.date | None


def call_question_days(*, call: Call) -> QuestionDays:
    """From the legal clock: answers at least six days before the deadline for tenders
    (LOU 12 kap. 11 §), questions a few working days before that (policy)."""
    from handslag.tendering import legal_clock

    deadline = _local_date(call.tender_deadline)
    if deadline is None:
        return QuestionDays(None, None)
    return QuestionDays(
        last_for_questions=legal_clock.last_day_for_questions(deadline),
        last_for_answers=legal_clock.last_day_for_answers(deadline),
    )


def questions_open(*, call: Call, now: dt.datetime | None = None) -> bool:
    days = call_question_days(call=call)
    today = timezone.localtime(now or timezone.now()).date()
    return (
        call.status == CallStatus.PUBLISHED
        and days.last_for_questions is not None
        and today <= days.last_for_questions
    )


def question_list_public(*, call: Call) -> QuerySet[Question]:
    """The answered questions, as every supplier sees them: never who asked."""
    return (
        Question.objects.filter(call=call, answered_at__isnull=False)
        .only("pk", "call_id", "published_question", "answer", "answered_at", "asked_at")
        .order_by("answered_at", "pk")
    )


def question_list_for_call(*, user: User, call: Call) -> QuerySet[Question]:
    """Every question of the call with its asker: the project team; nothing for others."""
    from handslag.market.permissions import can_see_questions

    if not can_see_questions(user=user, call=call):
        return Question.objects.none()
    return (
        Question.objects.filter(call=call)
        .select_related("supplier", "asked_by", "answered_by")
        .order_by("answered_at", "asked_at", "pk")
    )


def question_list_for_supplier(*, user: User, call: Call | None = None) -> QuerySet[Question]:
    """The questions the person's supplier organisations have asked, newest first."""
    if not user.is_authenticated or not user.supplier_organisation_ids:
        return Question.objects.none()
    questions = Question.objects.filter(supplier_id__in=user.supplier_organisation_ids)
    if call is not None:
        questions = questions.filter(call=call)
    return questions.select_related("call", "call__project__organisation", "supplier").order_by(
        "-asked_at", "-pk"
    )


def call_interested_emails(*, call: Call) -> list[str]:
    """E-mail addresses of the active people of every supplier that applied to, follows or
    asked a question on the call."""
    from handslag.accounts.models import Membership

    organisations = (
        set(Application.objects.filter(call=call).values_list("supplier_id", flat=True))
        | set(CallFollow.objects.filter(call=call).values_list("organisation_id", flat=True))
        | set(Question.objects.filter(call=call).values_list("supplier_id", flat=True))
    )
    emails = (
        Membership.objects.filter(
            organisation_id__in=organisations, is_active=True, user__is_active=True
        )
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    return sorted(set(emails))


# --- Versions of a published call ------------------------------------------------------------


@dataclass(frozen=True)
class ChangeRow:
    field: str
    label: str
    old: str
    new: str


def _display(name: str, value: Any) -> str:
    if value in (None, ""):
        return "–"
    if name in ("application_deadline", "tender_deadline"):
        from django.utils.formats import date_format

        when = dt.datetime.fromisoformat(value)
        return date_format(timezone.localtime(when), "DATETIME_FORMAT")
    if name == "area":
        return str(dict(Area.choices).get(value, value))
    return str(value)


def version_changes(*, version: CallVersion) -> list[ChangeRow]:
    """A version's diff as rows a person can read: field, before, after."""
    rows = []
    for name, change in sorted(version.changes.items()):
        try:
            label = str(Call._meta.get_field(name).verbose_name)
        except Exception:  # noqa: BLE001 - a field removed since; show its name
            label = name
        rows.append(
            ChangeRow(
                field=name,
                label=label[:1].upper() + label[1:],
                old=_display(name, change.get("old")),
                new=_display(name, change.get("new")),
            )
        )
    return rows


def call_version_list(*, call: Call) -> list[tuple[CallVersion, list[ChangeRow]]]:
    """The change history of a published call, newest first (public)."""
    versions = CallVersion.objects.filter(call=call).select_related("changed_by")
    return [(v, version_changes(version=v)) for v in versions.order_by("-number")]


# --- Supplier registry -----------------------------------------------------------------------


def supplier_profile_for(*, organisation: Organisation) -> SupplierProfile:
    """The organisation's profile, or an empty unsaved one if it never wrote one."""
    profile = SupplierProfile.objects.filter(organisation=organisation).first()
    return profile or SupplierProfile(organisation=organisation)


def supplier_organisations_for(*, user: User) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(pk__in=user.supplier_organisation_ids).order_by("name")


def supplier_list(*, user: User) -> QuerySet[Organisation]:
    """The supplier registry, for buyer staff (to invite to dialogue); nothing for others."""
    if not user.is_authenticated or not user.is_buyer_staff:
        return Organisation.objects.none()
    return (
        Organisation.objects.filter(kind="supplier")
        .select_related("supplier_profile")
        .order_by("name")
    )


def call_follows_for_supplier(*, user: User) -> QuerySet[CallFollow]:
    if not user.is_authenticated or not user.supplier_organisation_ids:
        return CallFollow.objects.none()
    return (
        CallFollow.objects.filter(organisation_id__in=user.supplier_organisation_ids)
        .select_related("call", "call__project__organisation", "organisation")
        .order_by("call__application_deadline", "pk")
    )


def is_following(*, user: User, call: Call) -> bool:
    return call_follows_for_supplier(user=user).filter(call=call).exists()


def followed_areas(*, user: User) -> list[str]:
    areas: set[str] = set()
    for profile_areas in SupplierProfile.objects.filter(
        organisation_id__in=user.supplier_organisation_ids
    ).values_list("areas", flat=True):
        areas.update(profile_areas or [])
    return [a for a in Area.values if a in areas]


def calls_in_followed_areas(*, user: User, now: dt.datetime | None = None) -> QuerySet[Call]:
    """Open calls in the areas the person's organisations follow."""
    areas = followed_areas(user=user)
    if not areas:
        return Call.objects.none()
    return call_list_open(now=now).filter(area__in=areas)


# --- RFIs and dialogue events ---------------------------------------------------------------


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
    from handslag.accounts.roles import ProjectRole

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
