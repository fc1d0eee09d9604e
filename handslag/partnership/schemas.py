"""Shapes of the partnership API's requests and answers."""

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema


class MilestoneOut(Schema):
    id: int
    name: str
    due_on: dt.date
    completed_on: dt.date | None


class PhaseOut(Schema):
    id: int
    contract_id: int
    order: int
    name: str
    goal: str
    planned_start: dt.date
    planned_end: dt.date
    payment: Decimal
    status: str
    started_at: dt.datetime | None
    decision: str
    decision_reason: str
    decided_at: dt.datetime | None
    milestones: list[MilestoneOut] = []


class ContractOut(Schema):
    id: int
    award_id: int
    project_id: int
    supplier_id: int
    supplier: str
    signed_on: dt.date
    ip_model: str
    ip_terms: str
    risk_model: str
    risk_sharing: str
    acquisition_terms: str
    maintenance_terms: str
    state: str
    phases: list[PhaseOut]


class ContractIn(Schema):
    award_id: int
    signed_on: dt.date
    ip_terms: str = Field("", max_length=10000)
    risk_sharing: str = Field("", max_length=10000)
    acquisition_terms: str = Field("", max_length=10000)
    maintenance_terms: str = Field("", max_length=10000)
    ip_model: str = Field("", max_length=30)
    risk_model: str = Field("", max_length=30)


class PhaseIn(Schema):
    name: str = Field(..., max_length=200)
    goal: str = Field(..., max_length=5000)
    planned_start: dt.date
    planned_end: dt.date
    payment: Decimal = Field(Decimal("0"), ge=0, max_digits=14, decimal_places=2)


class DecisionIn(Schema):
    decision: str = Field(..., max_length=20)
    reason: str = Field(..., max_length=10000)
    lesson_title: str = Field("", max_length=200)
    lesson_text: str = Field("", max_length=5000)


class DashboardPhaseOut(Schema):
    phase_id: int
    contract_id: int
    project: str
    name: str
    planned_end: dt.date
    overdue: bool = False


class DashboardOut(Schema):
    active_phases: list[DashboardPhaseOut]
    upcoming_decisions: list[DashboardPhaseOut]
    supplier_contracts: list[ContractOut]


class KpiIn(Schema):
    effect_id: int
    category: str = Field("other", max_length=30)
    volume: Decimal = Decimal("1")
    unit_value: Decimal = Decimal("0")
    unit_value_source: str = Field("", max_length=300)


class KpiValueIn(Schema):
    category: str = Field(..., max_length=30)
    volume: Decimal
    unit_value: Decimal
    unit_value_source: str = Field("", max_length=300)


class MeasurementIn(Schema):
    measured_on: dt.date
    value: Decimal
    unit: str | None = Field(None, max_length=50)
    note: str = Field("", max_length=300)


class MeasurementOut(Schema):
    id: int
    measured_on: dt.date
    value: Decimal
    note: str


class PeriodOut(Schema):
    year: int
    count: int
    mean: Decimal
    improvement: Decimal
    realised: Decimal


class KpiOut(Schema):
    id: int
    contract_id: int
    effect_id: int | None
    indicator: str
    unit: str
    baseline: Decimal
    target: Decimal
    category: str
    volume: Decimal
    unit_value: Decimal
    unit_value_source: str
    latest_value: Decimal | None
    progress: float | None
    periods: list[PeriodOut]


class KpiDetailOut(KpiOut):
    measurements: list[MeasurementOut]


class ImportOut(Schema):
    imported: int


class JoinIn(Schema):
    organisation_id: int
    joined_on: dt.date


class OrderIn(Schema):
    organisation_id: int
    ordered_on: dt.date
    description: str = Field(..., max_length=300)
    quantity: Decimal
    unit_price: Decimal


class ReviewIn(Schema):
    reviewed_on: dt.date
    availability: Decimal
    incidents: int
    notes: str = Field("", max_length=5000)


class MemberOut(Schema):
    organisation_id: int
    organisation: str
    joined_on: dt.date


class OrderOut(Schema):
    id: int
    organisation_id: int
    ordered_on: dt.date
    description: str
    quantity: Decimal
    unit_price: Decimal
    total: Decimal


class ReviewOut(Schema):
    id: int
    reviewed_on: dt.date
    availability: Decimal
    incidents: int
    notes: str


class AcquisitionOut(Schema):
    in_stage: bool
    acquisition_terms: str
    maintenance_terms: str
    members: list[MemberOut]
    orders: list[OrderOut]
    reviews: list[ReviewOut]
