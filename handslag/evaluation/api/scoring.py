"""Criteria, scores, consensus, the ranking and declarations (/api/v1/tendering/...)."""

from uuid import UUID

from django.http import HttpRequest
from ninja import Router

from handslag.core.permissions import not_found
from handslag.evaluation import results, selectors, services
from handslag.evaluation.models import Criterion
from handslag.evaluation.permissions import access_team_tender
from handslag.evaluation.schemas import (
    ConsensusIn,
    CriteriaIn,
    CriterionOut,
    DeclarationIn,
    DeclarationOut,
    RankingRowOut,
    ScoreOut,
    ScoresIn,
)
from handslag.tendering import services as tendering_services
from handslag.tendering.models import Tender
from handslag.tendering.permissions import access_call_for_team

router = Router(tags=["tendering"])


def _team_tender(request: HttpRequest, tender_id: UUID) -> Tender:
    return access_team_tender(user=request.user, public_id=tender_id)


def _criteria_by_id(call_id: int, ids: list[int]) -> dict[int, Criterion]:
    found = {c.pk: c for c in Criterion.objects.filter(call_id=call_id, pk__in=ids)}
    if len(found) != len(set(ids)):
        raise not_found()
    return found


@router.get("/calls/{call_id}/criteria", response=list[CriterionOut], summary="Award criteria")
def criteria_get(request: HttpRequest, call_id: int):
    call = access_call_for_team(user=request.user, call_id=call_id)
    return selectors.criteria_for(user=request.user, call=call)


@router.put(
    "/calls/{call_id}/criteria",
    response=list[CriterionOut],
    summary="Replace the award criteria (weights sum to 100)",
)
def criteria_put(request: HttpRequest, call_id: int, payload: CriteriaIn):
    call = access_call_for_team(user=request.user, call_id=call_id)
    services.criteria_set(
        actor=request.user, call=call, criteria=[c.dict() for c in payload.criteria]
    )
    return results.criteria_of(call=call)


@router.post(
    "/tenders/{uuid:tender_id}/scores",
    response=list[ScoreOut],
    summary="Your scores (evaluators)",
)
def scores_post(request: HttpRequest, tender_id: UUID, payload: ScoresIn):
    tender = _team_tender(request, tender_id)
    criteria = _criteria_by_id(tender.call_id, [s.criterion_id for s in payload.scores])
    saved = services.scores_record(
        actor=request.user,
        tender=tender,
        scores=[(criteria[s.criterion_id], s.score, s.justification) for s in payload.scores],
    )
    return [
        {
            "criterion_id": s.criterion_id,
            "score": s.score,
            "justification": s.justification,
            "is_consensus": False,
        }
        for s in saved
    ]


@router.post(
    "/tenders/{uuid:tender_id}/consensus",
    response=list[ScoreOut],
    summary="Consensus scores (project lead or procurement officer)",
)
def consensus_post(request: HttpRequest, tender_id: UUID, payload: ConsensusIn):
    tender = _team_tender(request, tender_id)
    criteria = _criteria_by_id(tender.call_id, [s.criterion_id for s in payload.scores])
    saved = services.consensus_record_many(
        actor=request.user,
        tender=tender,
        scores=[
            (criteria[s.criterion_id], s.score, s.justification, s.external_justification)
            for s in payload.scores
        ],
    )
    return [
        {
            "criterion_id": s.criterion_id,
            "score": s.score,
            "justification": s.justification,
            "is_consensus": True,
        }
        for s in saved
    ]


@router.get(
    "/calls/{call_id}/ranking", response=list[RankingRowOut], summary="Ranking by weighted points"
)
def ranking(request: HttpRequest, call_id: int):
    call = access_call_for_team(user=request.user, call_id=call_id)
    return [
        {
            "rank": r.rank,
            "tender_id": r.tender.public_id,
            "supplier": r.tender.supplier.name,
            "points": r.points,
            "complete": r.complete,
            "scores": {str(k): v for k, v in r.scores.items()},
        }
        for r in selectors.ranking_for(user=request.user, call=call)
    ]


@router.post(
    "/calls/{call_id}/declaration",
    response={201: DeclarationOut},
    summary="Declare whether you have a conflict of interest (before reading or scoring)",
)
def declaration_create(request: HttpRequest, call_id: int, payload: DeclarationIn):
    call = access_call_for_team(user=request.user, call_id=call_id)
    declaration = tendering_services.conflict_declare(
        actor=request.user,
        call=call,
        has_conflict=payload.has_conflict,
        statement=payload.statement,
    )
    return 201, {
        "call_id": call.pk,
        "has_conflict": declaration.has_conflict,
        "declared_at": declaration.declared_at,
    }
