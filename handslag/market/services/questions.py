"""Questions and answers on a call (LOU 12 kap. 11 §).

A supplier asks privately; the buyer answers to every supplier at once and never says who
asked. The last day for questions and the last day for answers come from the legal clock:
answers must be given at least six days before the deadline for tenders.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handslag.accounts.models import Organisation, User
from handslag.accounts.notifications import NotificationKind
from handslag.audit.services import audit_record
from handslag.core.permissions import forbidden
from handslag.market.audit_actions import MarketAction
from handslag.market.models import Call, CallStatus, Question
from handslag.market.permissions import can_answer_questions, can_ask_question

__all__ = ["question_answer", "question_ask"]


def _local_today(now: dt.datetime) -> dt.date:
    return timezone.localtime(now).date()


@transaction.atomic
def question_ask(
    *,
    actor: User,
    call: Call,
    supplier: Organisation,
    text: str,
    now: dt.datetime | None = None,
) -> Question:
    """A supplier's private question. Refused after the last day for questions."""
    from handslag.market.selectors import call_question_days
    from handslag.market.services.notify import notify_call_managers

    if not can_ask_question(user=actor, organisation=supplier):
        raise forbidden(_("You can only ask on behalf of a supplier organisation you belong to."))
    call = Call.objects.select_for_update(of=("self",)).select_related("project").get(pk=call.pk)
    current = now or timezone.now()
    if call.status != CallStatus.PUBLISHED:
        raise ValidationError(_("Questions can only be asked while the call is published."))
    days = call_question_days(call=call)
    if days.last_for_questions is None or _local_today(current) > days.last_for_questions:
        raise ValidationError(
            _("The last day for questions (%(date)s) has passed; no more questions are taken.")
            % {
                "date": date_format(days.last_for_questions, "DATE_FORMAT")
                if days.last_for_questions
                else "–"
            }
        )
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write your question.")})
    if len(text) > 5000:
        raise ValidationError({"text": _("A question can be at most 5000 characters.")})
    question = Question(call=call, supplier=supplier, asked_by=actor, asked_at=current, text=text)
    question.full_clean()
    question.save()
    audit_record(
        actor=actor,
        action=MarketAction.QUESTION_ASK,
        target=question,
        organisation_id=supplier.pk,
        data={"call": call.pk},
    )
    notify_call_managers(
        call=call,
        kind=NotificationKind.QUESTION,
        subject=gettext_lazy("New question in %(reference)s"),
        body=gettext_lazy(
            "A supplier has asked a question on %(reference)s %(title)s. Answer it to every "
            "supplier at once, by the last day for answers (%(last)s):"
        ),
        params={
            "reference": call.reference,
            "title": call.title,
            "last": days.last_for_answers or "–",
        },
        link=reverse("market:call_questions", args=[call.pk]),
    )
    return question


@transaction.atomic
def question_answer(
    *,
    actor: User,
    question: Question,
    answer: str,
    published_question: str = "",
    now: dt.datetime | None = None,
) -> Question:
    """Answer a question to all suppliers, without naming who asked.

    The buyer may rewrite the question as it is published (to take out a name or a
    detail that would reveal the asker). Refused after the last day for answers, six
    days before the deadline for tenders; an answer later than that is not lawful.
    """
    from handslag.market.selectors import call_question_days
    from handslag.market.services.notify import notify_interested

    if not can_answer_questions(user=actor, call=question.call):
        raise forbidden()
    question = (
        Question.objects.select_for_update(of=("self",))
        .select_related("call", "call__project")
        .get(pk=question.pk)
    )
    call = question.call
    current = now or timezone.now()
    if question.is_answered:
        raise ValidationError(_("This question has already been answered."))
    if call.status != CallStatus.PUBLISHED:
        raise ValidationError(_("Questions can only be answered while the call is published."))
    days = call_question_days(call=call)
    if days.last_for_answers is None or _local_today(current) > days.last_for_answers:
        raise ValidationError(
            _(
                "The last day for answers (%(date)s) has passed: answers must reach every "
                "supplier at least six days before the deadline for tenders. Consider "
                "moving the deadline for tenders instead."
            )
            % {
                "date": date_format(days.last_for_answers, "DATE_FORMAT")
                if days.last_for_answers
                else "–"
            }
        )
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("Write the answer.")})
    question.answer = answer
    question.published_question = (published_question or "").strip() or question.text
    question.answered_by = actor
    question.answered_at = current
    question.full_clean()
    question.save()
    audit_record(
        actor=actor,
        action=MarketAction.QUESTION_ANSWER,
        target=question,
        organisation_id=call.project.organisation_id,
        data={"call": call.pk},
    )
    notify_interested(
        call=call,
        kind=NotificationKind.ANSWER,
        subject=gettext_lazy("New answer on the call %(reference)s"),
        body=gettext_lazy(
            "The buyer has answered a question on the call “%(title)s”. The answer is "
            "given to every supplier and is published on the call's page.\n\n"
            "Question: %(question)s\n\nAnswer: %(answer)s"
        ),
        params={
            "reference": call.reference,
            "title": call.title,
            "question": question.published_question,
            "answer": answer,
        },
    )
    return question
