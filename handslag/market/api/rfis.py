"""RFIs and dialogue events."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.pagination import paginate

from handslag.accounts.models import Organisation
from handslag.market import selectors, services
from handslag.market.api.base import _supplier_for, router
from handslag.market.api.schemas import ErrorOut
from handslag.market.models import DialogueEvent, Rfi
from handslag.market.permissions import access_event, access_public_rfi, access_rfi
from handslag.projects.permissions import access_project


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


def _suppliers_by_id(ids: list[int]) -> list[Organisation]:
    found = list(Organisation.objects.filter(pk__in=set(ids)))
    if len(found) != len(set(ids)):
        raise ValidationError({"invited_ids": _("Some of the organisations do not exist.")})
    return found


@router.get("/rfis", auth=None, response=list[RfiOut], summary="Published requests for information")
@paginate
def public_rfis(request: HttpRequest):
    return selectors.rfi_list_published()


@router.get(
    "/rfis/{rfi_id}",
    auth=None,
    response={200: RfiOut, 404: ErrorOut},
    summary="A published request for information",
)
def public_rfi(request: HttpRequest, rfi_id: int) -> Rfi:
    return access_public_rfi(rfi_id=rfi_id)


@router.post(
    "/rfis/{rfi_id}/responses",
    response={201: RfiResponseOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Answer an RFI on behalf of your supplier organisation",
)
def rfi_respond(request: HttpRequest, rfi_id: int, payload: RfiResponseIn) -> tuple[int, object]:
    rfi = access_public_rfi(rfi_id=rfi_id)
    supplier = _supplier_for(request.user, payload.supplier_id)
    answers = {item.question_id: item.text for item in payload.answers}
    return 201, services.rfi_respond(
        actor=request.user, rfi=rfi, supplier=supplier, answers=answers
    )


@router.get("/buyer/rfis", response=list[BuyerRfiOut], summary="RFIs of your projects")
@paginate
def buyer_rfis(request: HttpRequest):
    return selectors.rfi_list_for_user(user=request.user)


@router.post(
    "/buyer/rfis",
    response={201: BuyerRfiOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Write a draft RFI for a project",
)
def rfi_create(request: HttpRequest, payload: RfiCreateIn) -> tuple[int, Rfi]:
    project = access_project(user=request.user, project_id=payload.project_id, manage=True)
    data = payload.dict(exclude={"project_id"})
    return 201, services.rfi_create(actor=request.user, project=project, **data)


@router.get(
    "/buyer/rfis/{rfi_id}/summary",
    response={200: RfiSummaryOut, 404: ErrorOut},
    summary="Every answer per question, for the project team",
)
def rfi_summary(request: HttpRequest, rfi_id: int) -> dict:
    rfi = access_rfi(user=request.user, rfi_id=rfi_id)
    summary = selectors.rfi_summary(user=request.user, rfi=rfi)
    return {
        "responses": summary["responses"],
        "sme": summary.get("sme", 0),
        "questions": [
            {
                "question_id": item.question.pk,
                "text": item.question.text,
                "answered": item.answered,
                "answers": [{"supplier": a.supplier.name, "text": a.text} for a in item.answers],
            }
            for item in summary["questions"]
        ],
    }


@router.post(
    "/buyer/rfis/{rfi_id}/publish",
    response={200: BuyerRfiOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Publish a draft RFI",
)
def rfi_publish(request: HttpRequest, rfi_id: int) -> Rfi:
    rfi = access_rfi(user=request.user, rfi_id=rfi_id, manage=True)
    return services.rfi_publish(actor=request.user, rfi=rfi)


@router.post(
    "/buyer/rfis/{rfi_id}/close",
    response={200: BuyerRfiOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Stop taking answers to an RFI",
)
def rfi_close(request: HttpRequest, rfi_id: int) -> Rfi:
    rfi = access_rfi(user=request.user, rfi_id=rfi_id, manage=True)
    return services.rfi_close(actor=request.user, rfi=rfi)


# Dialogue events.


@router.get(
    "/buyer/events", response=list[BuyerEventOut], summary="Dialogue events of your projects"
)
@paginate
def buyer_events(request: HttpRequest):
    return selectors.event_list_for_user(user=request.user)


@router.post(
    "/buyer/events",
    response={201: BuyerEventOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Plan a dialogue event or innovation sprint with invited suppliers",
)
def event_create(request: HttpRequest, payload: EventCreateIn) -> tuple[int, DialogueEvent]:
    project = access_project(user=request.user, project_id=payload.project_id, manage=True)
    return 201, services.dialogue_event_create(
        actor=request.user,
        project=project,
        kind=payload.kind,
        title=payload.title,
        starts_at=payload.starts_at,
        description=payload.description,
        invited=_suppliers_by_id(payload.invited_ids),
    )


@router.patch(
    "/buyer/events/{event_id}",
    response={200: BuyerEventOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Write the notes of an event or change who is invited",
)
def event_update(request: HttpRequest, event_id: int, payload: EventUpdateIn) -> DialogueEvent:
    event = access_event(user=request.user, event_id=event_id, manage=True)
    invited = None if payload.invited_ids is None else _suppliers_by_id(payload.invited_ids)
    return services.dialogue_event_update(
        actor=request.user,
        event=event,
        notes=payload.notes,
        description=payload.description,
        invited=invited,
    )


@router.get(
    "/events",
    response=list[EventOut],
    summary="Dialogue events your supplier organisations are invited to",
)
@paginate
def my_events(request: HttpRequest):
    return selectors.event_list_for_supplier(user=request.user)


@router.get(
    "/events/{event_id}",
    response={200: EventOut, 404: ErrorOut},
    summary="A dialogue event (the team and the invited suppliers; notes never included)",
)
def event_get(request: HttpRequest, event_id: int) -> DialogueEvent:
    return access_event(user=request.user, event_id=event_id)
