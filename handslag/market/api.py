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

from handslag.accounts.models import Organisation, User
from handslag.core.permissions import forbidden
from handslag.market import selectors, services
from handslag.market.models import Application, Call, CallFollow, DialogueEvent, Question, Rfi
from handslag.market.permissions import (
    access_application,
    access_call,
    access_call_applications,
    access_call_questions,
    access_event,
    access_public_call,
    access_public_rfi,
    access_question,
    access_rfi,
    access_supplier_organisation,
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
    area: str
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
    area: str = Field("", max_length=20)


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
    area: str | None = Field(None, max_length=20)


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
    for name in ("title", "summary", "legal_procedure", "max_partners", "area"):
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


# --- Market dialogue -------------------------------------------------------------------------
# Supplier registry, questions and answers, changes to published calls, RFIs and dialogue
# events. The same services and permission fetchers as the pages.


def _supplier_for(user: User, supplier_id: int | None) -> Organisation:
    """The supplier organisation the caller acts for: the given one (if theirs) or their only one."""
    own = user.supplier_organisation_ids
    if not own:
        raise forbidden(_("Only suppliers can do this."))
    if supplier_id is None:
        if len(own) != 1:
            raise ValidationError(
                {"supplier_id": _("You belong to several suppliers; say which one acts.")}
            )
        supplier_id = next(iter(own))
    if supplier_id not in own:
        raise forbidden()
    return get_object_or_404(Organisation, pk=supplier_id)


class RegisterIn(Schema):
    organisation_name: str = Field(..., max_length=200)
    org_number: str = Field(..., max_length=13)
    is_sme: bool = False
    is_nonprofit: bool = False
    website: str = Field("", max_length=200)
    capabilities: str = Field("", max_length=5000)
    areas: list[str] = Field(default_factory=list, max_length=20)
    first_name: str = Field("", max_length=150)
    last_name: str = Field("", max_length=150)
    email: str = Field(..., max_length=254)
    username: str = Field(..., max_length=150)
    password: str = Field(..., max_length=128)


class RegisteredOut(Schema):
    user_id: int
    username: str
    organisation_id: int


class ProfileOut(Schema):
    organisation_id: int
    name: str
    org_number: str
    is_sme: bool
    is_nonprofit: bool
    capabilities: str
    areas: list[str]


def _profile_out(organisation: Organisation) -> dict:
    profile = selectors.supplier_profile_for(organisation=organisation)
    return {
        "organisation_id": organisation.pk,
        "name": organisation.name,
        "org_number": organisation.org_number,
        "is_sme": organisation.is_sme,
        "is_nonprofit": organisation.is_nonprofit,
        "capabilities": profile.capabilities,
        "areas": list(profile.areas),
    }


class ProfileIn(Schema):
    capabilities: str = Field("", max_length=5000)
    areas: list[str] = Field(default_factory=list, max_length=20)


class FollowIn(Schema):
    supplier_id: int | None = None


class FollowOut(Schema):
    call_id: int
    organisation_id: int
    created_at: dt.datetime


class PublicQuestionOut(Schema):
    """An answered question as every supplier sees it: no asker."""

    id: int
    question: str
    answer: str
    answered_at: dt.datetime

    @staticmethod
    def resolve_question(obj: Question) -> str:
        return obj.published_question


class OwnQuestionOut(Schema):
    id: int
    call_id: int
    supplier_id: int
    text: str
    asked_at: dt.datetime
    answer: str
    published_question: str
    answered_at: dt.datetime | None


class BuyerQuestionOut(OwnQuestionOut):
    supplier: str

    @staticmethod
    def resolve_supplier(obj: Question) -> str:
        return obj.supplier.name


class QuestionIn(Schema):
    text: str = Field(..., max_length=5000)
    supplier_id: int | None = None


class AnswerIn(Schema):
    answer: str = Field(..., max_length=10000)
    published_question: str = Field("", max_length=5000)


class QuestionDaysOut(Schema):
    last_for_questions: dt.date | None
    last_for_answers: dt.date | None


class ChangeOut(Schema):
    field: str
    label: str
    old: str
    new: str


class VersionOut(Schema):
    number: int
    changed_at: dt.datetime
    reason: str
    changes: list[ChangeOut]


def _versions_out(call: Call) -> list[dict]:
    return [
        {
            "number": version.number,
            "changed_at": version.changed_at,
            "reason": version.reason,
            "changes": rows,
        }
        for version, rows in selectors.call_version_list(call=call)
    ]


class AmendIn(Schema):
    reason: str = Field(..., max_length=5000)
    title: str | None = Field(None, max_length=200)
    summary: str | None = Field(None, max_length=10000)
    partnership_description: str | None = Field(None, max_length=10000)
    selection_criteria: str | None = Field(None, max_length=10000)
    timetable: str | None = Field(None, max_length=5000)
    application_deadline: dt.datetime | None = None
    tender_deadline: dt.datetime | None = None
    max_partners: int | None = Field(None, ge=1, le=50)
    area: str | None = Field(None, max_length=20)


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


class SupplierOut(Schema):
    id: int
    name: str
    org_number: str
    is_sme: bool
    is_nonprofit: bool
    capabilities: str
    areas: list[str]

    @staticmethod
    def resolve_capabilities(obj: Organisation) -> str:
        profile = getattr(obj, "supplier_profile", None)
        return profile.capabilities if profile else ""

    @staticmethod
    def resolve_areas(obj: Organisation) -> list[str]:
        profile = getattr(obj, "supplier_profile", None)
        return list(profile.areas) if profile else []


def _suppliers_by_id(ids: list[int]) -> list[Organisation]:
    found = list(Organisation.objects.filter(pk__in=set(ids)))
    if len(found) != len(set(ids)):
        raise ValidationError({"invited_ids": _("Some of the organisations do not exist.")})
    return found


# Supplier registry.


@router.post(
    "/suppliers/register",
    auth=None,
    response={201: RegisteredOut, 400: ErrorOut},
    summary="Register a new supplier organisation and its first administrator",
)
def supplier_register(request: HttpRequest, payload: RegisterIn) -> tuple[int, dict]:
    user = services.supplier_register(**payload.dict())
    organisation_id = next(iter(user.supplier_organisation_ids))
    return 201, {"user_id": user.pk, "username": user.username, "organisation_id": organisation_id}


@router.get(
    "/suppliers/mine", response=list[ProfileOut], summary="Your supplier organisations' profiles"
)
def my_suppliers(request: HttpRequest) -> list[dict]:
    return [_profile_out(o) for o in selectors.supplier_organisations_for(user=request.user)]


@router.get(
    "/suppliers/{organisation_id}/profile",
    response={200: ProfileOut, 404: ErrorOut},
    summary="A supplier profile (its own people)",
)
def supplier_profile_get(request: HttpRequest, organisation_id: int) -> dict:
    organisation = access_supplier_organisation(user=request.user, organisation_id=organisation_id)
    return _profile_out(organisation)


@router.put(
    "/suppliers/{organisation_id}/profile",
    response={200: ProfileOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Change capabilities and the areas followed (the organisation's administrators)",
)
def supplier_profile_put(request: HttpRequest, organisation_id: int, payload: ProfileIn) -> dict:
    organisation = access_supplier_organisation(
        user=request.user, organisation_id=organisation_id, edit=True
    )
    services.supplier_profile_update(
        actor=request.user,
        organisation=organisation,
        capabilities=payload.capabilities,
        areas=payload.areas,
    )
    return _profile_out(organisation)


@router.get(
    "/buyer/suppliers",
    response={200: list[SupplierOut], 403: ErrorOut},
    summary="The supplier registry (buyer staff)",
)
@paginate(LimitOffsetPagination)
def supplier_registry(request: HttpRequest):  # noqa: ANN201
    if not request.user.is_buyer_staff:
        raise forbidden()
    return selectors.supplier_list(user=request.user)


@router.post(
    "/calls/{call_id}/follow",
    response={200: FollowOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Follow a published call",
)
def follow(request: HttpRequest, call_id: int, payload: FollowIn) -> CallFollow:
    call = access_public_call(call_id=call_id)
    supplier = _supplier_for(request.user, payload.supplier_id)
    return services.call_follow(actor=request.user, call=call, organisation=supplier)


@router.delete(
    "/calls/{call_id}/follow",
    response={204: None, 403: ErrorOut, 404: ErrorOut},
    summary="Stop following a call",
)
def unfollow(request: HttpRequest, call_id: int, supplier_id: int | None = None) -> tuple:
    call = access_public_call(call_id=call_id)
    supplier = _supplier_for(request.user, supplier_id)
    services.call_unfollow(actor=request.user, call=call, organisation=supplier)
    return 204, None


@router.get("/follows", response=list[FollowOut], summary="Calls your organisations follow")
@paginate(LimitOffsetPagination)
def my_follows(request: HttpRequest):  # noqa: ANN201
    return selectors.call_follows_for_supplier(user=request.user)


# Questions and answers.


@router.get(
    "/calls/{call_id}/questions",
    auth=None,
    response={200: list[PublicQuestionOut], 404: ErrorOut},
    summary="Answered questions on a published call (never who asked)",
)
@paginate(LimitOffsetPagination)
def public_questions(request: HttpRequest, call_id: int):  # noqa: ANN201
    return selectors.question_list_public(call=access_public_call(call_id=call_id))


@router.get(
    "/calls/{call_id}/question-days",
    auth=None,
    response={200: QuestionDaysOut, 404: ErrorOut},
    summary="The last day for questions and for answers (legal clock)",
)
def question_days(request: HttpRequest, call_id: int) -> object:
    return selectors.call_question_days(call=access_public_call(call_id=call_id))


@router.post(
    "/calls/{call_id}/questions",
    response={201: OwnQuestionOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Ask the buyer a question privately",
)
def question_ask(request: HttpRequest, call_id: int, payload: QuestionIn) -> tuple[int, Question]:
    call = access_public_call(call_id=call_id)
    supplier = _supplier_for(request.user, payload.supplier_id)
    return 201, services.question_ask(
        actor=request.user, call=call, supplier=supplier, text=payload.text
    )


@router.get("/questions", response=list[OwnQuestionOut], summary="Your organisations' questions")
@paginate(LimitOffsetPagination)
def my_questions(request: HttpRequest):  # noqa: ANN201
    return selectors.question_list_for_supplier(user=request.user)


@router.get(
    "/buyer/calls/{call_id}/questions",
    response={200: list[BuyerQuestionOut], 403: ErrorOut, 404: ErrorOut},
    summary="Every question on the call, with who asked (project team)",
)
@paginate(LimitOffsetPagination)
def buyer_questions(request: HttpRequest, call_id: int):  # noqa: ANN201
    call = access_call_questions(user=request.user, call_id=call_id)
    return selectors.question_list_for_call(user=request.user, call=call)


@router.post(
    "/buyer/questions/{question_id}/answer",
    response={200: BuyerQuestionOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Answer a question to all suppliers",
)
def question_answer(request: HttpRequest, question_id: int, payload: AnswerIn) -> Question:
    question = access_question(user=request.user, question_id=question_id, answer=True)
    return services.question_answer(
        actor=request.user,
        question=question,
        answer=payload.answer,
        published_question=payload.published_question,
    )


# Changes to a published call.


@router.get(
    "/calls/{call_id}/versions",
    auth=None,
    response={200: list[VersionOut], 404: ErrorOut},
    summary="The change history of a published call",
)
def call_versions(request: HttpRequest, call_id: int) -> list[dict]:
    return _versions_out(access_public_call(call_id=call_id))


@router.post(
    "/buyer/calls/{call_id}/amend",
    response={200: list[VersionOut], 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Change a published call (a new version; interested suppliers are e-mailed)",
)
def call_amend(request: HttpRequest, call_id: int, payload: AmendIn) -> list[dict]:
    call = access_call(user=request.user, call_id=call_id, manage=True)
    fields = payload.dict(exclude_unset=True)
    reason = fields.pop("reason")
    for name, value in fields.items():
        if value is None and name not in ("partnership_description", "selection_criteria"):
            raise ValidationError({name: _("This field cannot be empty.")})
    services.call_amend(actor=request.user, call=call, reason=reason, **fields)
    return _versions_out(call)


# RFIs.


@router.get("/rfis", auth=None, response=list[RfiOut], summary="Published requests for information")
@paginate(LimitOffsetPagination)
def public_rfis(request: HttpRequest):  # noqa: ANN201
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
@paginate(LimitOffsetPagination)
def buyer_rfis(request: HttpRequest):  # noqa: ANN201
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
@paginate(LimitOffsetPagination)
def buyer_events(request: HttpRequest):  # noqa: ANN201
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
@paginate(LimitOffsetPagination)
def my_events(request: HttpRequest):  # noqa: ANN201
    return selectors.event_list_for_supplier(user=request.user)


@router.get(
    "/events/{event_id}",
    response={200: EventOut, 404: ErrorOut},
    summary="A dialogue event (the team and the invited suppliers; notes never included)",
)
def event_get(request: HttpRequest, event_id: int) -> DialogueEvent:
    return access_event(user=request.user, event_id=event_id)
