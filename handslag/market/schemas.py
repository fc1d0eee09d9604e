"""Shapes of the market API's requests and answers.

Calls and applications, suppliers, questions and answers, RFIs and dialogue events.
"""

import datetime as dt
from uuid import UUID

from ninja import Field, Schema

from handslag.accounts.models import Organisation
from handslag.market import selectors
from handslag.market.models import (
    Application,
    Area,
    Call,
    CallStage,
    DialogueEvent,
    Question,
    Rfi,
)


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
    # Added with the call's stage and its cancellation; the fields above are unchanged.
    stage: CallStage
    stage_label: str
    buyer_id: int
    cancel_ground: str
    cancelled_at: dt.datetime | None

    @staticmethod
    def resolve_buyer(obj: Call) -> str:
        return obj.project.organisation.name

    @staticmethod
    def resolve_buyer_id(obj: Call) -> int:
        return obj.project.organisation_id


class PublicCallFilters(Schema):
    """The market's filters: every one optional."""

    status: CallStage | None = None
    area: Area | None = None
    buyer_id: int | None = Field(None, ge=1)
    deadline_from: dt.date | None = None
    deadline_to: dt.date | None = None
    q: str = Field("", max_length=200)


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
    short_limit_ground: str
    short_limit_reason: str
    prior_notice_sent_on: dt.date | None
    answers_deadline_day_counts: bool
    answers_reading_reason: str


class MissingOut(Schema):
    """One thing that stops a call from being published or changed, with the page where
    it is fixed; for a broken time limit also the rule and the earliest lawful deadline."""

    code: str
    message: str
    url: str
    field: str
    section: str
    earliest: dt.datetime | None


class PublicationRefusedOut(Schema):
    detail: str
    missing: list[MissingOut]


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
    short_limit_ground: str = Field("", max_length=30)
    short_limit_reason: str = Field("", max_length=5000)
    prior_notice_sent_on: dt.date | None = None
    # Left out: the organisation's reading of the answering deadline.
    answers_deadline_day_counts: bool | None = None
    answers_reading_reason: str = Field("", max_length=2000)


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
    short_limit_ground: str | None = Field(None, max_length=30)
    short_limit_reason: str | None = Field(None, max_length=5000)
    prior_notice_sent_on: dt.date | None = None
    answers_deadline_day_counts: bool | None = None
    answers_reading_reason: str | None = Field(None, max_length=2000)


class CancelIn(Schema):
    reason: str = Field(..., max_length=5000)
    # One of the usual grounds (market.models.CancelGround); "other" when not given.
    ground: str = Field("other", max_length=30)


class ApplicationIn(Schema):
    text: str = Field(..., max_length=20000)
    supplier_id: int | None = None


class DecisionIn(Schema):
    qualified: bool
    reason: str = Field(..., max_length=5000)


class AttachmentOut(Schema):
    id: UUID = Field(..., alias="public_id")
    kind: str
    name: str
    size: int
    sha256: str
    created_at: dt.datetime


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


class RegisterIn(Schema):
    organisation_name: str = Field(..., max_length=200)
    org_number: str = Field(..., max_length=40)
    # ISO 3166-1 alpha-2 of the country of registration; the identifier is checked by its rule.
    country: str = Field("SE", max_length=2)
    is_sme: bool = False
    is_nonprofit: bool = False
    website: str = Field("", max_length=200)
    capabilities: str = Field("", max_length=5000)
    areas: list[str] = Field(default_factory=list, max_length=20)
    first_name: str = Field("", max_length=150)
    last_name: str = Field("", max_length=150)
    email: str = Field(..., max_length=254)
    username: str = Field(..., max_length=150)
    password: str = Field(..., max_length=128)


class RegisteredOut(Schema):
    user_id: int
    username: str
    organisation_id: int


class ProfileOut(Schema):
    organisation_id: int
    name: str
    org_number: str
    country: str
    # False for an identifier no register could check (a country stdnum does not cover).
    org_number_verified: bool
    is_sme: bool
    is_nonprofit: bool
    capabilities: str
    areas: list[str]


class ProfileIn(Schema):
    capabilities: str = Field("", max_length=5000)
    areas: list[str] = Field(default_factory=list, max_length=20)


class FollowIn(Schema):
    supplier_id: int | None = None


class FollowOut(Schema):
    call_id: int
    organisation_id: int
    created_at: dt.datetime


class SupplierOut(Schema):
    id: int
    name: str
    org_number: str
    country: str
    org_number_verified: bool
    is_sme: bool
    is_nonprofit: bool
    capabilities: str
    areas: list[str]

    @staticmethod
    def resolve_capabilities(obj: Organisation) -> str:
        profile = getattr(obj, "supplier_profile", None)
        return profile.capabilities if profile else ""

    @staticmethod
    def resolve_areas(obj: Organisation) -> list[str]:
        profile = getattr(obj, "supplier_profile", None)
        return list(profile.areas) if profile else []


class PublicQuestionOut(Schema):
    """An answered question as every supplier sees it: no asker."""

    id: int
    question: str
    answer: str
    answered_at: dt.datetime

    @staticmethod
    def resolve_question(obj: Question) -> str:
        return obj.published_question


class OwnQuestionOut(Schema):
    id: int
    call_id: int
    supplier_id: int
    text: str
    asked_at: dt.datetime
    answer: str
    published_question: str
    answered_at: dt.datetime | None


class BuyerQuestionOut(OwnQuestionOut):
    supplier: str

    @staticmethod
    def resolve_supplier(obj: Question) -> str:
        return obj.supplier.name


class QuestionIn(Schema):
    text: str = Field(..., max_length=5000)
    supplier_id: int | None = None


class AnswerIn(Schema):
    answer: str = Field(..., max_length=10000)
    published_question: str = Field("", max_length=5000)


class QuestionDaysOut(Schema):
    last_for_questions: dt.date | None
    last_for_answers: dt.date | None


class ChangeOut(Schema):
    field: str
    label: str
    old: str
    new: str


class VersionOut(Schema):
    number: int
    changed_at: dt.datetime
    reason: str
    changes: list[ChangeOut]


class AmendIn(Schema):
    reason: str = Field(..., max_length=5000)
    significant: bool = False
    title: str | None = Field(None, max_length=200)
    summary: str | None = Field(None, max_length=10000)
    partnership_description: str | None = Field(None, max_length=10000)
    selection_criteria: str | None = Field(None, max_length=10000)
    timetable: str | None = Field(None, max_length=5000)
    application_deadline: dt.datetime | None = None
    tender_deadline: dt.datetime | None = None
    max_partners: int | None = Field(None, ge=1, le=50)
    area: str | None = Field(None, max_length=20)


class RfiQuestionOut(Schema):
    id: int
    order: int
    text: str


class RfiOut(Schema):
    id: int
    title: str
    introduction: str
    area: str
    status: str
    buyer: str
    deadline: dt.datetime
    published_at: dt.datetime | None
    questions: list[RfiQuestionOut]

    @staticmethod
    def resolve_buyer(obj: Rfi) -> str:
        return obj.project.organisation.name

    @staticmethod
    def resolve_questions(obj: Rfi) -> list:
        return list(obj.questions.all())


class BuyerRfiOut(RfiOut):
    project_id: int


class RfiCreateIn(Schema):
    project_id: int
    title: str = Field(..., max_length=200)
    introduction: str = Field(..., max_length=10000)
    deadline: dt.datetime
    questions: list[str] = Field(..., max_length=30)
    area: str = Field("", max_length=20)


class RfiAnswerIn(Schema):
    question_id: int
    text: str = Field("", max_length=10000)


class RfiResponseIn(Schema):
    supplier_id: int | None = None
    answers: list[RfiAnswerIn] = Field(..., max_length=30)


class RfiResponseOut(Schema):
    id: int
    rfi_id: int
    supplier_id: int
    submitted_at: dt.datetime


class SummaryAnswerOut(Schema):
    supplier: str
    text: str


class SummaryQuestionOut(Schema):
    question_id: int
    text: str
    answered: int
    answers: list[SummaryAnswerOut]


class RfiSummaryOut(Schema):
    responses: int
    sme: int
    questions: list[SummaryQuestionOut]


class EventOut(Schema):
    id: int
    project_id: int
    kind: str
    title: str
    starts_at: dt.datetime
    description: str
    invited: list[str]

    @staticmethod
    def resolve_invited(obj: DialogueEvent) -> list[str]:
        return [o.name for o in obj.invited.order_by("name")]


class BuyerEventOut(EventOut):
    notes: str
    invited_ids: list[int]

    @staticmethod
    def resolve_invited_ids(obj: DialogueEvent) -> list[int]:
        return sorted(obj.invited.values_list("pk", flat=True))


class EventCreateIn(Schema):
    project_id: int
    kind: str = Field("dialogue", max_length=20)
    title: str = Field(..., max_length=200)
    starts_at: dt.datetime
    description: str = Field("", max_length=5000)
    invited_ids: list[int] = Field(default_factory=list, max_length=200)


class EventUpdateIn(Schema):
    notes: str | None = Field(None, max_length=20000)
    description: str | None = Field(None, max_length=5000)
    invited_ids: list[int] | None = Field(None, max_length=200)
