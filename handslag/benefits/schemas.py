"""Shapes of the benefits API's requests and answers."""

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema

MAX_LINES = 200


class LineIn(Schema):
    name: str = Field(..., max_length=200)
    kind: str = Field(..., max_length=10)
    category: str = Field(..., max_length=30)
    first_year: int = 0
    last_year: int = 0
    low: Decimal
    likely: Decimal
    high: Decimal
    source: str = Field("", max_length=300)


class LinePatch(Schema):
    name: str | None = Field(None, max_length=200)
    kind: str | None = Field(None, max_length=10)
    category: str | None = Field(None, max_length=30)
    first_year: int | None = None
    last_year: int | None = None
    low: Decimal | None = None
    likely: Decimal | None = None
    high: Decimal | None = None
    source: str | None = Field(None, max_length=300)


class LineOut(Schema):
    id: int
    name: str
    kind: str
    category: str
    first_year: int
    last_year: int
    low: Decimal
    likely: Decimal
    high: Decimal
    source: str


class ModelIn(Schema):
    name: str = Field(..., max_length=200)
    scenario: str = "forecast"
    discount_rate: Decimal = Decimal("0.035")
    horizon_years: int = 10
    price_base_year: int = 2024
    optimism_bias: Decimal = Decimal("0")
    discount_schedule: str = Field("constant", max_length=20)


class ModelOut(Schema):
    id: int
    project_id: int
    name: str
    scenario: str
    discount_rate: Decimal
    horizon_years: int
    price_base_year: int
    optimism_bias: Decimal
    discount_schedule: str
    from_pilot: bool
    created_at: dt.datetime


class ModelDetailOut(ModelOut):
    lines: list[LineOut]


class EvaluateIn(Schema):
    discount_rate: Decimal = Decimal("0.035")
    horizon_years: int = 10
    price_base_year: int = 2024
    optimism_bias: Decimal = Decimal("0")
    discount_schedule: str = Field("constant", max_length=20)
    lines: list[LineIn] = Field(..., max_length=MAX_LINES)


class YearOut(Schema):
    year: int
    costs: float
    benefits: float
    net: float
    discount_factor: float
    discounted_net: float


class LineValueOut(Schema):
    name: str
    kind: str
    category: str
    present_value: float


class HistogramBinOut(Schema):
    low: float
    high: float
    count: int


class TornadoOut(Schema):
    name: str
    kind: str
    low_multiplier: float
    high_multiplier: float
    npv_low: float
    npv_high: float
    from_range: bool
    switching_value: float | None
    elasticity: float | None
    critical: bool


class MonteCarloOut(Schema):
    histogram: list[HistogramBinOut] = []
    iterations: int
    seed: int
    p_npv_positive: float
    p10: float
    p50: float
    p90: float
    mean: float


class FiguresOut(Schema):
    available: bool
    message: str
    discount_rate: float
    horizon_years: int
    pv_benefits: float
    pv_costs: float
    npv: float
    bcr: float | None
    npv_ratio: float | None
    irr: float | None
    irr_note: str
    simple_payback_year: int | None
    discounted_payback_year: int | None
    years: list[YearOut]
    lines: list[LineValueOut]
    monte_carlo: MonteCarloOut | None
    optimism_bias: float = 0.0
    discount_schedule: str = "constant"
    tornado: list[TornadoOut] = []
    engine_version: str


class HeadlineOut(Schema):
    model_id: int
    name: str
    npv: float
    bcr: float | None
    pv_benefits: float
    pv_costs: float


class SummaryOut(Schema):
    forecast: HeadlineOut | None
    outturn: HeadlineOut | None
    realisation_ratio: float | None


class ParameterOut(Schema):
    label: str
    value: str
    source: str
    version: str
    price_base_year: int | None


class ScenarioOut(Schema):
    model: ModelOut
    figures: FiguresOut


class ComparisonOut(Schema):
    scenarios: list[ScenarioOut]
    realisation_ratio: float | None


class RealisedOut(Schema):
    kpi_id: int
    indicator: str
    unit: str
    year: int
    measurements: int
    mean: Decimal
    improvement: Decimal
    realised: Decimal
    model_year: int | None
    forecast: Decimal | None
    ratio: float | None


class PortfolioOut(Schema):
    project_id: int
    title: str
    stage: str
    npv: float | None
    p_npv_positive: float | None
    realisation_ratio: float | None
