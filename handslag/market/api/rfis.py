"""RFIs and dialogue events."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.pagination import paginate

from handslag.accounts.models import Organisation
from handslag.market import selectors, services
from handslag.market.api.base import _supplier_for, router
from handslag.market.models import DialogueEvent, Rfi
from handslag.market.permissions import access_event, access_public_rfi, access_rfi
from handslag.market.schemas import (
    BuyerEventOut,
    BuyerRfiOut,
    ErrorOut,
    EventCreateIn,
    EventOut,
    EventUpdateIn,
    RfiCreateIn,
    RfiOut,
    RfiResponseIn,
    RfiResponseOut,
    RfiSummaryOut,
)
from handslag.projects.permissions import access_project


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
