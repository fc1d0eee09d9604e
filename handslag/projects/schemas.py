"""Shapes of the projects API's requests and answers."""

import datetime as dt
from typing import Literal

from ninja import Field, Schema
from pydantic import field_validator

from handslag.projects.models import ProjectMember, Risk, Stage
from handslag.projects.selectors import risk_history, risk_is_overdue, stage_is_late


class ChecklistItemTemplateOut(Schema):
    order: int
    text: str
    guidance: str
    required: bool


class StageTemplateOut(Schema):
    order: int
    key: str
    name: str
    guidance: str
    typical_days: int
    items: list[ChecklistItemTemplateOut]


class TemplateOut(Schema):
    id: int
    key: str
    name: str
    description: str
    version: int
    legal_procedure: str
    is_default: bool
    organisation_id: int | None
    stages: list[StageTemplateOut]


class ChecklistItemOut(Schema):
    id: int
    order: int
    text: str
    guidance: str
    required: bool
    done: bool
    done_by_id: int | None
    done_at: dt.datetime | None
    evidence_url: str


class StageOut(Schema):
    id: int
    order: int
    key: str
    name: str
    guidance: str
    typical_days: int
    status: str
    planned_start: dt.date | None
    planned_end: dt.date | None
    actual_start: dt.date | None
    actual_end: dt.date | None
    is_late: bool
    gate_passed_at: dt.datetime | None
    gate_passed_by_id: int | None
    gate_override_reason: str
    items: list[ChecklistItemOut]

    @staticmethod
    def resolve_is_late(obj: Stage) -> bool:
        return stage_is_late(obj)


class ProjectOut(Schema):
    id: int
    title: str
    summary: str
    organisation_id: int
    organisation: str
    partner_buyer_ids: list[int]
    template_id: int
    template_key: str
    template_version: int
    need_ids: list[int]
    status: str
    status_reason: str
    status_changed_at: dt.datetime | None
    current_stage_id: int | None
    current_stage: str | None
    where: str
    next_decision: str
    created_at: dt.datetime


class ProjectIn(Schema):
    organisation_id: int
    title: str = Field(..., max_length=200)
    summary: str = Field("", max_length=5000)
    template_id: int | None = None
    need_ids: list[int]
    partner_buyer_ids: list[int] = []


class ChecklistItemIn(Schema):
    done: bool
    evidence_url: str | None = Field(None, max_length=200)


class LessonIn(Schema):
    title: str = Field("", max_length=200)
    design: str = Field("", max_length=5000)
    execution: str = Field("", max_length=5000)
    results: str = Field("", max_length=5000)
    tags: str = Field("", max_length=300)
    visibility: str = Field("organisation", max_length=20)


class GatePassIn(Schema):
    override_reason: str = Field("", max_length=5000)
    lesson: LessonIn | None = None


class StageDatesIn(Schema):
    planned_start: dt.date | None = None
    planned_end: dt.date | None = None


class MemberOut(Schema):
    id: int
    user_id: int
    name: str
    role: str

    @staticmethod
    def resolve_name(obj: ProjectMember) -> str:
        return str(obj.user)


class MemberIn(Schema):
    user_id: int
    role: str = Field(..., max_length=30)


class StopIn(Schema):
    reason: str = Field(..., max_length=5000)


class PartnerAddIn(Schema):
    organisation_id: int
    need_ids: list[int] = Field(default_factory=list, max_length=50)


class ErrorOut(Schema):
    detail: str


class RiskIn(Schema):
    title: str
    probability: int
    impact: int
    description: str = ""
    owner_id: int | None = None
    mitigation: str = ""
    status: str = "open"
    review_date: dt.date | None = None
    internal_only: bool = False


class RiskPatch(Schema):
    title: str | None = None
    probability: int | None = None
    impact: int | None = None
    description: str | None = None
    owner_id: int | None = None
    mitigation: str | None = None
    status: str | None = None
    review_date: dt.date | None = None
    internal_only: bool | None = None


class RiskChangeOut(Schema):
    field: str
    before: str
    after: str


class RiskHistoryOut(Schema):
    when: dt.datetime
    who: str
    what: str
    changes: list[RiskChangeOut]


class RiskOut(Schema):
    id: int
    project_id: int
    title: str
    description: str
    probability: int
    impact: int
    score: int
    level: str
    owner_id: int | None
    owner: str | None
    mitigation: str
    status: str
    review_date: dt.date | None
    review_overdue: bool
    internal_only: bool
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_owner(obj: Risk) -> str | None:
        return str(obj.owner) if obj.owner_id else None

    @staticmethod
    def resolve_review_overdue(obj: Risk) -> bool:
        return risk_is_overdue(obj)


class RiskDetailOut(RiskOut):
    history: list[RiskHistoryOut]

    @staticmethod
    def resolve_history(obj: Risk) -> list[dict]:
        return [
            {
                "when": h["when"],
                "who": h["who"],
                "what": str(h["label"]),
                "changes": [
                    {"field": str(f), "before": str(b), "after": str(a)} for f, b, a in h["changes"]
                ],
            }
            for h in risk_history(risk=obj)
        ]


class TimelineRowOut(Schema):
    stage_id: int
    order: int
    name: str
    status: str
    planned_start: dt.date | None
    planned_end: dt.date | None
    planned_days: int | None
    typical_days: int
    actual_start: dt.date | None
    actual_end: dt.date | None
    actual_days: int | None
    late: bool
    warnings: list[str]


class TimelineOut(Schema):
    summary: str
    rows: list[TimelineRowOut]


class TemplateCopyIn(Schema):
    organisation_id: int


class TemplateItemIn(Schema):
    text: str
    required: bool = True
    guidance: str = ""


class TemplateStageIn(Schema):
    key: str
    name: str
    typical_days: int
    guidance: str = ""
    items: list[TemplateItemIn] = []


class TemplateReviseIn(Schema):
    name: str
    description: str = ""
    stages: list[TemplateStageIn]


class BudgetLineIn(Schema):
    category: str
    description: str
    planned: int
    spent: int = 0
    funding_source_id: int | None = None
    internal_only: bool = False


class EffortLineIn(Schema):
    who: str
    hours_planned: float
    hours_spent: float = 0
    stage_id: int | None = None
    internal_only: bool = False


class FundingSourceIn(Schema):
    name: str
    amount: int
    programme: str = ""
    status: str = "planned"
    conditions: str = ""
    report_due: dt.date | None = None
    internal_only: bool = False


class BudgetLineOut(Schema):
    id: int
    category: str
    description: str
    planned: int
    spent: int
    funding_source_id: int | None
    internal_only: bool


class EffortLineOut(Schema):
    id: int
    who: str
    stage_id: int | None
    hours_planned: float
    hours_spent: float
    internal_only: bool


class FundingSourceOut(Schema):
    id: int
    name: str
    programme: str
    amount: int
    status: str
    conditions: str
    report_due: dt.date | None
    internal_only: bool


class ResourcesOut(Schema):
    planned: int
    spent: int
    granted: int
    hours_planned: float
    hours_spent: float
    over_budget: bool
    hours_over: bool
    budget_lines: list[BudgetLineOut]
    effort_lines: list[EffortLineOut]
    funding_sources: list[FundingSourceOut]


class JointProjectIn(Schema):
    title: str
    template_id: int
    partner_buyer_ids: list[int]
    summary: str = ""

    @field_validator("title", "summary", mode="after")
    @classmethod
    def _no_nul(cls, value: str) -> str:
        # No text column can store NUL characters.
        if "\x00" in value:
            raise ValueError("Text may not contain NUL characters.")
        return value


class JointProjectOut(Schema):
    project_id: int
    partner_buyer_ids: list[int]


# --- Thresholds and the procedure advisor --------------------------------------------------


class ThresholdOut(Schema):
    category: str
    category_label: str
    valid_from: dt.date
    valid_to: dt.date
    sek_value: int | None
    eur_value: int | None
    source_title: str
    source_url: str
    legal_basis: str


class ThresholdFilters(Schema):
    on: dt.date | None = Field(None, description="Only the rows in force on this day.")


class AdvisorIn(Schema):
    """The advisor's questions, as on the page."""

    market_solution: Literal["yes", "partly", "no", "unsure"]
    rnd_needed: Literal["yes", "no", "unsure"]
    will_purchase: Literal["yes", "no", "unsure"]
    estimated_value: int = Field(ge=0, le=10**12, description="Kronor excluding VAT.")
    several_buyers: bool = False
    months_available: int = Field(ge=1, le=240)
    buyer_kind: Literal["sub_central", "central"] = "sub_central"
    contract_kind: Literal["supplies_services", "works", "social_services"] = "supplies_services"
    advice_date: dt.date | None = Field(
        None, description="The day whose thresholds apply; today when left out."
    )

    @field_validator("advice_date")
    @classmethod
    def _plausible_year(cls, value: dt.date | None) -> dt.date | None:
        if value is not None and not (2000 <= value.year <= 2100):
            raise ValueError("Give a date between 2000 and 2100.")
        return value


class RuledOutOut(Schema):
    key: str
    template_id: int | None
    reason: str


class AdviceOut(Schema):
    key: str
    template_id: int | None
    template_name: str
    reasons: list[str]
    notes: list[str]
    ruled_out: list[RuledOutOut]
    advice_date: dt.date
    above_threshold: bool
    comparison: str
    threshold: ThresholdOut | None
    direct_award_limit: ThresholdOut | None
    direct_award_allowed: bool
