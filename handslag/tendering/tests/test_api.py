import pytest

from handslag.accounts.services import api_token_create
from handslag.accounts.tests.factories import member, supplier
from handslag.tendering.models import Tender
from handslag.tendering.tests.factories import Scenario

pytestmark = pytest.mark.django_db

BASE = "/api/v1/tendering"


def auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=user, name='t').raw}"}


@pytest.fixture
def s():
    return Scenario()


def post(client, url, user, data=None):
    return client.post(url, data or {}, content_type="application/json", **auth(user))


def test_unauthenticated_401(client, s):
    assert client.get(f"{BASE}/tenders/mine").status_code == 401
    assert (
        client.post(
            f"{BASE}/calls/{s.call.pk}/tenders", {}, content_type="application/json"
        ).status_code
        == 401
    )


def test_submit_replace_withdraw_and_receipts(client, s):
    url = f"{BASE}/calls/{s.call.pk}/tenders"
    first = post(client, url, s.supplier_a, {"content": "One", "price": "100"})
    assert first.status_code == 201, first.content
    second = post(client, url, s.supplier_a, {"content": "Two", "price": "90.50"})
    assert second.status_code == 201
    assert Tender.objects.get(public_id=first.json()["id"]).status == "replaced"
    mine = client.get(f"{BASE}/tenders/mine", **auth(s.supplier_a)).json()
    assert {r["receipt"] for r in mine} == {first.json()["receipt"], second.json()["receipt"]}
    assert "content" not in second.json() and "price" not in second.json()
    other = client.get(f"{BASE}/tenders/{second.json()['id']}/receipt", **auth(s.supplier_b))
    assert other.status_code == 404
    withdrawn = post(client, f"{BASE}/tenders/{second.json()['id']}/withdraw", s.supplier_a)
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"content": "x"},
        {"content": "x", "price": "abc"},
        {"content": "x", "price": -1},
        {"content": "", "price": 1},
        {"content": "x", "price": "1.234"},
        "not json",
    ],
)
def test_malformed_submit_is_4xx(client, s, body):
    if isinstance(body, str):
        response = client.post(
            f"{BASE}/calls/{s.call.pk}/tenders",
            body,
            content_type="application/json",
            **auth(s.supplier_a),
        )
    else:
        response = post(client, f"{BASE}/calls/{s.call.pk}/tenders", s.supplier_a, body)
    assert 400 <= response.status_code < 500
    assert not Tender.objects.exists()


def test_not_invited_and_buyer_cannot_submit(client, s):
    url = f"{BASE}/calls/{s.call.pk}/tenders"
    assert post(client, url, member(supplier()), {"content": "x", "price": 1}).status_code == 403
    assert post(client, url, s.lead, {"content": "x", "price": 1}).status_code == 403
    assert (
        post(
            client, f"{BASE}/calls/999999/tenders", s.supplier_a, {"content": "x", "price": 1}
        ).status_code
        == 404
    )
