"""Calls published to the market and the applications suppliers send to them."""

from handslag.market.models.applications import (
    Application,
    ApplicationAttachment,
    ApplicationStatus,
    AttachmentKind,
)
from handslag.market.models.calls import (
    OPEN_STAGES,
    Area,
    Call,
    CallQuerySet,
    CallStage,
    CallStatus,
    CancelGround,
    LegalProcedure,
    ShortLimitGround,
)
from handslag.market.models.dialogue import DialogueEvent, EventKind
from handslag.market.models.questions import CallVersion, Question
from handslag.market.models.registry import CallFollow, SupplierProfile
from handslag.market.models.rfis import Rfi, RfiAnswer, RfiQuestion, RfiResponse, RfiStatus

__all__ = [
    "Application",
    "ApplicationAttachment",
    "ApplicationStatus",
    "Area",
    "AttachmentKind",
    "Call",
    "CallFollow",
    "CallQuerySet",
    "CallStage",
    "CallStatus",
    "CallVersion",
    "CancelGround",
    "DialogueEvent",
    "EventKind",
    "LegalProcedure",
    "OPEN_STAGES",
    "Question",
    "Rfi",
    "RfiAnswer",
    "RfiQuestion",
    "RfiResponse",
    "RfiStatus",
    "ShortLimitGround",
    "SupplierProfile",
]
