import datetime as dt
import uuid

import pytest
from django.utils import timezone

from handslag.accounts.services import api_token_create
from handslag.evaluation.tests.factories import Scenario

pytestmark = pytest.mark.django_db

BASE = "/api/v1/tendering"


def auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=user, name='t').raw}"}


@pytest.fixture
def s():
    return Scenario()


def post(client, url, user, data=None):
    return client.post(url, data or {}, content_type="application/json", **auth(user))


def test_buyer_gets_nothing_before_opening(client, s):
    tender = s.submit(s.supplier_a)
    for user in (s.lead, s.evaluator, s.official, s.team):
        headers = auth(user)
        assert client.get(f"{BASE}/calls/{s.call.pk}/tenders", **headers).status_code == 403
        assert client.get(f"{BASE}/calls/{s.call.pk}/ranking", **headers).status_code == 403
        assert (
            client.get(f"{BASE}/tenders/{tender.public_id}/content", **headers).status_code == 404
        )
        opening = client.get(f"{BASE}/calls/{s.call.pk}/opening", **headers).json()
        assert opening["sealed"] is True and opening["tenders"] is None
    response = post(
        client,
        f"{BASE}/calls/{s.call.pk}/award",
        s.lead,
        {"tender_id": str(tender.public_id), "justification": "x", "notice_sent_on": "2030-01-01"},
    )
    assert response.status_code == 403
    response = post(
        client,
        f"{BASE}/calls/{s.call.pk}/award",
        s.lead,
        {"tender_id": str(uuid.uuid4()), "justification": "x", "notice_sent_on": "2030-01-01"},
    )
    assert response.status_code == 403  # same answer: no id is confirmed to exist


def test_criteria_put(client, s):
    url = f"{BASE}/calls/{s.call.pk}/criteria"
    bad = {
        "criteria": [
            {"name": "Kvalitet", "weight": 60},
            {"name": "Pris", "kind": "price", "weight": 30},
        ]
    }
    response = client.put(url, bad, content_type="application/json", **auth(s.lead))
    assert response.status_code == 400 and "100" in response.json()["detail"]
    good = {
        "criteria": [
            {"name": "Kvalitet", "weight": 70},
            {"name": "Pris", "kind": "price", "weight": 30},
        ]
    }
    assert (
        client.put(url, good, content_type="application/json", **auth(s.evaluator)).status_code
        == 403
    )
    response = client.put(url, good, content_type="application/json", **auth(s.lead))
    assert response.status_code == 200 and len(response.json()) == 2


def test_full_flow(client, s):
    a = s.submit(s.supplier_a, content="Alpha")
    b = s.submit(s.supplier_b, content="Beta")
    s.call.tender_deadline = timezone.now() - dt.timedelta(seconds=1)
    s.call.application_deadline = timezone.now() - dt.timedelta(days=5)
    s.call.save()
    opening_url = f"{BASE}/calls/{s.call.pk}/opening"
    assert post(client, opening_url, s.evaluator).status_code == 403
    first = post(client, opening_url, s.officer)
    assert first.status_code == 200 and first.json()["sealed"] is True
    assert post(client, opening_url, s.officer).status_code == 400
    second = post(client, opening_url, s.official)
    assert second.json()["sealed"] is False and len(second.json()["tenders"]) == 2

    rows = client.get(f"{BASE}/calls/{s.call.pk}/tenders", **auth(s.team)).json()
    assert {r["id"] for r in rows} == {str(a.public_id), str(b.public_id)}
    content = client.get(f"{BASE}/tenders/{a.public_id}/content", **auth(s.team)).json()
    assert content["content"] == "Alpha"

    consensus_body = {
        "scores": [
            {"criterion_id": c.pk, "score": 3, "justification": "i", "external_justification": "e"}
            for c in s.criteria
        ]
    }
    assert (
        post(
            client, f"{BASE}/tenders/{a.public_id}/consensus", s.officer, consensus_body
        ).status_code
        == 400
    )
    for evaluator in (s.evaluator, s.evaluator2):
        for tender, value in ((a, 5), (b, 1)):
            body = {
                "scores": [
                    {"criterion_id": c.pk, "score": value, "justification": "j"} for c in s.criteria
                ]
            }
            response = post(client, f"{BASE}/tenders/{tender.public_id}/scores", evaluator, body)
            assert response.status_code == 200, response.content
    bad = {"scores": [{"criterion_id": s.criteria[0].pk, "score": 9, "justification": "j"}]}
    assert post(client, f"{BASE}/tenders/{a.public_id}/scores", s.evaluator, bad).status_code in (
        400,
        422,
    )
    for tender, value in ((a, 5), (b, 1)):
        body = {
            "scores": [
                {
                    "criterion_id": c.pk,
                    "score": value,
                    "justification": "i",
                    "external_justification": "e",
                }
                for c in s.criteria
            ]
        }
        assert (
            post(
                client, f"{BASE}/tenders/{tender.public_id}/consensus", s.officer, body
            ).status_code
            == 200
        )
    ranking = client.get(f"{BASE}/calls/{s.call.pk}/ranking", **auth(s.team)).json()
    assert ranking[0]["tender_id"] == str(a.public_id) and ranking[0]["points"] == "100.00"

    today = timezone.localdate()
    award_body = {
        "tender_id": str(a.public_id),
        "justification": "Best.",
        "notice_sent_on": today.isoformat(),
    }
    assert post(client, f"{BASE}/calls/{s.call.pk}/award", s.officer, award_body).status_code == 403
    response = post(client, f"{BASE}/calls/{s.call.pk}/award", s.lead, award_body)
    assert response.status_code == 201, response.content
    contract = post(
        client, f"{BASE}/calls/{s.call.pk}/award/contract", s.lead, {"signed_on": today.isoformat()}
    )
    assert contract.status_code == 400
    assert post(
        client, f"{BASE}/calls/{s.call.pk}/award/contract", s.lead, {"signed_on": "nope"}
    ).status_code in (400, 422)
    assert client.get(f"{BASE}/calls/{s.call.pk}/award", **auth(s.team)).json()["tender_id"] == str(
        a.public_id
    )
