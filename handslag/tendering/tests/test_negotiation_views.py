"""Negotiation pages and API writes: starting a round, tendering in it, opening it, the
channel; refusals change nothing."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from handslag.tendering.models import NegotiationMessage, NegotiationRound, Tender
from handslag.tendering.tests.factories import Scenario
from handslag.tendering.tests.test_api import BASE, auth, post

pytestmark = pytest.mark.django_db


@pytest.fixture
def s():
    scenario = Scenario()
    scenario.tender_a = scenario.submit(scenario.supplier_a)
    scenario.tender_b = scenario.submit(scenario.supplier_b)
    scenario.open()
    return scenario


def _local(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def test_lead_starts_a_round_on_the_page_and_supplier_revises(client, s):
    client.force_login(s.lead)
    url = reverse("tendering:rounds", args=[s.call.pk])
    assert client.get(url).status_code == 200
    deadline = timezone.now() + dt.timedelta(days=7)
    response = client.post(url, {"deadline": _local(deadline), "change_text": "New SLA."})
    assert response.status_code == 302
    assert NegotiationRound.objects.get().number == 2
    client.force_login(s.supplier_a)
    page = client.get(reverse("tendering:negotiation_supplier", args=[s.call.pk]))
    assert "New SLA." in page.content.decode()
    submit = reverse("tendering:tender_submit", args=[s.call.pk])
    assert "New SLA." in client.get(submit).content.decode()
    response = client.post(submit, {"content": "Revised", "price": "90000"})
    assert response.status_code == 302
    revised = Tender.objects.get(round=2)
    assert revised.supplier_id == s.tender_a.supplier_id
    receipt = client.get(
        reverse("tendering:tender_receipt", args=[revised.public_id])
    ).content.decode()
    assert reverse("tendering:tender_withdraw", args=[revised.public_id]) in receipt


def test_round_page_refusals_change_nothing(client, s):
    url = reverse("tendering:rounds", args=[s.call.pk])
    client.force_login(s.evaluator)
    deadline = _local(timezone.now() + dt.timedelta(days=7))
    assert client.post(url, {"deadline": deadline, "change_text": "X"}).status_code == 403
    client.force_login(s.lead)
    past = _local(timezone.now() - dt.timedelta(days=1))
    assert client.post(url, {"deadline": past, "change_text": ""}).status_code == 400
    assert not NegotiationRound.objects.exists()


def test_api_round_opening_and_channel(client, s):
    deadline = (timezone.now() + dt.timedelta(days=7)).isoformat()
    url = f"{BASE}/calls/{s.call.pk}/rounds"
    refused = post(client, url, s.official, {"deadline": deadline, "change_text": "X"})
    assert refused.status_code == 403
    created = post(client, url, s.officer, {"deadline": deadline, "change_text": "Clarified."})
    assert created.status_code == 201 and created.json()["number"] == 2
    # Revised tender through the ordinary submit endpoint lands in round 2.
    receipt = post(
        client,
        f"{BASE}/calls/{s.call.pk}/tenders",
        s.supplier_b,
        {"content": "Revised B", "price": "70000"},
    )
    assert receipt.status_code == 201 and receipt.json()["round"] == 2
    opening = f"{BASE}/calls/{s.call.pk}/rounds/2/opening"
    early = post(client, opening, s.official)
    assert early.status_code == 400
    nego = client.get(f"{BASE}/calls/{s.call.pk}/negotiation", **auth(s.supplier_b)).json()
    assert nego["current_round"] == 2 and nego["can_submit"]
    channel = f"{BASE}/calls/{s.call.pk}/channels/{s.tender_a.supplier_id}/messages"
    assert post(client, channel, s.supplier_b, {"body": "Peek"}).status_code == 404
    sent = post(client, channel, s.team, {"body": "Hello A"})
    assert sent.status_code == 201 and sent.json()["from_buyer"]
    read = client.get(channel, **auth(s.supplier_a)).json()
    assert [m["body"] for m in read] == ["Hello A"]
    assert NegotiationMessage.objects.count() == 1


def test_api_tender_for_a_stale_round_refused(client, s):
    s.start_round(now=timezone.now(), deadline=timezone.now() + dt.timedelta(days=3))
    url = f"{BASE}/calls/{s.call.pk}/tenders"
    stale = post(client, url, s.supplier_a, {"content": "Old", "price": "1", "round": 1})
    assert stale.status_code == 400
    fresh = post(client, url, s.supplier_a, {"content": "New", "price": "1", "round": 2})
    assert fresh.status_code == 201 and fresh.json()["round"] == 2
    assert Tender.objects.filter(round=2).count() == 1


def test_each_round_has_its_own_opening_record(s):
    from handslag.tendering.documents import opening_record_document
    from handslag.tendering.selectors import opening_record

    s.start_round()
    s.submit_round(s.supplier_a)
    s.open_round(2)
    first = opening_record(call=s.call, round_number=1)
    second = opening_record(call=s.call, round_number=2)
    assert {t["round"] for t in first["tenders"]} == {1} and len(first["tenders"]) == 2
    assert [t["supplier_id"] for t in second["tenders"]] == [s.tender_a.supplier_id]
    assert len(second["confirmations"]) == 2
    document = opening_record_document(call=s.call, round_number=2)
    assert "2" in str(document.title)
