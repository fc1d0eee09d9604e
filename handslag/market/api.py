"""JSON API for calls and applications, at /api/v1/market/.

The same services, selectors and permissions as the pages: no rule exists twice.
Published calls can be read without signing in; everything else needs a session or token.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from handslag.accounts.models import Organisation
from handslag.core.permissions import forbidden
from handslag.market import selectors, services
from handslag.market.models import Application, Call
from handslag.market.permissions import (
    access_application,
    access_call,
    access_call_applications,
    access_public_call,
    can_apply,
)
from handslag.projects.permissions import access_project

router = Router(tags=["market"])


# --- Schemas ------------------------------------------------------------------------------


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
    published_at: dt.datetime | None
    application_deadline: dt.datetime | None
    tender_deadline: dt.datetime | None
    cancel_reason: str

    @staticmethod
    def resolve_buyer(obj: Call) -> str:
        return obj.project.organisation.name


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


class CancelIn(Schema):
    reason: str = Field(..., max_length=5000)


class ApplicationIn(Schema):
    text: str = Field(..., max_length=20000)
    supplier_id: int | None = None


class DecisionIn(Schema):
    qualified: bool
    reason: str = Field(..., max_length=5000)


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


# --- Public calls -------------------------------------------------------------------------


@router.get(
    "/calls", auth=None, response=list[PublicCallOut], summary="Published calls, newest first"
)
@paginate(LimitOffsetPagination)
def public_calls(request: HttpRequest):  # noqa: ANN201
    return selectors.call_list_published()


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
@paginate(LimitOffsetPagination)
def buyer_calls(request: HttpRequest, project_id: int | None = None):  # noqa: ANN201
    project = access_project(user=request.user, project_id=project_id) if project_id else None
    return selectors.call_list_for_user(user=request.user, project=project)


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
    response={200: CallOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Change a draft call",
)
def call_update(request: HttpRequest, call_id: int, payload: CallUpdateIn) -> Call:
    call = access_call(user=request.user, call_id=call_id, manage=True)
    fields = payload.dict(exclude_unset=True)
    for name in ("title", "summary", "legal_procedure", "max_partners"):
        if name in fields and fields[name] is None:
            raise ValidationError({name: _("This field cannot be empty.")})
    return services.call_update(actor=request.user, call=call, **fields)


@router.get(
    "/buyer/calls/{call_id}/warnings",
    response={200: list[WarningOut], 404: ErrorOut},
    summary="What the legal clock says about the call's deadlines",
)
def call_warnings(request: HttpRequest, call_id: int) -> list:
    return selectors.call_plan_warnings(call=access_call(user=request.user, call_id=call_id))


@router.post(
    "/buyer/calls/{call_id}/publish",
    response={200: CallPublishOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Publish a draft call (legal-clock warnings are returned, not blocking)",
)
def call_publish(request: HttpRequest, call_id: int) -> Call:
    call = access_call(user=request.user, call_id=call_id, manage=True)
    return services.call_publish(actor=request.user, call=call)


@router.post(
    "/buyer/calls/{call_id}/cancel",
    response={200: CallOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Cancel a call, with the reason",
)
def call_cancel(request: HttpRequest, call_id: int, payload: CancelIn) -> Call:
    call = access_call(user=request.user, call_id=call_id, manage=True)
    return services.call_cancel(actor=request.user, call=call, reason=payload.reason)


@router.get(
    "/buyer/calls/{call_id}/applications",
    response={200: list[ApplicationOut], 403: ErrorOut, 404: ErrorOut},
    summary="The call's applications, for the project team",
)
@paginate(LimitOffsetPagination)
def call_applications(request: HttpRequest, call_id: int):  # noqa: ANN201
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


# --- Applications -------------------------------------------------------------------------


@router.post(
    "/calls/{call_id}/applications",
    response={201: ApplicationOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Apply to a published call on behalf of your supplier organisation",
)
def application_create(
    request: HttpRequest, call_id: int, payload: ApplicationIn
) -> tuple[int, Application]:
    call = access_public_call(call_id=call_id)
    user = request.user
    if not can_apply(user=user):
        raise forbidden()
    own = user.supplier_organisation_ids
    if payload.supplier_id is None:
        if len(own) != 1:
            raise ValidationError(
                {"supplier_id": _("You belong to several suppliers; say which one applies.")}
            )
        supplier_id = next(iter(own))
    else:
        supplier_id = payload.supplier_id
    if supplier_id not in own:
        raise forbidden()
    supplier = get_object_or_404(Organisation, pk=supplier_id)
    application = services.application_create(
        actor=user, call=call, supplier=supplier, text=payload.text
    )
    return 201, application


@router.get(
    "/applications",
    response=list[ApplicationOut],
    summary="Your supplier organisation's own applications",
)
@paginate(LimitOffsetPagination)
def my_applications(request: HttpRequest):  # noqa: ANN201
    return selectors.application_list_for_supplier(user=request.user)


@router.get(
    "/applications/{application_id}",
    response={200: ApplicationOut, 404: ErrorOut},
    summary="One application (its supplier and the project team only)",
)
def application_get(request: HttpRequest, application_id: int) -> Application:
    return access_application(user=request.user, application_id=application_id)


@router.post(
    "/applications/{application_id}/withdraw",
    response={200: ApplicationOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Withdraw your application before the deadline",
)
def application_withdraw(request: HttpRequest, application_id: int) -> Application:
    application = access_application(
        user=request.user, application_id=application_id, withdraw=True
    )
    return services.application_withdraw(actor=request.user, application=application)


@router.post(
    "/applications/{application_id}/decide",
    response={200: ApplicationOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Qualify or reject an application, with the reason",
)
def application_decide(
    request: HttpRequest, application_id: int, payload: DecisionIn
) -> Application:
    application = access_application(user=request.user, application_id=application_id, decide=True)
    return services.application_decide(
        actor=request.user,
        application=application,
        qualified=payload.qualified,
        reason=payload.reason,
    )


@router.post(
    "/applications/{application_id}/invite",
    response={200: ApplicationOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Invite a qualified supplier to tender",
)
def application_invite(request: HttpRequest, application_id: int) -> Application:
    application = access_application(user=request.user, application_id=application_id, decide=True)
    return services.application_invite(actor=request.user, application=application)
