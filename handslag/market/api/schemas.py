"""Schemas of the calls and applications API."""

import datetime as dt

from ninja import Field, Schema

from handslag.market import selectors
from handslag.market.models import Application, Call


class EffectOut(Schema):
    description: str
    indicator: str
    unit: str
    baseline: float
    target: float


class NeedOut(Schema):
    id: int
    title: str
    problem: str
    target_group: str
    functional_requirements: str
    effects: list[EffectOut]

    @staticmethod
    def resolve_effects(obj: object) -> list:
        return list(obj.effects.all())


class CriterionOut(Schema):
    name: str
    description: str
    kind: str
    weight: int


class PublicCallOut(Schema):
    """What the market sees: never internal notes, applicants or counts."""

    id: int
    reference: str
    title: str
    status: str
    buyer: str
    summary: str
    partnership_description: str
    selection_criteria: str
    timetable: str
    legal_procedure: str
    max_partners: int
    area: str
    published_at: dt.datetime | None
    application_deadline: dt.datetime | None
    tender_deadline: dt.datetime | None
    cancel_reason: str

    @staticmethod
    def resolve_buyer(obj: Call) -> str:
        return obj.project.organisation.name


class PublicCallDetailOut(PublicCallOut):
    needs: list[NeedOut]
    criteria: list[CriterionOut]

    @staticmethod
    def resolve_needs(obj: Call) -> list:
        return selectors.call_needs(call=obj)

    @staticmethod
    def resolve_criteria(obj: Call) -> list:
        return selectors.call_criteria(call=obj)


class WarningOut(Schema):
    code: str
    message: str
    is_soft: bool


class CallOut(PublicCallOut):
    """The buyer's view: everything."""

    project_id: int
    internal_notes: str
    created_at: dt.datetime
    cancelled_at: dt.datetime | None


class CallPublishOut(CallOut):
    warnings: list[WarningOut]

    @staticmethod
    def resolve_warnings(obj: Call) -> list:
        return selectors.call_plan_warnings(call=obj)


class CallCreateIn(Schema):
    project_id: int
    title: str = Field("", max_length=200)
    reference: str = Field("", max_length=50)
    summary: str = Field("", max_length=10000)
    partnership_description: str | None = Field(None, max_length=10000)
    selection_criteria: str = Field("", max_length=10000)
    timetable: str = Field("", max_length=5000)
    internal_notes: str = Field("", max_length=10000)
    legal_procedure: str = Field("", max_length=40)
    application_deadline: dt.datetime | None = None
    tender_deadline: dt.datetime | None = None
    max_partners: int = Field(1, ge=1, le=50)
    area: str = Field("", max_length=20)


class CallUpdateIn(Schema):
    title: str | None = Field(None, max_length=200)
    summary: str | None = Field(None, max_length=10000)
    partnership_description: str | None = Field(None, max_length=10000)
    selection_criteria: str | None = Field(None, max_length=10000)
    timetable: str | None = Field(None, max_length=5000)
    internal_notes: str | None = Field(None, max_length=10000)
    legal_procedure: str | None = Field(None, max_length=40)
    application_deadline: dt.datetime | None = None
    tender_deadline: dt.datetime | None = None
    max_partners: int | None = Field(None, ge=1, le=50)
    area: str | None = Field(None, max_length=20)


class CancelIn(Schema):
    reason: str = Field(..., max_length=5000)


class ApplicationIn(Schema):
    text: str = Field(..., max_length=20000)
    supplier_id: int | None = None


class DecisionIn(Schema):
    qualified: bool
    reason: str = Field(..., max_length=5000)


class ApplicationOut(Schema):
    id: int
    call_id: int
    call_reference: str
    supplier_id: int
    supplier: str
    status: str
    text: str
    decision_reason: str
    created_at: dt.datetime
    decided_at: dt.datetime | None
    invited_at: dt.datetime | None
    withdrawn_at: dt.datetime | None

    @staticmethod
    def resolve_call_reference(obj: Application) -> str:
        return obj.call.reference

    @staticmethod
    def resolve_supplier(obj: Application) -> str:
        return obj.supplier.name


class ErrorOut(Schema):
    detail: str
