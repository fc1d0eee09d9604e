"""Shapes of the dialogue API's requests and answers."""

import datetime as dt

from django.utils import timezone
from ninja import Field, Schema

from handslag.dialogue.models import ActionItem, CommunicationItem, Meeting, Stakeholder
from handslag.dialogue.selectors import meeting_actions, stakeholder_quadrant


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class ActionOut(Schema):
    id: int
    meeting_id: int
    text: str
    owner_id: int
    owner: str
    due_on: dt.date
    done: bool
    done_at: dt.datetime | None
    done_by_id: int | None
    is_overdue: bool

    @staticmethod
    def resolve_owner(obj: ActionItem) -> str:
        return str(obj.owner)

    @staticmethod
    def resolve_is_overdue(obj: ActionItem) -> bool:
        return not obj.done and obj.due_on < timezone.localdate()


class MeetingOut(Schema):
    id: int
    project_id: int
    kind: str
    title: str
    held_on: dt.date
    internal_participant_ids: list[int]
    supplier_organisation_ids: list[int]
    external_participants: list[str]
    notes: str
    decisions: list[str]
    actions: list[ActionOut]
    created_by_id: int
    created_at: dt.datetime

    @staticmethod
    def resolve_internal_participant_ids(obj: Meeting) -> list[int]:
        return sorted(p.pk for p in obj.internal_participants.all())

    @staticmethod
    def resolve_supplier_organisation_ids(obj: Meeting) -> list[int]:
        return sorted(o.pk for o in obj.supplier_organisations.all())

    @staticmethod
    def resolve_external_participants(obj: Meeting) -> list[str]:
        return obj.external_participant_list

    @staticmethod
    def resolve_decisions(obj: Meeting) -> list[str]:
        return obj.decision_list

    @staticmethod
    def resolve_actions(obj: Meeting) -> list[ActionItem]:
        return list(meeting_actions(meeting=obj))


class MeetingIn(Schema):
    kind: str
    title: str = Field(max_length=200)
    held_on: dt.date
    internal_participant_ids: list[int] = []
    supplier_organisation_ids: list[int] = []
    external_participants: list[str] = []
    notes: str = Field("", max_length=20000)
    decisions: list[str] = []


class MeetingPatch(Schema):
    kind: str | None = None
    title: str | None = Field(None, max_length=200)
    held_on: dt.date | None = None
    internal_participant_ids: list[int] | None = None
    supplier_organisation_ids: list[int] | None = None
    external_participants: list[str] | None = None
    notes: str | None = Field(None, max_length=20000)
    decisions: list[str] | None = None


class ActionIn(Schema):
    text: str = Field(max_length=500)
    owner_id: int
    due_on: dt.date


class ActionPatch(Schema):
    text: str | None = Field(None, max_length=500)
    owner_id: int | None = None
    due_on: dt.date | None = None


class DoneIn(Schema):
    done: bool = True


class StakeholderOut(Schema):
    id: int
    project_id: int
    name: str
    description: str
    interest: int
    influence: int
    strategy: str
    quadrant: str

    @staticmethod
    def resolve_quadrant(obj: Stakeholder) -> str:
        return stakeholder_quadrant(obj)


class StakeholderIn(Schema):
    name: str = Field(max_length=200)
    interest: int
    influence: int
    description: str = Field("", max_length=3000)
    strategy: str = Field("", max_length=3000)


class StakeholderPatch(Schema):
    name: str | None = Field(None, max_length=200)
    interest: int | None = None
    influence: int | None = None
    description: str | None = Field(None, max_length=3000)
    strategy: str | None = Field(None, max_length=3000)


class CommunicationOut(Schema):
    id: int
    project_id: int
    audience: str
    stakeholder_id: int | None
    message: str
    planned_on: dt.date
    channel: str
    responsible_id: int
    responsible: str
    done: bool
    done_at: dt.datetime | None
    is_overdue: bool

    @staticmethod
    def resolve_responsible(obj: CommunicationItem) -> str:
        return str(obj.responsible)

    @staticmethod
    def resolve_is_overdue(obj: CommunicationItem) -> bool:
        return not obj.done and obj.planned_on < timezone.localdate()


class CommunicationIn(Schema):
    audience: str = Field("", max_length=200)
    stakeholder_id: int | None = None
    message: str = Field(max_length=3000)
    planned_on: dt.date
    channel: str
    responsible_id: int


class CommunicationPatch(Schema):
    audience: str | None = Field(None, max_length=200)
    stakeholder_id: int | None = None
    message: str | None = Field(None, max_length=3000)
    planned_on: dt.date | None = None
    channel: str | None = None
    responsible_id: int | None = None


class IdeaIn(Schema):
    title: str = Field(max_length=200)
    description: str = Field(max_length=4000)
    reason: str = Field(max_length=2000)
    meeting_id: int | None = None


class IdeaOut(Schema):
    id: int
    project_id: int
    meeting_id: int | None
    challenge_id: int
    title: str
    status: str


class SummaryOut(Schema):
    meetings: int
    open_actions: int
    overdue_actions: int
    stakeholders: int
    communication_open: int
    communication_overdue: int
