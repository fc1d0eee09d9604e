"""The award e-mail leaves on the notice date, not before, exactly once, to each tenderer
alone, in their language and with an absolute link (LOU 20 kap. 1 §: the standstill
period runs from the day the notice is sent)."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from handslag.accounts.models import Notification
from handslag.accounts.notifications import send_due_notifications
from handslag.evaluation import services
from handslag.evaluation.services.award import notice_moment
from handslag.evaluation.tests.factories import Scenario

pytestmark = pytest.mark.django_db

SITE = "https://handslag.example.se"


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def s():
    return Scenario()


def decide(s, capture, *, notice_in_days: int):
    a = s.submit(s.supplier_a)
    b = s.submit(s.supplier_b)
    s.open()
    s.score_all(s.evaluator)
    s.score_all(s.evaluator2)
    for tender, value in ((a, 4), (b, 2)):
        services.consensus_record_many(
            actor=s.officer,
            tender=tender,
            scores=[(c, value, "Internt.", "Motivering.") for c in s.criteria],
        )
    now = s.after_deadline() + dt.timedelta(days=5)
    notice = now.date() + dt.timedelta(days=notice_in_days)
    mail.outbox.clear()  # the tender receipts
    with capture(execute=True):
        award = services.award_decide(
            actor=s.lead,
            call=s.call,
            tender=a,
            justification="Bäst förhållande mellan pris och kvalitet.",
            notice_sent_on=notice,
            now=now,
        )
    return award


def test_award_notice_waits_for_its_date_and_goes_once(s, django_capture_on_commit_callbacks):
    s.supplier_b.language = "en"
    s.supplier_b.save()
    award = decide(s, django_capture_on_commit_callbacks, notice_in_days=3)
    assert mail.outbox == []
    waiting = Notification.objects.filter(kind="award")
    assert sorted(n.user_id for n in waiting) == sorted([s.supplier_a.pk, s.supplier_b.pk])
    moment = notice_moment(award.notice_sent_on)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_notifications(now=moment - dt.timedelta(seconds=1)) == 0
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_notifications(now=moment) == 2
        assert send_due_notifications(now=moment + dt.timedelta(hours=8)) == 0
        call_command("send_notifications")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([s.supplier_a.email, s.supplier_b.email])
    assert all(len(m.to) == 1 for m in mail.outbox)
    by = {m.to[0]: m for m in mail.outbox}
    assert by[s.supplier_a.email].subject.startswith("Tilldelningsbeslut")
    assert by[s.supplier_b.email].subject.startswith("Award decision")
    link = f"{SITE}/tendering/calls/{s.call.pk}/award/decision.pdf"
    assert all(link in m.body for m in mail.outbox)
    # Nobody outside the tenderers is told: not the team, not another buyer's staff.
    assert s.lead.email not in by and s.outsider_staff.email not in by


def test_award_notice_dated_the_day_of_the_decision_goes_at_once(
    s, django_capture_on_commit_callbacks
):
    decide(s, django_capture_on_commit_callbacks, notice_in_days=0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([s.supplier_a.email, s.supplier_b.email])
    assert not Notification.objects.exists()
