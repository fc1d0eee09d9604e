"""Calls: published ones for everyone, and the buyer's own."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query
from ninja.pagination import paginate

from handslag.market import selectors, services
from handslag.market.api.base import router
from handslag.market.models import Application, Call, CallStage
from handslag.market.permissions import access_call, access_call_applications, access_public_call
from handslag.market.schemas import (
    ApplicationOut,
    CallCreateIn,
    CallOut,
    CallPublishOut,
    CallUpdateIn,
    CancelIn,
    ErrorOut,
    MissingOut,
    PublicationRefusedOut,
    PublicCallDetailOut,
    PublicCallFilters,
    PublicCallOut,
    WarningOut,
)
from handslag.projects.permissions import access_project


@router.get(
    "/calls",
    auth=None,
    response=list[PublicCallOut],
    summary="Published calls with their stage, open calls first; filter by stage, area, "
    "buyer, deadline for applications and a search text",
)
@paginate
def public_calls(request: HttpRequest, filters: Query[PublicCallFilters]):
    return selectors.call_list_market(
        stage=filters.status or "",
        area=filters.area or "",
        buyer_id=filters.buyer_id,
        deadline_from=filters.deadline_from,
        deadline_to=filters.deadline_to,
        query=filters.q,
    )


@router.get(
    "/calls/{call_id}",
    auth=None,
    response={200: PublicCallDetailOut, 404: ErrorOut},
    summary="A published call",
)
def public_call(request: HttpRequest, call_id: int) -> Call:
    return access_public_call(call_id=call_id)


# --- The buyer's calls --------------------------------------------------------------------


@router.get("/buyer/calls", response=list[CallOut], summary="Calls of the projects you can see")
@paginate
def buyer_calls(
    request: HttpRequest, project_id: int | None = None, status: CallStage | None = None
):
    project = access_project(user=request.user, project_id=project_id) if project_id else None
    calls = selectors.call_list_for_user(user=request.user, project=project)
    return calls.filter(stage_value=status) if status else calls


@router.post(
    "/buyer/calls",
    response={201: CallOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Write a draft call for a project",
)
def call_create(request: HttpRequest, payload: CallCreateIn) -> tuple[int, Call]:
    project = access_project(user=request.user, project_id=payload.project_id, manage=True)
    data = payload.dict(exclude={"project_id"})
    call = services.call_create(actor=request.user, project=project, **data)
    return 201, call


@router.get(
    "/buyer/calls/{call_id}", response={200: CallOut, 404: ErrorOut}, summary="A call, buyer's view"
)
def call_get(request: HttpRequest, call_id: int) -> Call:
    return access_call(user=request.user, call_id=call_id)


@router.patch(
    "/buyer/calls/{call_id}",
    response={
        200: CallOut,
        400: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        422: PublicationRefusedOut,
    },
    summary="Change a draft call (deadlines that break a time limit are refused)",
)
def call_update(request: HttpRequest, call_id: int, payload: CallUpdateIn):
    call = access_call(user=request.user, call_id=call_id, manage=True)
    fields = payload.dict(exclude_unset=True)
    for name in (
        "title",
        "summary",
        "legal_procedure",
        "max_partners",
        "area",
        "short_limit_ground",
        "short_limit_reason",
        "answers_deadline_day_counts",
        "answers_reading_reason",
    ):
        if name in fields and fields[name] is None:
            raise ValidationError({name: _("This field cannot be empty.")})
    try:
        return services.call_update(actor=request.user, call=call, **fields)
    except services.PublicationRefused as error:
        return 422, {"detail": _("The new deadlines break a time limit."), "missing": error.missing}


@router.get(
    "/buyer/calls/{call_id}/warnings",
    response={200: list[WarningOut], 404: ErrorOut},
    summary="What the legal clock says about the call's deadlines",
)
def call_warnings(request: HttpRequest, call_id: int) -> list:
    return selectors.call_plan_warnings(call=access_call(user=request.user, call_id=call_id))


@router.get(
    "/buyer/calls/{call_id}/publication-check",
    response={200: list[MissingOut], 403: ErrorOut, 404: ErrorOut},
    summary="What stops the call from being published now, each with the page that fixes it",
)
def call_publication_check(request: HttpRequest, call_id: int) -> list:
    call = access_call(user=request.user, call_id=call_id, manage=True)
    return selectors.call_publication_missing(call=call)


def refused(error: services.PublicationRefused) -> tuple[int, dict]:
    """422 when a time limit is broken, 409 when the call only lacks something; the body
    lists every reason, as the publish page does."""
    status = 422 if error.breaks_time_limit else 409
    return status, {
        "detail": _("The call cannot be published as it is: fix what is listed."),
        "missing": error.missing,
    }


@router.post(
    "/buyer/calls/{call_id}/publish",
    response={
        200: CallPublishOut,
        400: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: PublicationRefusedOut,
        422: PublicationRefusedOut,
    },
    summary="Publish a draft call; refused with the list of what is missing or unlawful",
)
def call_publish(request: HttpRequest, call_id: int):
    call = access_call(user=request.user, call_id=call_id, manage=True)
    try:
        return services.call_publish(actor=request.user, call=call)
    except services.PublicationRefused as error:
        return refused(error)


@router.post(
    "/buyer/calls/{call_id}/cancel",
    response={200: CallOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Cancel a call on a ground, with its reasons; everyone who applied or "
    "tendered is told by e-mail",
)
def call_cancel(request: HttpRequest, call_id: int, payload: CancelIn) -> Call:
    call = access_call(user=request.user, call_id=call_id, manage=True)
    return services.call_cancel(
        actor=request.user, call=call, reason=payload.reason, ground=payload.ground
    )


@router.get(
    "/buyer/calls/{call_id}/applications",
    response={200: list[ApplicationOut], 403: ErrorOut, 404: ErrorOut},
    summary="The call's applications, for the project team",
)
@paginate
def call_applications(request: HttpRequest, call_id: int):
    call = access_call_applications(user=request.user, call_id=call_id)
    return selectors.application_list_for_call(user=request.user, call=call)


@router.post(
    "/buyer/calls/{call_id}/invite",
    response={200: list[ApplicationOut], 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Invite every qualified supplier to tender",
)
def call_invite_qualified(request: HttpRequest, call_id: int) -> list[Application]:
    call = access_call_applications(user=request.user, call_id=call_id, decide=True)
    return services.application_invite_qualified(actor=request.user, call=call)
