"""Reads for the tendering pages and API, filtered to what the user may see.

Before the opening no selector returns a tender, or a number of tenders, to anyone at
the buyer (OSL 2009:400 19 kap. 3 §).
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from handslag.accounts.models import User
from handslag.accounts.roles import ProjectRole
from handslag.core.permissions import forbidden, not_found
from handslag.market.models import Call, CallStatus
from handslag.projects.models import ProjectMember
from handslag.projects.permissions import is_internal_member
from handslag.tendering import registry
from handslag.tendering.models import (
    CallKey,
    NegotiationRound,
    Tender,
    TenderFile,
    TenderStatus,
)
from handslag.tendering.opening import (
    call_opened_at,
    opened_rounds,
)


def sealed_message() -> str:
    return _("Tenders are sealed until the opening.")


def tender_list_for_supplier(*, user: User) -> QuerySet[Tender]:
    """Every tender (and receipt) of the user's supplier organisations, newest first."""
    if not user.is_authenticated:
        return Tender.objects.none()
    return (
        Tender.objects.filter(supplier_id__in=user.supplier_organisation_ids)
        .select_related("call", "supplier", "submitted_by")
        .order_by("-submitted_at", "-pk")
    )


def call_opened_expression() -> Exists:
    """True for a call row whose tenders are opened (market's stage "opened")."""
    return Exists(CallKey.objects.filter(call_id=OuterRef("pk"), opened_at__isnull=False))


def call_tenderer_ids(*, call: Call) -> set[int]:
    """The suppliers with a standing tender in any round, for market to tell of the call's
    cancellation (LOU 12 kap. 12 §). Only the cancellation service asks, and it shows
    neither the suppliers nor how many there are."""
    return set(
        Tender.objects.filter(call=call)
        .exclude(status=TenderStatus.WITHDRAWN)
        .values_list("supplier_id", flat=True)
    )


@dataclass
class CallState:
    """Where a call stands in tendering, as the buyer's team may know it (no counts)."""

    deadline_passed: bool
    opened_at: Any
    award: Any | None  # the award decision (evaluation), through the registry

    @property
    def code(self) -> str:
        if self.award is not None:
            return "awarded"
        if self.opened_at is not None:
            return "opened"
        if self.deadline_passed:
            return "awaiting_opening"
        return "sealed"


def call_state(*, call: Call, now: Any = None) -> CallState:
    now = now or timezone.now()
    return CallState(
        deadline_passed=call.tender_deadline is not None and now >= call.tender_deadline,
        opened_at=call_opened_at(call),
        award=registry.award_of(call),
    )


def tenders_for_team(*, user: User, call: Call) -> list[Tender]:
    """The call's tenders (all statuses) for the team: those of the opened rounds only."""
    if not is_internal_member(user=user, project=call.project):
        raise not_found()
    if call_opened_at(call) is None:
        raise forbidden(sealed_message())
    return list(
        Tender.objects.filter(call=call, round__in=opened_rounds(call))
        .select_related("supplier")
        .order_by("round", "submitted_at", "pk")
    )


@dataclass(frozen=True)
class TeamCall:
    """A call past its deadline in one of the person's projects, with their roles there."""

    call: Call
    roles: frozenset[str]
    # Round 1 or a negotiation round past its deadline still waits for its opening.
    awaiting_opening: bool
    awarded: bool


def team_calls_past_deadline(*, user: User) -> list[TeamCall]:
    """The calls past their deadline in the person's projects: where each one stands, for
    the start page (tendering's part and the evaluation's) — never a number of tenders."""
    if not user.is_authenticated:
        return []
    memberships = ProjectMember.objects.filter(user=user).values_list("project_id", "role")
    roles_by_project: dict[int, set[str]] = {}
    for project_id, role in memberships:
        roles_by_project.setdefault(project_id, set()).add(role)
    if not roles_by_project:
        return []
    now = timezone.now()
    calls = (
        Call.objects.filter(project_id__in=roles_by_project.keys(), tender_deadline__lte=now)
        .exclude(status__in=[CallStatus.DRAFT, CallStatus.CANCELLED])
        .select_related("project")
        .order_by("tender_deadline")
    )
    opened = dict(CallKey.objects.filter(call__in=calls).values_list("call_id", "opened_at"))
    # Negotiation rounds whose deadline has passed and that wait for their opening.
    rounds_waiting = set(
        NegotiationRound.objects.filter(
            call__in=calls, opened_at__isnull=True, deadline__lte=now
        ).values_list("call_id", flat=True)
    )
    awarded = registry.awarded_call_ids(calls)
    return [
        TeamCall(
            call=call,
            roles=frozenset(roles_by_project[call.project_id]),
            awaiting_opening=opened.get(call.pk) is None or call.pk in rounds_waiting,
            awarded=call.pk in awarded,
        )
        for call in calls
    ]


def dashboard_for(*, user: User) -> dict[str, Any]:
    """The start page's tendering part for one person.

    Suppliers: their latest tenders and receipts. Buyers: calls waiting for them to open
    (the evaluation app adds those waiting to be scored, agreed or awarded).
    """
    result: dict[str, Any] = {"tenders": [], "awaiting_opening": []}
    if not user.is_authenticated:
        return result
    if user.is_supplier:
        result["tenders"] = list(tender_list_for_supplier(user=user)[:10])
    for item in team_calls_past_deadline(user=user):
        if (
            not item.awarded
            and item.awaiting_opening
            and ProjectRole.OPENING_OFFICIAL in item.roles
        ):
            result["awaiting_opening"].append(item.call)
    return result


def _sealed_tenders() -> QuerySet[Tender]:
    """Tenders of a round that is not opened yet (any status: a withdrawn one counts too)."""
    sealed_rounds = NegotiationRound.objects.filter(
        opened_at__isnull=True, call_id=OuterRef("call_id"), number=OuterRef("round")
    )
    return Tender.objects.filter(
        Q(call__tender_key__isnull=True)
        | Q(call__tender_key__opened_at__isnull=True)
        | Q(Exists(sealed_rounds))
    )


def sealed_tender_ids() -> list[str]:
    """Ids (as the audit log stores them) of tenders whose round is not opened yet.

    Entries name a tender by its public id; older ones (written before it had one) by key.
    """
    sealed = _sealed_tenders().values_list("public_id", "pk")
    return [str(value) for row in sealed for value in row]


def sealed_audit_entries() -> Q:
    """The one rule for which audit entries stay out of every view until the opening.

    An entry about a sealed tender would let whoever reads the log count the tenders
    before the opening (OSL 19:3). Every entry that is about a tender names the tender
    (or one of its files) as its target: the submission, the withdrawal and the
    supplier's confidentiality claims (disclosure). Entries on the call before the
    opening (criteria, evaluation model, declarations, opening confirmations) say
    nothing about how many tenders arrived; later ones (opening, scores, award,
    negotiation, disclosure requests) are written only after an opening.
    """
    sealed = _sealed_tenders()
    files = TenderFile.objects.filter(tender__in=sealed).values_list("public_id", "pk")
    return Q(target_type=Tender._meta.label_lower, target_id__in=sealed_tender_ids()) | Q(
        target_type=TenderFile._meta.label_lower,
        target_id__in=[str(value) for row in files for value in row],
    )
