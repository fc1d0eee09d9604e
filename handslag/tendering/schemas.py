"""API shapes. Validation of meaning (deadlines, weights, roles) is in the services."""

import datetime as dt
from decimal import Decimal
from uuid import UUID

from ninja import Field, Schema


class TenderIn(Schema):
    content: str = Field(..., max_length=100_000)
    price: Decimal = Field(..., ge=0, max_digits=15, decimal_places=2)
    supplier_id: int | None = None
    # Optional: the round the tender is meant for; refused unless it is the current one.
    round: int | None = Field(None, ge=1, le=100)


class ReceiptFileOut(Schema):
    position: int
    # The name the supplier gave the file: shown to the tender's own supplier only.
    name: str
    size: int
    sha256: str


class TenderFileOut(Schema):
    id: UUID
    name: str
    size: int
    sha256: str


class ReceiptOut(Schema):
    id: UUID
    call_id: int
    call_reference: str
    supplier: str
    status: str
    round: int
    submitted_at: dt.datetime
    receipt: str
    sha256: str
    files: list[ReceiptFileOut] = []


class TenderRow(Schema):
    id: UUID
    supplier: str
    supplier_id: int
    status: str
    submitted_at: dt.datetime
    sha256: str
    round: int = 1


class TenderContentOut(Schema):
    id: UUID
    content: str
    price: Decimal


class ConfirmationOut(Schema):
    official: str
    at: dt.datetime


class OpeningOut(Schema):
    call_id: int
    opened_at: dt.datetime | None
    # The confirmations that count: those within the window (one sitting), or that opened.
    confirmations: list[ConfirmationOut]
    window_minutes: int
    # When the first confirmation lapses unless a second official confirms before it.
    expires_at: dt.datetime | None = None
    tenders: list[TenderRow] | None = None
    sealed: bool


class OpeningWindowIn(Schema):
    window_minutes: int


# --- negotiation rounds and channels ------------------------------------------------------


class RoundIn(Schema):
    deadline: dt.datetime
    change_text: str = Field(..., max_length=20_000)


class RoundOut(Schema):
    number: int
    deadline: dt.datetime | None
    change_text: str
    opened_at: dt.datetime | None


class RoundOpeningOut(Schema):
    call_id: int
    round: int
    opened_at: dt.datetime | None
    confirmations: list[ConfirmationOut]
    tenders: list[TenderRow] | None = None
    sealed: bool


class LineOut(Schema):
    kind: str
    text: str


class FileChangeOut(Schema):
    name: str
    kind: str
    old_sha256: str
    new_sha256: str


class TendererDiffOut(Schema):
    supplier_id: int
    supplier: str
    old_tender_id: UUID | None
    new_tender_id: UUID | None
    old_price: Decimal | None
    new_price: Decimal | None
    price_change: Decimal | None
    lines: list[LineOut]
    files: list[FileChangeOut]


class RoundDiffOut(Schema):
    round: int
    previous_round: int
    change_text: str
    tenderers: list[TendererDiffOut]


class MessageIn(Schema):
    body: str = Field(..., max_length=10_000)


class MessageOut(Schema):
    id: UUID
    from_buyer: bool
    author: str
    body: str
    at: dt.datetime


class SupplierRoundOut(Schema):
    number: int
    deadline: dt.datetime
    change_text: str
    opened_at: dt.datetime | None


class SupplierNegotiationOut(Schema):
    call_id: int
    rounds: list[SupplierRoundOut]
    current_round: int | None
    can_submit: bool
