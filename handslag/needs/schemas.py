"""Shapes of the needs API's requests and answers. Types only; the rules live in services.

Patch schemas use `str = None` on purpose: a field left out is not changed, while an
explicit null is a type error (422) instead of a null in a NOT NULL column.
"""

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from ninja import Schema
from pydantic import field_validator

from handslag.needs.models import MarketCheck

MarketCheckValue = Literal[tuple(MarketCheck.values)]  # type: ignore[valid-type]
VisibilityValue = Literal["organisation", "buyers"]
OutcomeValue = Literal["refine", "merge", "park", "move", "decline"]


class _In(Schema):
    """Rejects NUL characters, which no text column can store."""

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("Text may not contain NUL characters.")
        return value


class ChallengeIn(_In):
    organisation_id: int
    title: str
    description: str
    affected: str = ""
    frequency: str = ""
    cost_today: str = ""
    area: str = ""
    unit: str = ""
    visibility: VisibilityValue = "organisation"


class ChallengeOut(Schema):
    id: int
    organisation_id: int
    organisation: str
    title: str
    description: str
    affected: str
    frequency: str
    cost_today: str
    area: str
    status: str
    triage_reason: str
    triaged_at: datetime | None
    merged_into_id: int | None
    need_ids: list[int]
    unit: str
    visibility: str
    support_count: int
    comment_count: int
    is_published: bool
    published_at: datetime | None
    submitted_by: str
    created_at: datetime

    @staticmethod
    def resolve_organisation(obj: Any) -> str:
        return obj.organisation.name

    @staticmethod
    def resolve_submitted_by(obj: Any) -> str:
        return str(obj.submitted_by)

    @staticmethod
    def resolve_support_count(obj: Any) -> int:
        count = getattr(obj, "support_count", None)
        return obj.supports.count() if count is None else count

    @staticmethod
    def resolve_comment_count(obj: Any) -> int:
        count = getattr(obj, "comment_count", None)
        return obj.comments.count() if count is None else count

    @staticmethod
    def resolve_need_ids(obj: Any) -> list[int]:
        return [n.pk for n in obj.need_statements.all()]


class TriageIn(_In):
    outcome: OutcomeValue
    reason: str = ""
    merge_into_id: int | None = None


class TriageOut(Schema):
    challenge: ChallengeOut
    need_id: int | None = None


class PublicChallengeOut(Schema):
    """What the market may see: never the submitter, reasons or internal notes."""

    id: int
    title: str
    description: str
    affected: str
    area: str
    organisation: str
    published_at: datetime | None

    @staticmethod
    def resolve_organisation(obj: Any) -> str:
        return obj.organisation.name


class EffectIn(_In):
    description: str
    indicator: str
    unit: str
    baseline: Decimal
    target: Decimal
    direction: Literal["increase", "decrease"]
    measurement_method: str = ""
    measurement_frequency: str = ""


class EffectPatch(_In):
    description: str = None  # type: ignore[assignment]
    indicator: str = None  # type: ignore[assignment]
    unit: str = None  # type: ignore[assignment]
    baseline: Decimal = None  # type: ignore[assignment]
    target: Decimal = None  # type: ignore[assignment]
    direction: Literal["increase", "decrease"] = None  # type: ignore[assignment]
    measurement_method: str = None  # type: ignore[assignment]
    measurement_frequency: str = None  # type: ignore[assignment]


class EffectOut(Schema):
    id: int
    need_id: int
    description: str
    indicator: str
    unit: str
    baseline: Decimal
    target: Decimal
    measurement_method: str
    measurement_frequency: str
    direction: str


class CompletenessOut(Schema):
    percent: int
    missing: list[str]
    ready: bool
    market_advice: str
    wording_warnings: list[str]


class NeedIn(_In):
    organisation_id: int
    title: str
    problem: str
    target_group: str = ""
    stakeholders: str = ""
    functional_requirements: str = ""
    constraints: str = ""
    strategy_links: str = ""
    market_check: MarketCheckValue = MarketCheck.UNKNOWN.value  # type: ignore[valid-type]
    market_check_notes: str = ""
    visibility: VisibilityValue = "organisation"


class NeedPatch(_In):
    title: str = None  # type: ignore[assignment]
    problem: str = None  # type: ignore[assignment]
    target_group: str = None  # type: ignore[assignment]
    stakeholders: str = None  # type: ignore[assignment]
    functional_requirements: str = None  # type: ignore[assignment]
    constraints: str = None  # type: ignore[assignment]
    strategy_links: str = None  # type: ignore[assignment]
    market_check: MarketCheckValue = None  # type: ignore[valid-type,assignment]
    market_check_notes: str = None  # type: ignore[assignment]
    visibility: VisibilityValue = None  # type: ignore[assignment]


class NeedOut(Schema):
    id: int
    organisation_id: int
    organisation: str
    challenge_id: int | None
    title: str
    problem: str
    target_group: str
    stakeholders: str
    functional_requirements: str
    constraints: str
    strategy_links: str
    market_check: str
    market_check_notes: str
    visibility: str
    created_at: datetime
    updated_at: datetime
    effects: list[EffectOut]

    @staticmethod
    def resolve_organisation(obj: Any) -> str:
        return obj.organisation.name

    @staticmethod
    def resolve_effects(obj: Any) -> list[Any]:
        return list(obj.effects.all())


class NeedSummaryOut(Schema):
    id: int
    organisation_id: int
    title: str
    challenge_id: int | None
    updated_at: datetime


class CommentIn(_In):
    text: str


class CommentOut(Schema):
    id: int
    author: str
    text: str
    created_at: datetime

    @staticmethod
    def resolve_author(obj: Any) -> str:
        return str(obj.author)


class SupportOut(Schema):
    count: int
    mine: bool


class VisibilityIn(_In):
    visibility: VisibilityValue


class SimilarOut(Schema):
    kind: str
    id: int
    title: str
    organisation_id: int
    organisation: str
    excerpt: str
    score: float


class ExportLinksOut(Schema):
    docx: str
    pdf: str


class NetworkIn(_In):
    organisation_id: int
    name: str
    description: str = ""


class NetworkOut(Schema):
    id: int
    name: str
    description: str
    organisation_ids: list[int]

    @staticmethod
    def resolve_organisation_ids(obj: Any) -> list[int]:
        return sorted(m.organisation_id for m in obj.memberships.all())


class InvitationIn(_In):
    organisation_id: int
    message: str = ""


class InvitationOut(Schema):
    id: int
    network_id: int
    network: str
    organisation_id: int
    status: str

    @staticmethod
    def resolve_network(obj: Any) -> str:
        return obj.network.name
