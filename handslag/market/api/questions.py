"""Questions and answers on a call, and changes to a published call."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.pagination import paginate

from handslag.market import selectors, services
from handslag.market.api.base import _supplier_for, router
from handslag.market.models import Call, Question
from handslag.market.permissions import (
    access_call,
    access_call_questions,
    access_public_call,
    access_question,
)
from handslag.market.schemas import (
    AmendIn,
    AnswerIn,
    BuyerQuestionOut,
    ErrorOut,
    OwnQuestionOut,
    PublicationRefusedOut,
    PublicQuestionOut,
    QuestionDaysOut,
    QuestionIn,
    VersionOut,
)


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


@router.get(
    "/calls/{call_id}/questions",
    auth=None,
    response={200: list[PublicQuestionOut], 404: ErrorOut},
    summary="Answered questions on a published call (never who asked)",
)
@paginate
def public_questions(request: HttpRequest, call_id: int):
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
@paginate
def my_questions(request: HttpRequest):
    return selectors.question_list_for_supplier(user=request.user)


@router.get(
    "/buyer/calls/{call_id}/questions",
    response={200: list[BuyerQuestionOut], 403: ErrorOut, 404: ErrorOut},
    summary="Every question on the call, with who asked (project team)",
)
@paginate
def buyer_questions(request: HttpRequest, call_id: int):
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
    response={
        200: list[VersionOut],
        400: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        422: PublicationRefusedOut,
    },
    summary="Change a published call (a new version; interested suppliers are e-mailed); "
    "deadlines that break a time limit are refused",
)
def call_amend(request: HttpRequest, call_id: int, payload: AmendIn):
    call = access_call(user=request.user, call_id=call_id, manage=True)
    fields = payload.dict(exclude_unset=True)
    reason = fields.pop("reason")
    significant = bool(fields.pop("significant", False))
    for name, value in fields.items():
        if value is None and name not in ("partnership_description", "selection_criteria"):
            raise ValidationError({name: _("This field cannot be empty.")})
    try:
        services.call_amend(
            actor=request.user, call=call, reason=reason, significant=significant, **fields
        )
    except services.PublicationRefused as error:
        return 422, {"detail": _("The new deadlines break a time limit."), "missing": error.missing}
    return _versions_out(call)
