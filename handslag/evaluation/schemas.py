"""API shapes of the evaluation. Validation of meaning (weights, roles) is in the services."""

import datetime as dt
from decimal import Decimal
from uuid import UUID

from ninja import Field, Schema


class EvaluationModelIn(Schema):
    kind: str = Field(..., max_length=30)
    price_ceiling: Decimal | None = Field(None, max_digits=15, decimal_places=2)
    relative_price: bool = False
    max_deductions: dict[str, Decimal] = Field(default_factory=dict)
    price_floor: Decimal | None = Field(None, max_digits=15, decimal_places=2)


class EvaluationModelOut(Schema):
    call_id: int
    kind: str | None
    price_ceiling: Decimal | None
    relative_price: bool
    max_deductions: dict[str, Decimal | None]


class FictiveTenderIn(Schema):
    name: str = Field(..., max_length=80)
    price: Decimal = Field(..., max_digits=15, decimal_places=2)
    scores: dict[str, int | None] = Field(default_factory=dict)


class SimulationIn(EvaluationModelIn):
    tenders: list[FictiveTenderIn]


class SimulatedRowOut(Schema):
    rank: int
    name: str
    price: Decimal
    quality_points: Decimal
    price_points: Decimal | None
    deduction: Decimal | None
    value: Decimal


class MarginOut(Schema):
    criterion: str
    share: Decimal
    lower: Decimal | None
    upper: Decimal | None
    margin: Decimal | None


class SimulationOut(Schema):
    kind: str
    rows: list[SimulatedRowOut]
    warnings: list[str]
    robustness: list[MarginOut]


class RobustnessOut(Schema):
    ready: bool
    winner: str | None = None
    tied: bool = False
    margins: list[MarginOut] = Field(default_factory=list)


class DeclarationIn(Schema):
    has_conflict: bool
    statement: str = Field("", max_length=5000)


class DeclarationOut(Schema):
    call_id: int
    has_conflict: bool
    declared_at: dt.datetime


class CriterionIn(Schema):
    name: str = Field(..., max_length=200)
    description: str = Field("", max_length=10_000)
    kind: str = "quality"
    weight: int


class CriteriaIn(Schema):
    criteria: list[CriterionIn] = Field(..., max_length=50)


class CriterionOut(Schema):
    id: int
    name: str
    description: str
    kind: str
    weight: int


class ScoreItemIn(Schema):
    criterion_id: int
    score: int = Field(..., ge=0, le=5)
    justification: str = Field(..., max_length=10_000)


class ScoresIn(Schema):
    scores: list[ScoreItemIn] = Field(..., min_length=1, max_length=50)


class ConsensusItemIn(ScoreItemIn):
    external_justification: str = Field(..., max_length=10_000)


class ConsensusIn(Schema):
    scores: list[ConsensusItemIn] = Field(..., min_length=1, max_length=50)


class ScoreOut(Schema):
    criterion_id: int
    score: int
    justification: str
    is_consensus: bool


class RankingRowOut(Schema):
    rank: int
    tender_id: UUID
    supplier: str
    points: Decimal
    complete: bool
    scores: dict[str, int | None]


class AwardIn(Schema):
    tender_id: UUID
    justification: str = Field(..., max_length=20_000)
    notice_sent_on: dt.date
    sent_electronically: bool = True


class AwardOut(Schema):
    id: int
    call_id: int
    tender_id: UUID
    supplier: str
    decided_at: dt.datetime
    justification: str
    notice_sent_on: dt.date
    sent_electronically: bool
    standstill_end: dt.date
    contract_signed_on: dt.date | None


class ContractIn(Schema):
    signed_on: dt.date
