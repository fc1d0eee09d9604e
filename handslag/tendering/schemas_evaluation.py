"""API shapes for the evaluation models. Validation of meaning is in the services."""

from decimal import Decimal

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
