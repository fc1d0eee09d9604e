import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from handslag.evaluation import services
from handslag.evaluation.models import Award, Criterion
from handslag.evaluation.tests.factories import Scenario
from handslag.tendering import services as tendering_services
from handslag.tendering.gateway import access_tender_content

pytestmark = pytest.mark.django_db

SECRET = "Hemlig lösning med sensorer i varje kärl"
PRICE = "4711000.50"


@pytest.fixture
def s():
    return Scenario()


# --- submission -------------------------------------------------------------------------


# --- secrecy ----------------------------------------------------------------------------


# --- opening ----------------------------------------------------------------------------


# --- criteria ---------------------------------------------------------------------------


# --- evaluation -------------------------------------------------------------------------


def _to_consensus(s, a_value=4, b_value=2):
    a = s.submit(s.supplier_a)
    b = s.submit(s.supplier_b)
    s.open()
    s.score_all(s.evaluator)
    s.score_all(s.evaluator2)
    s.consensus_all({a.pk: a_value, b.pk: b_value})
    return a, b


# --- award ------------------------------------------------------------------------------


def test_nobody_reads_content_before_opening(s):
    tender = s.submit(s.supplier_a, content=SECRET)
    for user in (s.lead, s.officer, s.evaluator, s.team):
        with pytest.raises(Exception):  # noqa: B017 - 404 for the buyer
            access_tender_content(user=user, tender=tender)
    with pytest.raises(PermissionDenied):
        access_tender_content(user=s.supplier_a, tender=tender)


def test_content_readable_by_team_after_opening(s):
    tender = s.submit(s.supplier_a, content=SECRET, price=PRICE)
    s.open()
    content = access_tender_content(user=s.evaluator, tender=tender)
    assert content.content == SECRET and content.price == Decimal(PRICE)


def test_only_appointed_officials_confirm(s):
    for user in (s.lead, s.evaluator, s.outsider_staff, s.supplier_a):
        with pytest.raises(PermissionDenied):
            tendering_services.opening_confirm(actor=user, call=s.call, now=s.after_deadline())


def test_default_criteria_sum_to_100(s):
    assert sum(c.weight for c in s.criteria) == 100
    assert Criterion.objects.filter(call=s.call).count() == 4


def test_weights_must_sum_to_100(s):
    items = services.default_criteria()
    items[0]["weight"] = 31
    with pytest.raises(ValidationError, match="100"):
        services.criteria_set(actor=s.lead, call=s.call, criteria=items)
    assert Criterion.objects.filter(call=s.call).count() == 4


def test_innovation_partnership_needs_price_and_quality(s):
    with pytest.raises(ValidationError):
        services.criteria_set(
            actor=s.lead, call=s.call, criteria=[{"name": "Kvalitet", "weight": 100}]
        )


def test_criteria_locked_after_deadline(s):
    with pytest.raises(ValidationError):
        services.criteria_set(
            actor=s.lead, call=s.call, criteria=services.default_criteria(), now=s.after_deadline()
        )


def test_criteria_only_by_managers(s):
    for user in (s.evaluator, s.team, s.official, s.supplier_a):
        with pytest.raises(PermissionDenied):
            services.criteria_set(actor=user, call=s.call, criteria=services.default_criteria())


def test_scoring_before_opening_refused(s):
    tender = s.submit(s.supplier_a)
    with pytest.raises(ValidationError):
        services.score_record(
            actor=s.evaluator, tender=tender, criterion=s.criteria[0], score=3, justification="x"
        )


def test_score_needs_role_range_and_justification(s):
    tender = s.submit(s.supplier_a)
    s.open()
    with pytest.raises(PermissionDenied):
        services.score_record(
            actor=s.team, tender=tender, criterion=s.criteria[0], score=3, justification="x"
        )
    for bad in (6, -1, "x", True):
        with pytest.raises(ValidationError):
            services.score_record(
                actor=s.evaluator,
                tender=tender,
                criterion=s.criteria[0],
                score=bad,
                justification="x",
            )
    with pytest.raises(ValidationError):
        services.score_record(
            actor=s.evaluator, tender=tender, criterion=s.criteria[0], score=3, justification=""
        )


def test_scores_lock_when_complete_and_consensus_waits_for_all(s):
    tender = s.submit(s.supplier_a)
    s.open()
    s.score_all(s.evaluator)
    with pytest.raises(ValidationError, match="låsta"):
        services.score_record(
            actor=s.evaluator, tender=tender, criterion=s.criteria[0], score=1, justification="x"
        )
    with pytest.raises(ValidationError, match="1 av 2"):
        services.consensus_record(
            actor=s.officer,
            tender=tender,
            criterion=s.criteria[0],
            score=3,
            justification="i",
            external_justification="e",
        )
    s.score_all(s.evaluator2)
    score = services.consensus_record(
        actor=s.officer,
        tender=tender,
        criterion=s.criteria[0],
        score=4,
        justification="i",
        external_justification="e",
    )
    assert score.is_consensus
    with pytest.raises(ValidationError):
        services.consensus_record(
            actor=s.officer,
            tender=tender,
            criterion=s.criteria[0],
            score=4,
            justification="i",
            external_justification="",
        )
    with pytest.raises(PermissionDenied):
        services.consensus_record(
            actor=s.evaluator,
            tender=tender,
            criterion=s.criteria[0],
            score=4,
            justification="i",
            external_justification="e",
        )


def test_scores_record_is_all_or_nothing(s):
    tender = s.submit(s.supplier_a)
    s.open()
    with pytest.raises(ValidationError) as info:
        services.scores_record(
            actor=s.evaluator,
            tender=tender,
            scores=[(s.criteria[0], 3, "ok"), (s.criteria[1], 9, "bad")],
        )
    assert f"score_{s.criteria[1].pk}" in info.value.message_dict
    assert not tender.scores.exists()


def test_ranking_weighted_points(s):
    from handslag.evaluation.results import ranking_of

    a, b = _to_consensus(s)
    rows = ranking_of(call=s.call)
    assert [r.tender.pk for r in rows] == [a.pk, b.pk]
    assert rows[0].points == Decimal("80.00") and rows[1].points == Decimal("40.00")
    assert rows[0].rank == 1 and rows[1].rank == 2


def test_award_before_consensus_refused(s):
    a = s.submit(s.supplier_a)
    s.open()
    with pytest.raises(ValidationError, match="konsensuspoäng"):
        services.award_decide(
            actor=s.lead,
            call=s.call,
            tender=a,
            justification="Best.",
            notice_sent_on=dt.date.today() + dt.timedelta(days=1),
        )


def test_award_and_standstill(s):
    a, b = _to_consensus(s)
    now = s.after_deadline() + dt.timedelta(days=5)
    with pytest.raises(PermissionDenied):
        services.award_decide(
            actor=s.officer,
            call=s.call,
            tender=a,
            justification="Best.",
            notice_sent_on=now.date(),
            now=now,
        )
    with pytest.raises(ValidationError, match="rangordnats först"):
        services.award_decide(
            actor=s.lead,
            call=s.call,
            tender=b,
            justification="Best.",
            notice_sent_on=now.date(),
            now=now,
        )
    # Thursday 26 March 2026: day 10 is Easter Sunday, standstill ends Easter Monday + 1.
    sent = dt.date(2026, 3, 26)
    award = services.award_decide(
        actor=s.lead,
        call=s.call,
        tender=a,
        justification="Best value.",
        notice_sent_on=sent,
        now=dt.datetime(2026, 3, 26, 9, tzinfo=dt.UTC),
    )
    assert award.standstill_end == dt.date(2026, 4, 7)
    with pytest.raises(ValidationError, match="avtalsspärren"):
        services.award_record_contract(
            actor=s.lead,
            award=award,
            signed_on=dt.date(2026, 4, 7),
            now=dt.datetime(2026, 5, 1, tzinfo=dt.UTC),
        )
    with pytest.raises(ValidationError):
        services.award_record_contract(
            actor=s.lead,
            award=award,
            signed_on=dt.date(2026, 4, 8),
            now=dt.datetime(2026, 4, 1, tzinfo=dt.UTC),
        )
    with pytest.raises(PermissionDenied):
        services.award_record_contract(
            actor=s.evaluator,
            award=award,
            signed_on=dt.date(2026, 4, 8),
            now=dt.datetime(2026, 5, 1, tzinfo=dt.UTC),
        )
    services.award_record_contract(
        actor=s.lead,
        award=award,
        signed_on=dt.date(2026, 4, 8),
        now=dt.datetime(2026, 5, 1, tzinfo=dt.UTC),
    )
    assert Award.objects.get().contract_signed_on == dt.date(2026, 4, 8)
    # Scoring is closed after the award.
    with pytest.raises(ValidationError):
        services.consensus_record(
            actor=s.officer,
            tender=a,
            criterion=s.criteria[0],
            score=1,
            justification="i",
            external_justification="e",
        )
    with pytest.raises(ValidationError):
        services.award_decide(
            actor=s.lead,
            call=s.call,
            tender=a,
            justification="Again.",
            notice_sent_on=sent,
            now=dt.datetime(2026, 3, 26, 9, tzinfo=dt.UTC),
        )
