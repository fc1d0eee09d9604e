"""API shapes. Validation of meaning (passages, dates, rulings) is in the services."""

import datetime as dt
from uuid import UUID

from ninja import Field, Schema


class ClaimIn(Schema):
    reason: str = Field(..., max_length=2000)
    passage: str = Field("", max_length=10_000)
    file_id: UUID | None = None


class ClaimOut(Schema):
    id: str
    kind: str
    passage: str | None = None
    file_id: UUID | None = None
    reason: str


class RequestIn(Schema):
    requester_name: str = Field(..., max_length=200)
    # Needed after the award (the link goes there); before it, only to send the refusal.
    requester_email: str = Field("", max_length=254)
    subject: str = Field(..., max_length=5000)
    received_on: dt.date
    # Ignored before the award: such a request names no tender and is refused.
    tender_ids: list[UUID] | None = None


class CaseRow(Schema):
    id: UUID
    tender_id: UUID
    supplier: str
    status: str
    text_outcome: str


class RequestOut(Schema):
    id: int
    call_id: int
    requester_name: str
    requester_email: str
    subject: str
    received_on: dt.date
    status: str
    decided_at: dt.datetime | None
    decision_text: str
    before_award: bool
    cases: list[CaseRow]


class RulingIn(Schema):
    claim_id: str = Field(..., max_length=32)
    mask: bool
    reason: str = Field(..., max_length=5000)


class MaskIn(Schema):
    passage: str = Field(..., max_length=10_000)
    reason: str = Field(..., max_length=5000)


class ConsultationIn(Schema):
    message: str = Field(..., max_length=5000)
    deadline: dt.date


class CommentIn(Schema):
    comment: str = Field(..., max_length=5000)


class FileDecisionIn(Schema):
    file_id: UUID
    outcome: str
    reason: str = Field("", max_length=5000)


class DecisionIn(Schema):
    text_outcome: str
    reason: str = Field("", max_length=5000)
    files: list[FileDecisionIn] = []


class CaseClaimOut(Schema):
    id: str
    kind: str
    passage: str | None = None
    file_id: UUID | None = None
    reason: str
    mask: bool | None
    ruling_reason: str


class MaskOut(Schema):
    id: str
    passage: str
    reason: str


class CaseFileOut(Schema):
    id: UUID
    name: str
    outcome: str | None
    reason: str


class CaseOut(Schema):
    id: UUID
    request_id: int
    tender_id: UUID
    supplier: str
    status: str
    consultation_deadline: dt.date | None
    supplier_comment: str
    text_outcome: str
    reason: str
    claims: list[CaseClaimOut]
    masks: list[MaskOut]
    files: list[CaseFileOut]
    redacted_text: str


class CommentOut(Schema):
    id: UUID
    supplier_comment: str
