"""Negotiation rounds: who may start one and when, who may tender in it, sealing and opening
round by round, the locked criteria and the evaluation of the final round."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from hypothesis import given, settings
from hypothesis import strategies as st

from handslag.audit.models import AuditEntry
from handslag.tendering import evaluation, gateway, permissions, selectors, services
from handslag.tendering.models import (
    Criterion,
    NegotiationRound,
    OpeningConfirmation,
    Tender,
    TenderStatus,
)
from handslag.tendering.tests.factories import Scenario, invited_supplier_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def s():
    scenario = Scenario()
    scenario.tender_a = scenario.submit(scenario.supplier_a, content="Line one\nLine two")
    scenario.tender_b = scenario.submit(scenario.supplier_b)
    return scenario


@pytest.fixture
def opened(s):
    s.open()
    return s


# --- starting a round ---------------------------------------------------------------------


def test_round_before_opening_refused(s):
    with pytest.raises(ValidationError):
        s.start_round()
    assert not NegotiationRound.objects.exists()


@pytest.mark.parametrize("who", ["official", "evaluator", "team", "outsider_staff", "supplier_a"])
def test_round_by_non_lead_refused(opened, who):
    with pytest.raises(PermissionDenied):
        opened.start_round(by=getattr(opened, who))
    assert not NegotiationRound.objects.exists()


def test_lead_and_procurement_officer_start_rounds(
    opened, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        second = opened.start_round(by=opened.officer)
    assert second.number == 2
    # The same e-mail to each tenderer of round 1, one recipient per message, all at once.
    recipients = sorted(m.to[0] for m in mailoutbox)
    assert recipients == sorted([opened.supplier_a.email, opened.supplier_b.email])
    assert all(len(m.to) == 1 for m in mailoutbox)
    assert len({(m.subject, m.body) for m in mailoutbox}) == 1
    assert second.change_text in mailoutbox[0].body
    entry = AuditEntry.objects.filter(action="tender.round_start").get()
    assert entry.data["round"] == 2
    assert sorted(entry.data["tenderers"]) == sorted(
        [opened.tender_a.supplier_id, opened.tender_b.supplier_id]
    )


def test_next_round_waits_for_the_previous_opening(opened):
    opened.start_round()
    with pytest.raises(ValidationError):
        opened.start_round(now=opened.round_now(3))
    assert NegotiationRound.objects.count() == 1


def test_no_round_after_award(opened):
    opened.score_all(opened.evaluator)
    opened.score_all(opened.evaluator2)
    opened.consensus_all()
    winner = evaluation.ranking_of(call=opened.call)[0].tender
    services.award_decide(
        actor=opened.lead,
        call=opened.call,
        tender=winner,
        justification="Best value.",
        notice_sent_on=opened.after_deadline().date(),
        now=opened.after_deadline(),
    )
    with pytest.raises(ValidationError):
        opened.start_round(now=opened.after_deadline() + dt.timedelta(days=1))


def test_bad_round_input_refused_and_changes_nothing(opened):
    now = opened.round_now()
    before = AuditEntry.objects.count()

    @settings(max_examples=25, deadline=None)
    @given(
        offset=st.integers(min_value=-(10**7), max_value=0),
        text=st.sampled_from(["", "  ", "\n\t"]),
    )
    def check(offset: int, text: str) -> None:
        deadline = now + dt.timedelta(seconds=offset)
        with pytest.raises(ValidationError) as error:
            opened.start_round(text=text, deadline=deadline, now=now)
        assert set(error.value.error_dict) == {"deadline", "change_text"}
        with pytest.raises(ValidationError) as error:
            opened.start_round(deadline=deadline, now=now)
        assert set(error.value.error_dict) == {"deadline"}

    check()
    assert not NegotiationRound.objects.exists()
    assert AuditEntry.objects.count() == before


# --- tendering in a round -----------------------------------------------------------------


def test_supplier_not_in_previous_round_refused(s):
    latecomer = invited_supplier_user(s.call)  # invited, but did not tender in round 1
    s.open()
    s.start_round()
    with pytest.raises(PermissionDenied):
        s.submit_round(latecomer)
    assert not Tender.objects.filter(round=2).exists()


def test_withdrawn_supplier_cannot_come_back_in_a_round(s):
    services.tender_withdraw(actor=s.supplier_b, tender=s.tender_b)
    s.open()
    s.start_round()
    with pytest.raises(PermissionDenied):
        s.submit_round(s.supplier_b)


def test_round_tender_is_sealed_replaced_and_withdrawn_before_the_deadline(opened):
    opened.start_round()
    first = opened.submit_round(opened.supplier_a, content="First revision")
    second = opened.submit_round(opened.supplier_a, content="Second revision")
    first.refresh_from_db()
    assert (first.round, second.round) == (2, 2)
    assert first.status == TenderStatus.REPLACED
    assert b"Second revision" not in bytes(second.ciphertext)
    services.tender_withdraw(actor=opened.supplier_a, tender=second, now=opened.round_now(3))
    second.refresh_from_db()
    assert second.status == TenderStatus.WITHDRAWN
    # Round 1's tender is untouched by the round.
    opened.tender_a.refresh_from_db()
    assert opened.tender_a.status == TenderStatus.SUBMITTED


def test_submission_after_round_deadline_refused(opened):
    started = opened.start_round()
    tender = opened.submit_round(opened.supplier_a)
    late = started.deadline + dt.timedelta(microseconds=1)
    with pytest.raises(ValidationError):
        opened.submit_round(opened.supplier_a, now=late)
    with pytest.raises(ValidationError):
        opened.submit_round(opened.supplier_b, now=started.deadline)
    with pytest.raises(ValidationError):
        services.tender_withdraw(actor=opened.supplier_a, tender=tender, now=late)
    assert Tender.objects.filter(round=2).count() == 1
    tender.refresh_from_db()
    assert tender.status == TenderStatus.SUBMITTED


def test_round_one_tender_cannot_be_withdrawn_during_a_round(opened):
    opened.start_round()
    with pytest.raises(ValidationError):
        services.tender_withdraw(
            actor=opened.supplier_a, tender=opened.tender_a, now=opened.round_now(2)
        )


def test_single_official_cannot_open_a_round(opened):
    started = opened.start_round()
    opened.submit_round(opened.supplier_a)
    after = started.deadline + dt.timedelta(seconds=1)
    with pytest.raises(ValidationError):
        services.opening_confirm(
            actor=opened.officer,
            call=opened.call,
            round_number=2,
            now=started.deadline - dt.timedelta(microseconds=1),
        )
    services.opening_confirm(actor=opened.officer, call=opened.call, round_number=2, now=after)
    with pytest.raises(ValidationError):
        services.opening_confirm(actor=opened.officer, call=opened.call, round_number=2, now=after)
    with pytest.raises(PermissionDenied):
        services.opening_confirm(actor=opened.lead, call=opened.call, round_number=2, now=after)
    started.refresh_from_db()
    assert started.opened_at is None
    services.opening_confirm(actor=opened.official, call=opened.call, round_number=2, now=after)
    started.refresh_from_db()
    assert started.opened_at == after
    # Round 1's confirmations stay as they were; each round has its own.
    assert OpeningConfirmation.objects.filter(call=opened.call, round=1).count() == 2
    assert OpeningConfirmation.objects.filter(call=opened.call, round=2).count() == 2
    record = AuditEntry.objects.filter(action="tender.open").order_by("-pk").first().data
    assert record["round"] == 2
    assert {t["round"] for t in record["tenders"]} == {2}


def test_count_hidden_before_the_round_opening(opened):
    opened.start_round()
    opened.submit_round(opened.supplier_a)
    opened.submit_round(opened.supplier_b)
    team = selectors.tenders_for_team(user=opened.team, call=opened.call)
    assert {t.round for t in team} == {1}
    assert str(Tender.objects.get(round=2, supplier=opened.tender_a.supplier).pk) in (
        selectors.sealed_tender_ids()
    )
    from handslag.tendering.selectors_negotiation import round_opening_overview, rounds_overview

    overview = round_opening_overview(user=opened.team, call=opened.call, number=2)
    assert overview["record"] is None and overview["record_tenders"] == []
    assert "tender" not in str(rounds_overview(user=opened.team, call=opened.call)).lower()
    # The evaluation still counts round 1 while round 2 is sealed.
    assert {t.round for t in evaluation.active_tenders(call=opened.call)} == {1}


def test_round_two_unreadable_before_its_opening(opened):
    opened.start_round()
    revised = opened.submit_round(opened.supplier_a)
    with pytest.raises(Http404):
        permissions.access_tender(user=opened.team, public_id=revised.public_id)
    with pytest.raises(Http404):
        gateway.access_tender_content(user=opened.evaluator, tender=revised)
    with pytest.raises(PermissionDenied):
        gateway.access_tender_content(user=opened.supplier_a, tender=revised)
    # Round 1 stays readable.
    assert gateway.access_tender_content(user=opened.team, tender=opened.tender_a).content
    opened.open_round(2)
    assert (
        gateway.access_tender_content(user=opened.team, tender=revised).content == "Revised tender"
    )


# --- criteria and the evaluation --------------------------------------------------------


def test_criteria_locked_across_rounds(opened):
    before = list(Criterion.objects.filter(call=opened.call).values("name", "weight", "kind"))
    deadline_before = opened.call.tender_deadline
    started = opened.start_round()
    for now in (opened.round_now(2), started.deadline - dt.timedelta(seconds=1)):
        with pytest.raises(ValidationError):
            services.criteria_set(
                actor=opened.lead,
                call=opened.call,
                criteria=[{"name": "Only price", "kind": "price", "weight": 100}],
                now=now,
            )
    opened.submit_round(opened.supplier_a)
    opened.open_round(2)
    with pytest.raises(ValidationError):
        services.criteria_set(
            actor=opened.lead,
            call=opened.call,
            criteria=[{"name": "Only price", "kind": "price", "weight": 100}],
            now=started.deadline + dt.timedelta(days=1),
        )
    assert (
        list(Criterion.objects.filter(call=opened.call).values("name", "weight", "kind")) == before
    )
    opened.call.refresh_from_db()
    assert opened.call.tender_deadline == deadline_before


def test_evaluation_uses_the_latest_opened_round(opened):
    opened.start_round()
    with pytest.raises(ValidationError):
        opened.score_all(opened.evaluator)
    revised = opened.submit_round(opened.supplier_a, price="80000")
    opened.open_round(2)
    assert evaluation.active_tenders(call=opened.call) == [revised]
    with pytest.raises(ValidationError):
        services.scores_record(
            actor=opened.evaluator,
            tender=opened.tender_a,
            scores=[(c, 3, "Old.") for c in opened.criteria],
        )
    opened.score_all(opened.evaluator)
    opened.score_all(opened.evaluator2)
    opened.consensus_all()
    ranking = evaluation.ranking_of(call=opened.call)
    assert [r.tender for r in ranking] == [revised]
    award = services.award_decide(
        actor=opened.lead,
        call=opened.call,
        tender=revised,
        justification="Only final tender.",
        notice_sent_on=(revised.submitted_at + dt.timedelta(days=10)).date(),
        now=revised.submitted_at + dt.timedelta(days=10),
    )
    assert award.tender == revised
    assert award.tender.round == 2
    assert Decimal("80000") == gateway.access_tender_content(user=opened.team, tender=revised).price


def test_dashboard_asks_officials_to_open_a_round(opened):
    from django.utils import timezone

    from handslag.market.models import Call

    started = opened.start_round()
    opened.submit_round(opened.supplier_a)
    past = timezone.now() - dt.timedelta(minutes=1)
    # Move the timeline so that both deadlines have passed by the real clock.
    Call.objects.filter(pk=opened.call.pk).update(tender_deadline=past - dt.timedelta(days=5))
    NegotiationRound.objects.filter(pk=started.pk).update(deadline=past)
    assert [c.pk for c in selectors.dashboard_for(user=opened.official)["awaiting_opening"]] == [
        opened.call.pk
    ]
    assert selectors.dashboard_for(user=opened.evaluator)["awaiting_opening"] == []
    opened.open_round(2)
    assert selectors.dashboard_for(user=opened.official)["awaiting_opening"] == []


def test_third_round_only_for_second_round_tenderers(
    opened, mailoutbox, django_capture_on_commit_callbacks
):
    second = opened.start_round()
    opened.submit_round(opened.supplier_a)  # B sends no revised tender
    opened.open_round(2)
    later = second.deadline + dt.timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        third = opened.start_round(now=later, deadline=later + dt.timedelta(days=3))
    assert third.number == 3
    assert [m.to for m in mailoutbox] == [[opened.supplier_a.email]]
    with pytest.raises(PermissionDenied):
        opened.submit_round(opened.supplier_b, now=later + dt.timedelta(hours=1))
    revised = opened.submit_round(opened.supplier_a, now=later + dt.timedelta(hours=1))
    assert revised.round == 3


def test_award_notice_reaches_a_tenderer_who_dropped_out_in_a_round(
    client, opened, mailoutbox, django_capture_on_commit_callbacks
):
    opened.start_round()
    revised = opened.submit_round(opened.supplier_a)  # B sends no revised tender
    opened.open_round(2)
    opened.score_all(opened.evaluator)
    opened.score_all(opened.evaluator2)
    opened.consensus_all()
    at = revised.submitted_at + dt.timedelta(days=10)
    with django_capture_on_commit_callbacks(execute=True):
        services.award_decide(
            actor=opened.lead,
            call=opened.call,
            tender=revised,
            justification="Best value.",
            notice_sent_on=at.date(),
            now=at,
        )
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [opened.supplier_a.email, opened.supplier_b.email]
    )
    client.force_login(opened.supplier_b)
    response = client.get(f"/tendering/calls/{opened.call.pk}/award/decision.pdf")
    assert response.status_code == 200
