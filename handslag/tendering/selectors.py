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
from handslag.tendering import evaluation
from handslag.tendering.models import (
    Award,
    CallKey,
    Criterion,
    NegotiationRound,
    OpeningConfirmation,
    Score,
    Tender,
    TenderFile,
)
from handslag.tendering.opening import (
    call_opened_at,
    current_round,
    is_tender_opened,
    latest_opened_round,
    opened_rounds,
)
from handslag.tendering.permissions import (
    can_award,
    can_confirm_opening,
    can_manage_criteria,
    can_record_consensus,
    can_score,
    is_tender_supplier,
)
from handslag.tendering.services import opening_record


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


def award_for_supplier(*, user: User, tender: Tender) -> dict[str, Any] | None:
    """The award decision as the tenderer may see it: the decision, its reasons and the
    external justifications of its own tender's consensus scores."""
    if not is_tender_supplier(user=user, tender=tender):
        raise not_found()
    award = Award.objects.filter(call_id=tender.call_id).select_related("tender__supplier").first()
    if award is None:
        return None
    scores = (
        Score.objects.filter(tender=tender, is_consensus=True)
        .select_related("criterion")
        .order_by("criterion__order", "criterion__pk")
    )
    return {
        "award": award,
        "won": award.tender.supplier_id == tender.supplier_id,
        "winner": award.tender.supplier.name,
        "justification": award.justification,
        "scores": [
            {
                "criterion": s.criterion.name,
                "weight": s.criterion.weight,
                "score": s.score,
                "justification": s.external_justification,
            }
            for s in scores
        ]
        if tender.status == "submitted"
        else [],
    }


@dataclass
class CallState:
    """Where a call stands in tendering, as the buyer's team may know it (no counts)."""

    deadline_passed: bool
    opened_at: Any
    award: Award | None

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
        award=Award.objects.filter(call=call).select_related("tender__supplier").first(),
    )


def opening_overview(*, user: User, call: Call) -> dict[str, Any]:
    """The opening page: who has confirmed; the record (with the tenders) only once opened."""
    state = call_state(call=call)
    confirmations = list(
        OpeningConfirmation.objects.filter(call=call, round=1)
        .select_related("official")
        .order_by("created_at")
    )
    officials = list(
        User.objects.filter(
            project_memberships__project_id=call.project_id,
            project_memberships__role=ProjectRole.OPENING_OFFICIAL,
        ).order_by("first_name", "last_name", "username")
    )
    confirmed_ids = {c.official_id for c in confirmations}
    return {
        "state": state,
        "officials": officials,
        "confirmations": confirmations,
        "user_is_official": can_confirm_opening(user=user, call=call),
        "user_confirmed": user.pk in confirmed_ids,
        "can_confirm": (
            can_confirm_opening(user=user, call=call)
            and state.deadline_passed
            and state.opened_at is None
            and user.pk not in confirmed_ids
        ),
        "record": opening_record(call=call) if state.opened_at else None,
        "record_tenders": list(
            Tender.objects.filter(call=call, round=1)
            .select_related("supplier")
            .order_by("submitted_at")
        )
        if state.opened_at
        else [],
        "sealed_message": sealed_message(),
        "negotiation_rounds": list(NegotiationRound.objects.filter(call=call).order_by("number")),
    }


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


def criteria_for(*, user: User, call: Call) -> list[Criterion]:
    """The award criteria, for the team (and, once published, for everybody through market)."""
    if not is_internal_member(user=user, project=call.project):
        raise not_found()
    return evaluation.criteria_of(call=call)


def evaluation_overview(*, user: User, call: Call) -> dict[str, Any]:
    """The evaluation page for one member of the team.

    Blind scoring: an evaluator sees only their own scores until they have scored every
    tender on every criterion; people who are not evaluators see individual scores once
    every evaluator is done.
    """
    if not is_internal_member(user=user, project=call.project):
        raise not_found()
    state = call_state(call=call)
    criteria = evaluation.criteria_of(call=call)
    pending = current_round(call)
    result: dict[str, Any] = {
        "state": state,
        "criteria": criteria,
        "weight_total": sum(c.weight for c in criteria),
        "can_manage_criteria": can_manage_criteria(user=user, call=call)
        and not state.deadline_passed,
        "is_evaluator": can_score(user=user, call=call),
        "can_consensus": can_record_consensus(user=user, call=call),
        "can_award": can_award(user=user, call=call),
        "sealed_message": sealed_message(),
        "opened": state.opened_at is not None,
        "round_pending": pending if pending is not None and pending.opened_at is None else None,
        "evaluated_round": latest_opened_round(call),
    }
    if state.opened_at is None:
        return result
    progress = evaluation.progress_of(call=call)
    evaluated = evaluation.evaluate_call(call=call)
    ranking = evaluated.rows
    scored = evaluation.scored_criteria_of(call=call)
    done = progress.done_for(user)
    own = {
        (s.tender_id, s.criterion_id): s
        for s in Score.objects.filter(criterion__call=call, evaluator=user, is_consensus=False)
    }
    rows = []
    for row in ranking:
        rows.append(
            {
                "row": row,
                "tender": row.tender,
                "own_scored": sum(1 for c in scored if (row.tender.pk, c.pk) in own),
                "scores": [row.scores.get(c.pk) for c in scored],
            }
        )
    result.update(
        {
            "progress": progress,
            "rows": rows,
            "scored_criteria": scored,
            "ranking_kind": evaluated.kind,
            "evaluator_done": done,
            "can_see_all_scores": (result["is_evaluator"] and done)
            or (not result["is_evaluator"] and progress.all_done),
            "consensus_complete": bool(ranking) and all(r.complete for r in ranking),
        }
    )
    return result


def tender_evaluation(*, user: User, tender: Tender) -> dict[str, Any]:
    """One tender's scores for the team member looking at it (after the opening)."""
    call = tender.call
    if not is_internal_member(user=user, project=call.project) or not is_tender_opened(tender):
        raise not_found()
    criteria = evaluation.scored_criteria_of(call=call)
    progress = evaluation.progress_of(call=call)
    is_evaluator = can_score(user=user, call=call)
    done = progress.done_for(user)
    see_all = (is_evaluator and done) or (not is_evaluator and progress.all_done)
    scores = Score.objects.filter(tender=tender).select_related("evaluator", "criterion")
    if not see_all:
        scores = scores.filter(Q(evaluator=user, is_consensus=False))
    own = {s.criterion_id: s for s in scores if not s.is_consensus and s.evaluator_id == user.pk}
    consensus = {s.criterion_id: s for s in scores if s.is_consensus}
    others = [s for s in scores if not s.is_consensus]
    state = call_state(call=call)
    return {
        "criteria": criteria,
        "progress": progress,
        "own": own,
        "consensus": consensus,
        "individual": sorted(
            others, key=lambda s: (s.criterion.order, s.criterion_id, str(s.evaluator))
        ),
        "see_all": see_all,
        "can_score": is_evaluator
        and not done
        and state.award is None
        and tender.status == "submitted",
        "evaluator_done": done,
        "is_evaluator": is_evaluator,
        "can_consensus": can_record_consensus(user=user, call=call)
        and progress.all_done
        and state.award is None
        and tender.status == "submitted",
        "state": state,
    }


def ranking_for(*, user: User, call: Call) -> list[evaluation.RankingRow]:
    """The ranking by weighted consensus points, for the team after the opening."""
    if not is_internal_member(user=user, project=call.project):
        raise not_found()
    if call_opened_at(call) is None:
        raise forbidden(sealed_message())
    return evaluation.ranking_of(call=call)


def dashboard_for(*, user: User) -> dict[str, Any]:
    """The start page's tendering part for one person.

    Suppliers: their latest tenders and receipts. Buyers: calls waiting for them to open,
    score, agree or award — never a number of tenders before the opening.
    """
    result: dict[str, Any] = {
        "tenders": [],
        "awaiting_opening": [],
        "awaiting_scores": [],
        "awaiting_consensus": [],
        "awaiting_award": [],
    }
    if not user.is_authenticated:
        return result
    if user.is_supplier:
        result["tenders"] = list(tender_list_for_supplier(user=user)[:10])
    memberships = ProjectMember.objects.filter(user=user).values_list("project_id", "role")
    roles_by_project: dict[int, set[str]] = {}
    for project_id, role in memberships:
        roles_by_project.setdefault(project_id, set()).add(role)
    if not roles_by_project:
        return result
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
    awarded = set(Award.objects.filter(call__in=calls).values_list("call_id", flat=True))
    for call in calls:
        roles = roles_by_project[call.project_id]
        if call.pk in awarded:
            continue
        if opened.get(call.pk) is None or call.pk in rounds_waiting:
            if ProjectRole.OPENING_OFFICIAL in roles:
                result["awaiting_opening"].append(call)
            continue
        if ProjectRole.EVALUATOR in roles and not evaluation.evaluator_done(call=call, user=user):
            result["awaiting_scores"].append(call)
        managers = {ProjectRole.PROJECT_LEAD, ProjectRole.PROCUREMENT_OFFICER}
        if roles & managers and not evaluation.consensus_complete(call=call):
            result["awaiting_consensus"].append(call)
        if ProjectRole.PROJECT_LEAD in roles and evaluation.consensus_complete(call=call):
            result["awaiting_award"].append(call)
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
