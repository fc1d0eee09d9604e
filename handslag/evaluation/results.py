"""Evaluation arithmetic: progress, consensus completeness and the ranking.

These functions check nobody's permissions; they are called by services and selectors
after those have checked the opening and the user's role.

Without a configured evaluation model: weighted points on an absolute scale. Every
criterion, price included, is scored 0–5 by hand against its anchored scale; a tender's
points are sum(score / 5 × weight), so 100 is the maximum.

With a configured :class:`EvaluationModel` the call's model from ``award_models`` ranks the
tenders: the quality criteria by their consensus scores, price from the tenders' own
(unsealed) prices, so price criteria are not scored by hand.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from handslag.accounts.models import User
from handslag.accounts.roles import ProjectRole
from handslag.evaluation import award_models as am
from handslag.evaluation.config import model_of, stored_config
from handslag.evaluation.models import Criterion, CriterionKind, EvaluationModel, Score
from handslag.market.models import Call
from handslag.projects.models import ProjectMember
from handslag.tendering.gateway import open_tender_prices
from handslag.tendering.models import Tender, TenderStatus
from handslag.tendering.opening import latest_opened_round

MAX_SCORE = 5


def active_tenders(*, call: Call) -> list[Tender]:
    """The tenders that count: each supplier's latest submission (not replaced or withdrawn)
    in the latest opened round, so the evaluation is made on the final tenders."""
    return list(
        Tender.objects.filter(
            call=call, round=latest_opened_round(call), status=TenderStatus.SUBMITTED
        )
        .select_related("supplier")
        .order_by("submitted_at", "pk")
    )


def criteria_of(*, call: Call) -> list[Criterion]:
    return list(Criterion.objects.filter(call=call).order_by("order", "pk"))


def scored_criteria_of(*, call: Call) -> list[Criterion]:
    """The criteria scored by hand: all of them, or only quality when a model prices tenders."""
    criteria = criteria_of(call=call)
    if EvaluationModel.objects.filter(call=call).exists():
        return [c for c in criteria if c.kind != CriterionKind.PRICE]
    return criteria


def evaluators_of(*, call: Call) -> list[User]:
    ids = ProjectMember.objects.filter(
        project_id=call.project_id, role=ProjectRole.EVALUATOR
    ).values_list("user_id", flat=True)
    return list(User.objects.filter(pk__in=ids).order_by("first_name", "last_name", "username"))


@dataclass
class EvaluatorProgress:
    evaluator: User
    scored: int
    needed: int

    @property
    def done(self) -> bool:
        return self.needed > 0 and self.scored >= self.needed


@dataclass
class Progress:
    evaluators: list[EvaluatorProgress] = field(default_factory=list)
    needed: int = 0

    @property
    def done_count(self) -> int:
        return sum(1 for e in self.evaluators if e.done)

    @property
    def total(self) -> int:
        return len(self.evaluators)

    @property
    def all_done(self) -> bool:
        return self.total > 0 and self.done_count == self.total

    def done_for(self, user: User) -> bool:
        return any(e.evaluator.pk == user.pk and e.done for e in self.evaluators)


def progress_of(*, call: Call) -> Progress:
    tenders = active_tenders(call=call)
    criteria = scored_criteria_of(call=call)
    needed = len(tenders) * len(criteria)
    tender_ids = [t.pk for t in tenders]
    counts: dict[int, int] = {}
    for evaluator_id in Score.objects.filter(
        tender_id__in=tender_ids, criterion__in=criteria, is_consensus=False
    ).values_list("evaluator_id", flat=True):
        counts[evaluator_id] = counts.get(evaluator_id, 0) + 1
    return Progress(
        evaluators=[
            EvaluatorProgress(evaluator=e, scored=counts.get(e.pk, 0), needed=needed)
            for e in evaluators_of(call=call)
        ],
        needed=needed,
    )


def evaluator_done(*, call: Call, user: User) -> bool:
    tenders = active_tenders(call=call)
    criteria = scored_criteria_of(call=call)
    needed = len(tenders) * len(criteria)
    scored = Score.objects.filter(
        tender__in=tenders, criterion__in=criteria, evaluator=user, is_consensus=False
    ).count()
    return needed > 0 and scored >= needed


@dataclass
class RankingRow:
    tender: Tender
    scores: dict[int, int | None]  # criterion id -> consensus score
    points: Decimal  # weighted points, quality points per MSEK or comparison price (SEK)
    complete: bool
    rank: int = 0
    price: Decimal | None = None
    quality_points: Decimal | None = None
    price_points: Decimal | None = None
    deduction: Decimal | None = None


@dataclass
class Ranking:
    """A call's ranking with the model that made it (kind None: points by hand-scored price)."""

    rows: list[RankingRow]
    kind: str | None = None
    config: am.ModelConfig | None = None
    inputs: list[am.TenderInput] = field(default_factory=list)
    notices: list[am.Notice] = field(default_factory=list)
    error: am.ModelError | None = None


def _consensus(tenders: list[Tender]) -> dict[tuple[int, int], int]:
    return {
        (s.tender_id, s.criterion_id): s.score
        for s in Score.objects.filter(tender__in=tenders, is_consensus=True)
    }


def _hand_scored(tenders: list[Tender], criteria: list[Criterion]) -> list[RankingRow]:
    consensus = _consensus(tenders)
    rows = []
    for tender in tenders:
        scores = {c.pk: consensus.get((tender.pk, c.pk)) for c in criteria}
        points = sum(
            (
                Decimal(score) * c.weight / MAX_SCORE
                for c in criteria
                if (score := scores[c.pk]) is not None
            ),
            Decimal(0),
        ).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        rows.append(
            RankingRow(
                tender=tender,
                scores=scores,
                points=points,
                complete=bool(criteria) and all(v is not None for v in scores.values()),
            )
        )
    rows.sort(key=lambda r: (-r.points, r.tender.submitted_at))
    previous, rank = None, 0
    for position, row in enumerate(rows, start=1):
        if row.points != previous:
            rank, previous = position, row.points
        row.rank = rank
    return rows


def prices_of(*, call: Call, tenders: list[Tender]) -> dict[int, Decimal]:
    """The tenders' prices from their sealed payloads — only once the call is opened."""
    return open_tender_prices(call=call, tenders=tenders)


def evaluate_call(*, call: Call) -> Ranking:
    """The call's ranking under its evaluation model (or by hand-scored price without one)."""
    tenders = active_tenders(call=call)
    criteria = criteria_of(call=call)
    model = model_of(call=call)
    prices = prices_of(call=call, tenders=tenders) if model is not None else {}
    if model is None or len(prices) != len(tenders):
        return Ranking(rows=_hand_scored(tenders, criteria))
    config = stored_config(model, criteria)
    consensus = _consensus(tenders)
    quality = [c for c in criteria if c.kind != CriterionKind.PRICE]
    inputs = [
        am.TenderInput(
            name=str(t.pk),
            price=prices[t.pk],
            scores={str(c.pk): consensus.get((t.pk, c.pk)) for c in quality},
        )
        for t in tenders
    ]
    try:
        result = am.evaluate(config, inputs)
    except am.ModelError as error:
        return Ranking(rows=_hand_scored(tenders, criteria), error=error)
    by_id = {t.pk: t for t in tenders}
    rows = [
        RankingRow(
            tender=by_id[int(r.name)],
            scores={c.pk: consensus.get((int(r.name), c.pk)) for c in quality},
            points=r.value,
            complete=bool(quality) and r.complete,
            rank=r.rank,
            price=r.price,
            quality_points=r.quality_points,
            price_points=r.price_points,
            deduction=r.deduction,
        )
        for r in result.results
    ]
    return Ranking(rows=rows, kind=model.kind, config=config, inputs=inputs, notices=result.notices)


def ranking_of(*, call: Call) -> list[RankingRow]:
    """Active tenders best first under the call's model; equal results share a rank."""
    return evaluate_call(call=call).rows


def consensus_complete(*, call: Call) -> bool:
    tenders = active_tenders(call=call)
    criteria = scored_criteria_of(call=call)
    if not tenders or not criteria:
        return False
    consensus = _consensus(tenders)
    return all((t.pk, c.pk) in consensus for t in tenders for c in criteria)
