"""Negotiation rounds: who may start one and when, who may tender in it, sealing and opening
round by round, the locked criteria and the evaluation of the final round."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from handslag.evaluation import results, services
from handslag.evaluation.models import Criterion
from handslag.evaluation.tests.factories import Scenario
from handslag.tendering import gateway, permissions, selectors
from handslag.tendering.models import NegotiationRound, Tender

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


# --- tendering in a round -----------------------------------------------------------------


# --- criteria and the evaluation --------------------------------------------------------


@pytest.mark.parametrize("who", ["official", "evaluator", "team", "outsider_staff", "supplier_a"])
def test_round_by_non_lead_refused(opened, who):
    with pytest.raises(PermissionDenied):
        opened.start_round(by=getattr(opened, who))
    assert not NegotiationRound.objects.exists()


def test_no_round_after_award(opened):
    opened.score_all(opened.evaluator)
    opened.score_all(opened.evaluator2)
    opened.consensus_all()
    winner = results.ranking_of(call=opened.call)[0].tender
    services.award_decide(
        actor=opened.lead,
        call=opened.call,
        tender=winner,
        justification="Best value.",
        notice_sent_on=timezone.localdate(opened.after_deadline()),
        now=opened.after_deadline(),
    )
    with pytest.raises(ValidationError):
        opened.start_round(now=opened.after_deadline() + dt.timedelta(days=1))


def test_count_hidden_before_the_round_opening(opened):
    opened.start_round()
    opened.submit_round(opened.supplier_a)
    opened.submit_round(opened.supplier_b)
    team = selectors.tenders_for_team(user=opened.team, call=opened.call)
    assert {t.round for t in team} == {1}
    assert str(Tender.objects.get(round=2, supplier=opened.tender_a.supplier).pk) in (
        selectors.sealed_tender_ids()
    )
    from handslag.tendering.selectors.negotiation import round_opening_overview, rounds_overview

    overview = round_opening_overview(user=opened.team, call=opened.call, number=2)
    assert overview["record"] is None and overview["record_tenders"] == []
    assert "tender" not in str(rounds_overview(user=opened.team, call=opened.call)).lower()
    # The evaluation still counts round 1 while round 2 is sealed.
    assert {t.round for t in results.active_tenders(call=opened.call)} == {1}


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
    assert results.active_tenders(call=opened.call) == [revised]
    with pytest.raises(ValidationError):
        services.scores_record(
            actor=opened.evaluator,
            tender=opened.tender_a,
            scores=[(c, 3, "Old.") for c in opened.criteria],
        )
    opened.score_all(opened.evaluator)
    opened.score_all(opened.evaluator2)
    opened.consensus_all()
    ranking = results.ranking_of(call=opened.call)
    assert [r.tender for r in ranking] == [revised]
    award = services.award_decide(
        actor=opened.lead,
        call=opened.call,
        tender=revised,
        justification="Only final tender.",
        notice_sent_on=timezone.localdate(revised.submitted_at + dt.timedelta(days=10)),
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
            notice_sent_on=timezone.localdate(at),
            now=at,
        )
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [opened.supplier_a.email, opened.supplier_b.email]
    )
    client.force_login(opened.supplier_b)
    response = client.get(f"/tendering/calls/{opened.call.pk}/award/decision.pdf")
    assert response.status_code == 200
