"""Reads for the evaluation pages and API, filtered to what the user may see.

Blind scoring: an evaluator sees only their own scores until they have scored every
tender on every criterion. Nothing here is returned before the opening.
"""

from typing import Any

from django.db.models import Q

from handslag.accounts.models import User
from handslag.accounts.roles import ProjectRole
from handslag.core.permissions import forbidden
from handslag.evaluation import results
from handslag.evaluation.models import Criterion, Score
from handslag.evaluation.permissions import (
    can_award,
    can_manage_criteria,
    can_record_consensus,
    can_score,
    require_evaluation_team,
    require_tender_evaluation,
)
from handslag.market.models import Call
from handslag.tendering.models import Tender
from handslag.tendering.opening import (
    call_opened_at,
    current_round,
    latest_opened_round,
)
from handslag.tendering.selectors import call_state, sealed_message, team_calls_past_deadline


def criteria_for(*, user: User, call: Call) -> list[Criterion]:
    """The award criteria, for the team (and, once published, for everybody through market)."""
    require_evaluation_team(user=user, call=call)
    return results.criteria_of(call=call)


def evaluation_overview(*, user: User, call: Call) -> dict[str, Any]:
    """The evaluation page for one member of the team.

    Blind scoring: an evaluator sees only their own scores until they have scored every
    tender on every criterion; people who are not evaluators see individual scores once
    every evaluator is done.
    """
    require_evaluation_team(user=user, call=call)
    state = call_state(call=call)
    criteria = results.criteria_of(call=call)
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
    progress = results.progress_of(call=call)
    evaluated = results.evaluate_call(call=call)
    ranking = evaluated.rows
    scored = results.scored_criteria_of(call=call)
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
    require_tender_evaluation(user=user, tender=tender)
    criteria = results.scored_criteria_of(call=call)
    progress = results.progress_of(call=call)
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


def ranking_for(*, user: User, call: Call) -> list[results.RankingRow]:
    """The ranking by weighted consensus points, for the team after the opening."""
    require_evaluation_team(user=user, call=call)
    if call_opened_at(call) is None:
        raise forbidden(sealed_message())
    return results.ranking_of(call=call)


def dashboard_for(*, user: User) -> dict[str, Any]:
    """The start page's evaluation part: calls waiting for the person to score, agree or
    award (tendering's part lists those waiting to be opened)."""
    result: dict[str, Any] = {
        "awaiting_scores": [],
        "awaiting_consensus": [],
        "awaiting_award": [],
    }
    managers = {ProjectRole.PROJECT_LEAD, ProjectRole.PROCUREMENT_OFFICER}
    for item in team_calls_past_deadline(user=user):
        call, roles = item.call, item.roles
        if item.awarded or item.awaiting_opening:
            continue
        if ProjectRole.EVALUATOR in roles and not results.evaluator_done(call=call, user=user):
            result["awaiting_scores"].append(call)
        if roles & managers and not results.consensus_complete(call=call):
            result["awaiting_consensus"].append(call)
        if ProjectRole.PROJECT_LEAD in roles and results.consensus_complete(call=call):
            result["awaiting_award"].append(call)
    return result
