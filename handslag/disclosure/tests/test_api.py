"""The API: the same rules as the pages, with JSON refusals."""

import datetime as dt

import pytest

from handslag.disclosure import services
from handslag.disclosure.models import DocumentRequest
from handslag.disclosure.tests.factories import PASSAGE, DisclosureScenario
from handslag.tendering.tests.test_api import auth

pytestmark = pytest.mark.django_db

BASE = "/api/v1/disclosure"


@pytest.fixture
def s():
    return DisclosureScenario()


def post(client, url, user, data=None):
    return client.post(url, data or {}, content_type="application/json", **auth(user))


def test_claims_through_the_api(client, s):
    url = f"{BASE}/tenders/{s.tender_a.public_id}/claims"
    created = post(client, url, s.supplier_a, {"passage": PASSAGE, "reason": "Pris."})
    assert created.status_code == 201, created.content
    file_claim = post(
        client, url, s.supplier_a, {"file_id": str(s.file_a.public_id), "reason": "Ritning."}
    )
    assert file_claim.status_code == 201 and file_claim.json()["file_id"] == str(s.file_a.public_id)
    refused = post(client, url, s.supplier_a, {"passage": "Finns inte", "reason": "x"})
    assert refused.status_code == 400 and refused.json()["errors"]["passage"]
    assert post(client, url, s.supplier_a, {"passage": 5}).status_code == 422
    listed = client.get(url, **auth(s.supplier_a)).json()
    assert [c["passage"] for c in listed] == [PASSAGE, None]
    # Nobody at the buyer sees the claims, nor that there are any, before the opening.
    assert client.get(url, **auth(s.lead)).status_code == 404
    assert client.get(url, **auth(s.supplier_b)).status_code == 404
    assert post(client, url, s.supplier_b, {"passage": PASSAGE, "reason": "x"}).status_code == 404
    deleted = client.delete(f"{url}/{created.json()['id']}", **auth(s.supplier_a))
    assert deleted.status_code == 204
    assert client.get(url).status_code == 401


def test_request_workflow_through_the_api(client, s):
    s.claim()
    s.open()
    body = {
        "requester_name": "Jönsson",
        "requester_email": "j@example.org",
        "subject": "Anbuden",
        "received_on": dt.date.today().isoformat(),
    }
    early = post(client, f"{BASE}/calls/{s.call.pk}/requests", s.team, body)
    # Registered before the award, naming no tender; the refusal is decided apart.
    assert early.status_code == 201 and early.json()["before_award"] is True
    assert early.json()["cases"] == []
    s.award()
    created = post(
        client,
        f"{BASE}/calls/{s.call.pk}/requests",
        s.team,
        {**body, "tender_ids": [str(s.tender_a.public_id)]},
    )
    assert created.status_code == 201, created.content
    case_id = created.json()["cases"][0]["id"]
    assert post(client, f"{BASE}/calls/{s.call.pk}/requests", s.advisor, body).status_code == 403
    assert (
        post(client, f"{BASE}/calls/{s.call.pk}/requests", s.outsider_staff, body).status_code
        == 403
    )
    case = client.get(f"{BASE}/cases/{case_id}", **auth(s.team)).json()
    claim_id = case["claims"][0]["id"]
    assert case["claims"][0]["passage"] == PASSAGE and case["claims"][0]["mask"] is None
    ruled = post(
        client,
        f"{BASE}/cases/{case_id}/rulings",
        s.team,
        {"claim_id": claim_id, "mask": True, "reason": "Skada."},
    )
    assert ruled.status_code == 200 and PASSAGE not in ruled.json()["redacted_text"]
    masked = post(
        client, f"{BASE}/cases/{case_id}/masks", s.team, {"passage": "sensorer", "reason": "x"}
    )
    assert masked.status_code == 201
    decision = {
        "text_outcome": "release_redacted",
        "reason": "Skada.",
        "files": [
            {"file_id": str(s.file_a.public_id), "outcome": "refuse", "reason": "Ritningar."}
        ],
    }
    assert post(client, f"{BASE}/cases/{case_id}/decision", s.team, decision).status_code == 403
    decided = post(client, f"{BASE}/cases/{case_id}/decision", s.officer, decision)
    assert decided.status_code == 200 and decided.json()["status"] == "decided"
    pdf = client.get(f"{BASE}/cases/{case_id}/redacted.pdf", **auth(s.officer))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    request_id = created.json()["id"]
    final = post(client, f"{BASE}/requests/{request_id}/decision", s.officer)
    assert final.status_code == 200 and "kammarrätten" in final.json()["decision_text"]
    assert DocumentRequest.objects.get(before_award=False).token_digest


def test_consultation_comment_through_the_api(client, s):
    s.award()
    case = s.request(tenders=[s.tender_a]).cases.get()
    url = f"{BASE}/consultations/{case.public_id}/comment"
    assert post(client, url, s.supplier_a, {"comment": "x"}).status_code == 404
    services.consultation_send(
        actor=s.officer, case=case, message="?", deadline=dt.date.today() + dt.timedelta(days=3)
    )
    assert post(client, url, s.supplier_b, {"comment": "x"}).status_code == 404
    ok = post(client, url, s.supplier_a, {"comment": "Priset är hemligt."})
    assert ok.status_code == 200 and ok.json()["supplier_comment"] == "Priset är hemligt."
