"""Negotiation rounds: who may start one and when, who may tender in it, sealing and opening
round by round, the locked criteria and the evaluation of the final round."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from handslag.audit.models import AuditEntry
from handslag.tendering import services
from handslag.tendering.audit_actions import TenderingAction
from handslag.tendering.models import NegotiationRound, OpeningConfirmation, Tender, TenderStatus
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
    entry = AuditEntry.objects.filter(action=TenderingAction.TENDER_ROUND_START).get()
    assert entry.data["round"] == 2
    assert sorted(entry.data["tenderers"]) == sorted(
        [opened.tender_a.supplier_id, opened.tender_b.supplier_id]
    )


def test_next_round_waits_for_the_previous_opening(opened):
    opened.start_round()
    with pytest.raises(ValidationError):
        opened.start_round(now=opened.round_now(3))
    assert NegotiationRound.objects.count() == 1


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
    record = (
        AuditEntry.objects.filter(action=TenderingAction.TENDER_OPEN).order_by("-pk").first().data
    )
    assert record["round"] == 2
    assert {t["round"] for t in record["tenders"]} == {2}


# --- criteria and the evaluation --------------------------------------------------------


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
