"""Evaluation arithmetic: progress, consensus completeness and the ranking.

These functions check nobody's permissions; they are called by services and selectors
after those have checked the opening and the user's role.

Scoring model: weighted points on an absolute scale. Every criterion, price included, is
scored 0–5 against its anchored scale (a price is judged on its own against the scale
published in the call, not relative to the other tenders, so one tender cannot move
another's score). A tender's points are sum(score / 5 × weight), so 100 is the maximum.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from handslag.accounts.models import User
from handslag.accounts.roles import ProjectRole
from handslag.market.models import Call
from handslag.projects.models import ProjectMember
from handslag.tendering.models import Criterion, Score, Tender, TenderStatus

MAX_SCORE = 5


def active_tenders(*, call: Call) -> list[Tender]:
    """The tenders that count: each supplier's latest submission (not replaced or withdrawn)
    in the latest opened round, so the evaluation is made on the final tenders."""
    from handslag.tendering.permissions import latest_opened_round

    return list(
        Tender.objects.filter(
            call=call, round=latest_opened_round(call), status=TenderStatus.SUBMITTED
        )
        .select_related("supplier")
        .order_by("submitted_at", "pk")
    )


def criteria_of(*, call: Call) -> list[Criterion]:
    return list(Criterion.objects.filter(call=call).order_by("order", "pk"))


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
    criteria = criteria_of(call=call)
    needed = len(tenders) * len(criteria)
    tender_ids = [t.pk for t in tenders]
    counts: dict[int, int] = {}
    for evaluator_id in Score.objects.filter(
        tender_id__in=tender_ids, criterion__call=call, is_consensus=False
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
    needed = len(tenders) * len(criteria_of(call=call))
    scored = Score.objects.filter(
        tender__in=tenders, criterion__call=call, evaluator=user, is_consensus=False
    ).count()
    return needed > 0 and scored >= needed


@dataclass
class RankingRow:
    tender: Tender
    scores: dict[int, int | None]  # criterion id -> consensus score
    points: Decimal
    complete: bool
    rank: int = 0


def ranking_of(*, call: Call) -> list[RankingRow]:
    """Active tenders by weighted consensus points, best first; equal points share a rank."""
    tenders = active_tenders(call=call)
    criteria = criteria_of(call=call)
    consensus = {
        (s.tender_id, s.criterion_id): s.score
        for s in Score.objects.filter(tender__in=tenders, is_consensus=True)
    }
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


def consensus_complete(*, call: Call) -> bool:
    rows = ranking_of(call=call)
    return bool(rows) and all(r.complete for r in rows)
