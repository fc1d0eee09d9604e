"""Reads about suppliers' questions on a call and the buyer's answers."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from handslag.accounts.models import Membership, User
from handslag.market.models import Application, Call, CallFollow, CallStatus, Question
from handslag.market.selectors.plan import _local_date
from handslag.rules import legal_clock


@dataclass(frozen=True)
class QuestionDays:
    """The last day for supplier questions and for the buyer's answers (Swedish dates)."""

    last_for_questions: dt.date | None
    last_for_answers: dt.date | None


def call_question_days(*, call: Call) -> QuestionDays:
    """From the legal clock: answers at least six days before the deadline for tenders
    (four in an accelerated procedure; LOU 12 kap. 11 §), questions a few working days
    before that (policy)."""
    deadline = _local_date(call.tender_deadline)
    if deadline is None:
        return QuestionDays(None, None)
    # The stricter reading by default: the deadline day is not one of the six days. A
    # buyer who reads it otherwise records why on the call (answers_reading_reason).
    reading = {
        "deadline_day_counts": call.answers_deadline_day_counts,
        "accelerated": call.short_limit_ground == "urgency" and bool(call.short_limit_reason),
    }
    return QuestionDays(
        last_for_questions=legal_clock.last_day_for_questions(deadline, **reading),
        last_for_answers=legal_clock.last_day_for_answers(deadline, **reading),
    )


def questions_open(*, call: Call, now: dt.datetime | None = None) -> bool:
    days = call_question_days(call=call)
    today = timezone.localtime(now or timezone.now()).date()
    return (
        call.status == CallStatus.PUBLISHED
        and days.last_for_questions is not None
        and today <= days.last_for_questions
    )


def question_list_public(*, call: Call) -> QuerySet[Question]:
    """The answered questions, as every supplier sees them: never who asked."""
    return (
        Question.objects.filter(call=call, answered_at__isnull=False)
        .only("pk", "call_id", "published_question", "answer", "answered_at", "asked_at")
        .order_by("answered_at", "pk")
    )


def question_list_for_call(*, user: User, call: Call) -> QuerySet[Question]:
    """Every question of the call with its asker: the project team; nothing for others."""
    from handslag.market.permissions import can_see_questions

    if not can_see_questions(user=user, call=call):
        return Question.objects.none()
    return (
        Question.objects.filter(call=call)
        .select_related("supplier", "asked_by", "answered_by")
        .order_by("answered_at", "asked_at", "pk")
    )


def question_list_for_supplier(*, user: User, call: Call | None = None) -> QuerySet[Question]:
    """The questions the person's supplier organisations have asked, newest first."""
    if not user.is_authenticated or not user.supplier_organisation_ids:
        return Question.objects.none()
    questions = Question.objects.filter(supplier_id__in=user.supplier_organisation_ids)
    if call is not None:
        questions = questions.filter(call=call)
    return questions.select_related("call", "call__project__organisation", "supplier").order_by(
        "-asked_at", "-pk"
    )


def call_interested_people(*, call: Call) -> list[User]:
    """The active people of every supplier that applied to, follows or asked a question on
    the call: those told of its changes and answers."""
    organisations = (
        set(Application.objects.filter(call=call).values_list("supplier_id", flat=True))
        | set(CallFollow.objects.filter(call=call).values_list("organisation_id", flat=True))
        | set(Question.objects.filter(call=call).values_list("supplier_id", flat=True))
    )
    return list(
        User.objects.filter(
            memberships__organisation_id__in=organisations,
            memberships__is_active=True,
            is_active=True,
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def call_interested_emails(*, call: Call) -> list[str]:
    """E-mail addresses of the active people of every supplier that applied to, follows or
    asked a question on the call."""
    organisations = (
        set(Application.objects.filter(call=call).values_list("supplier_id", flat=True))
        | set(CallFollow.objects.filter(call=call).values_list("organisation_id", flat=True))
        | set(Question.objects.filter(call=call).values_list("supplier_id", flat=True))
    )
    emails = (
        Membership.objects.filter(
            organisation_id__in=organisations, is_active=True, user__is_active=True
        )
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    return sorted(set(emails))
