"""Questions and answers on a call, and changes to a published call."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from handslag.accounts.roles import OrganisationRole
from handslag.accounts.tests.factories import member, supplier
from handslag.audit.models import AuditEntry
from handslag.market import selectors, services
from handslag.market.audit_actions import MarketAction
from handslag.market.models import Call, CallStatus, CallVersion, Question
from handslag.market.tests.factories import ApplicationFactory, CallFactory
from handslag.rules import legal_clock

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages are matched in English; the Swedish ones are checked in test_translations."""
    from django.utils import translation

    with translation.override("en"):
        yield


def _ask(cast, **kwargs) -> Question:
    return services.question_ask(
        actor=cast.user_a,
        call=cast.call,
        supplier=cast.supplier_a,
        text=kwargs.pop("text", "Får vi använda befintliga sensorer?"),
        **kwargs,
    )


def _at_local(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour))


def test_question_days_come_from_the_legal_clock_on_the_stricter_reading(cast):
    days = selectors.call_question_days(call=cast.call)
    deadline = timezone.localtime(cast.call.tender_deadline).date()
    strict = {"deadline_day_counts": False}
    assert days.last_for_answers == legal_clock.last_day_for_answers(deadline, **strict)
    assert days.last_for_questions == legal_clock.last_day_for_questions(deadline, **strict)
    assert days.last_for_answers <= deadline - dt.timedelta(days=7)


def test_a_buyer_may_count_the_deadline_day_with_its_reason_shown(client, cast):
    Call.objects.filter(pk=cast.call.pk).update(
        tender_deadline=timezone.make_aware(dt.datetime(2027, 4, 20, 12)),  # a Tuesday
        answers_deadline_day_counts=True,
        answers_reading_reason="Vi följer Upphandlingsmyndighetens läsning.",
    )
    cast.call.refresh_from_db()
    days = selectors.call_question_days(call=cast.call)
    assert days.last_for_answers == dt.date(2027, 4, 14)  # six days, the deadline day counted
    Call.objects.filter(pk=cast.call.pk).update(answers_deadline_day_counts=False)
    cast.call.refresh_from_db()
    assert selectors.call_question_days(call=cast.call).last_for_answers == dt.date(2027, 4, 13)
    Call.objects.filter(pk=cast.call.pk).update(answers_deadline_day_counts=True)
    page = client.get(f"/market/calls/{cast.call.pk}/")
    assert "Vi följer Upphandlingsmyndighetens läsning." in page.text
    assert days.last_for_questions < days.last_for_answers


def test_supplier_asks_and_buyer_answers_to_all_without_the_name(cast):
    question = _ask(cast, text="Sensor A AB undrar: får vi använda befintliga sensorer?")
    assert AuditEntry.objects.filter(action=MarketAction.QUESTION_ASK).count() == 1
    assert list(selectors.question_list_public(call=cast.call)) == []  # not before the answer
    services.question_answer(
        actor=cast.manager,
        question=question,
        answer="Ja, om de uppfyller kraven.",
        published_question="Får vi använda befintliga sensorer?",
    )
    public = list(selectors.question_list_public(call=cast.call))
    assert len(public) == 1
    assert public[0].published_question == "Får vi använda befintliga sensorer?"
    assert "Sensor A" not in public[0].published_question
    assert AuditEntry.objects.filter(action=MarketAction.QUESTION_ANSWER).count() == 1


def test_published_question_defaults_to_the_text(cast):
    question = _ask(cast)
    services.question_answer(actor=cast.manager, question=question, answer="Ja.")
    question.refresh_from_db()
    assert question.published_question == question.text


def test_question_refused_after_the_last_day_for_questions(cast):
    days = selectors.call_question_days(call=cast.call)
    # On the last day it is still taken (until midnight, Swedish time) …
    _ask(cast, now=_at_local(days.last_for_questions, 23))
    # … the next morning it is refused.
    with pytest.raises(ValidationError, match="last day for questions"):
        _ask(cast, now=_at_local(days.last_for_questions + dt.timedelta(days=1), 8))
    assert Question.objects.count() == 1


def test_answer_refused_after_the_last_day_for_answers(cast):
    question = _ask(cast)
    days = selectors.call_question_days(call=cast.call)
    with pytest.raises(ValidationError, match="six days"):
        services.question_answer(
            actor=cast.manager,
            question=question,
            answer="För sent",
            now=_at_local(days.last_for_answers + dt.timedelta(days=1), 8),
        )
    question.refresh_from_db()
    assert not question.is_answered
    services.question_answer(
        actor=cast.manager,
        question=question,
        answer="I tid",
        now=_at_local(days.last_for_answers, 16),
    )


def test_question_refused_for_wrong_people_and_states(cast):
    for actor in (cast.user_b, cast.manager):
        with pytest.raises(PermissionDenied):
            services.question_ask(
                actor=actor, call=cast.call, supplier=cast.supplier_a, text="Hej?"
            )
    with pytest.raises(ValidationError):
        _ask(cast, text="   ")
    draft = CallFactory(project=cast.project, status=CallStatus.DRAFT, published_at=None)
    with pytest.raises(ValidationError):
        services.question_ask(actor=cast.user_a, call=draft, supplier=cast.supplier_a, text="?")
    assert not Question.objects.exists()


def test_answer_refused_for_anyone_but_the_managers_and_twice(cast):
    question = _ask(cast)
    for actor in (cast.user_a, cast.team_member, cast.colleague, cast.outsider):
        with pytest.raises(PermissionDenied):
            services.question_answer(actor=actor, question=question, answer="Nej")
    with pytest.raises(ValidationError):
        services.question_answer(actor=cast.manager, question=question, answer="  ")
    services.question_answer(actor=cast.lead, question=question, answer="Ja")
    with pytest.raises(ValidationError, match="already"):
        services.question_answer(actor=cast.manager, question=question, answer="Igen")


def test_answer_is_emailed_to_every_interested_supplier_one_by_one(
    cast, django_capture_on_commit_callbacks
):
    question = _ask(cast)
    ApplicationFactory(call=cast.call, supplier=cast.supplier_b)
    follower_org = supplier()
    follower = member(follower_org, email="follower@example.org")
    services.call_follow(actor=follower, call=cast.call, organisation=follower_org)
    member(supplier(), email="bystander@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.question_answer(actor=cast.manager, question=question, answer="Ja")
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted([cast.user_a.email, cast.user_b.email, follower.email])
    assert all(len(message.to) == 1 for message in mail.outbox)
    assert "Ja" in mail.outbox[0].body


# --- Versions of a published call ------------------------------------------------------------


def test_amend_records_a_diff_and_notifies(cast, django_capture_on_commit_callbacks):
    _ask(cast)  # supplier A asked: interested
    old_deadline = cast.call.tender_deadline
    new_deadline = old_deadline + dt.timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        version = services.call_amend(
            actor=cast.manager,
            call=cast.call,
            reason="Vi förlänger anbudstiden efter frågor.",
            tender_deadline=new_deadline,
            title=cast.call.title,  # unchanged: not in the diff
            timetable="Tilldelning i juni.",
        )
    assert version.number == 2
    assert set(version.changes) == {"tender_deadline", "timetable"}
    assert version.changes["timetable"] == {"old": "", "new": "Tilldelning i juni."}
    assert version.changed_by == cast.manager
    cast.call.refresh_from_db()
    assert cast.call.tender_deadline == new_deadline
    assert [m.to for m in mail.outbox] == [[cast.user_a.email]]
    assert cast.call.reference in mail.outbox[0].subject
    assert AuditEntry.objects.filter(action=MarketAction.CALL_AMEND).count() == 1
    rows = selectors.version_changes(version=version)
    assert {row.field for row in rows} == {"tender_deadline", "timetable"}
    second = services.call_amend(
        actor=cast.manager, call=cast.call, reason="Rättelse", summary="Ny text"
    )
    assert second.number == 3
    assert [v.number for v, _ in selectors.call_version_list(call=cast.call)] == [3, 2]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({}, "Nothing was changed"),
        ({"title": ""}, "title"),
        ({"legal_procedure": "open"}, "cannot be changed"),
        ({"internal_notes": "x"}, "cannot be changed"),
        ({"area": "moon"}, "area"),
    ],
)
def test_amend_refuses_bad_changes(cast, changes, message):
    with pytest.raises(ValidationError, match=message):
        services.call_amend(actor=cast.manager, call=cast.call, reason="Ändring", **changes)
    assert not CallVersion.objects.exists()


def test_amend_refuses_deadlines_in_the_past_and_out_of_order(cast):
    now = timezone.now()
    with pytest.raises(ValidationError):
        services.call_amend(
            actor=cast.manager,
            call=cast.call,
            reason="x",
            application_deadline=now - dt.timedelta(hours=1),
        )
    with pytest.raises(ValidationError):
        services.call_amend(
            actor=cast.manager,
            call=cast.call,
            reason="x",
            tender_deadline=cast.call.application_deadline - dt.timedelta(days=1),
        )
    with pytest.raises(ValidationError):
        services.call_amend(actor=cast.manager, call=cast.call, reason="  ", title="Ny")
    passed = CallFactory(project=cast.project, application_deadline=now - dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="already passed"):
        services.call_amend(
            actor=cast.manager,
            call=passed,
            reason="x",
            application_deadline=now + dt.timedelta(days=3),
        )
    assert not CallVersion.objects.exists()


def test_amend_refuses_shortening_a_deadline_below_the_limit_and_changes_nothing(cast):
    call = cast.call  # published five days ago, applications close in 30 days
    published = call.published_at
    short = published + dt.timedelta(days=20)
    entries = AuditEntry.objects.count()
    with pytest.raises(services.PublicationRefused) as error:
        services.call_amend(
            actor=cast.manager, call=call, reason="Kortare tid", application_deadline=short
        )
    item = error.value.missing[0]
    assert (item.code, item.section) == ("application_period_too_short", "LOU 11 kap. 3 §")
    assert item.earliest == legal_clock.period_end(published, 30)
    call.refresh_from_db()
    assert call.application_deadline != short
    assert not CallVersion.objects.exists() and AuditEntry.objects.count() == entries


def test_significant_change_needs_the_full_period_again_from_the_change(cast):
    call = cast.call
    now = timezone.now()
    with pytest.raises(services.PublicationRefused) as error:
        services.call_amend(
            actor=cast.manager,
            call=call,
            reason="Nya krav på driftsättning",
            significant=True,
            selection_criteria="Referens inom vården krävs nu.",
            now=now,
        )
    item = error.value.missing[0]
    assert (item.code, item.section) == ("application_period_too_short", "LOU 11 kap. 8 §")
    assert item.earliest == legal_clock.period_end(now, 30)
    assert "LOU 11 kap. 8 §" in item.message and str(item.earliest.year) in item.message
    assert not CallVersion.objects.exists()
    later = legal_clock.period_end(now, 30)
    version = services.call_amend(
        actor=cast.manager,
        call=call,
        reason="Nya krav på driftsättning",
        significant=True,
        selection_criteria="Referens inom vården krävs nu.",
        application_deadline=later,
        now=now,
    )
    assert version.significant
    entry = AuditEntry.objects.get(action=MarketAction.CALL_AMEND)
    assert entry.data["significant"] is True


def test_extending_a_deadline_is_allowed_without_a_significant_change(cast):
    call = cast.call
    version = services.call_amend(
        actor=cast.manager,
        call=call,
        reason="Längre tid",
        application_deadline=call.application_deadline + dt.timedelta(days=3),
    )
    assert not version.significant


def test_amend_refused_for_others_and_for_drafts(cast):
    for actor in (cast.team_member, cast.colleague, cast.outsider, cast.user_a):
        with pytest.raises(PermissionDenied):
            services.call_amend(actor=actor, call=cast.call, reason="x", title="Ny")
    draft = CallFactory(project=cast.project, status=CallStatus.DRAFT, published_at=None)
    with pytest.raises(ValidationError):
        services.call_amend(actor=cast.manager, call=draft, reason="x", title="Ny")
    assert Call.objects.get(pk=cast.call.pk).title == cast.call.title


def test_interested_emails_cover_applicants_followers_and_askers(cast):
    ApplicationFactory(call=cast.call, supplier=cast.supplier_a)
    inactive = member(cast.supplier_a, OrganisationRole.STAFF, email="gone@example.org")
    inactive.is_active = False
    inactive.save()
    assert selectors.call_interested_emails(call=cast.call) == [cast.user_a.email]
