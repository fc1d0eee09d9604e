"""Claims, redaction cases and released files are named by public ids only.

A tender's primary key, a redaction case's and a file decision's count up across the
installation; whoever sees them (the supplier, the buyer, a requester with a link) would
learn how many others there are. Pages, e-mail links, form values and the API use random
public ids, and the old integer URLs are gone.
"""

import datetime as dt
import re

import pytest

from handslag.audit.models import AuditEntry
from handslag.disclosure import services
from handslag.disclosure.audit_actions import DisclosureAction
from handslag.disclosure.models import DocumentRequest
from handslag.disclosure.tests.factories import PASSAGE, DisclosureScenario
from handslag.tendering.tests.test_api import auth
from handslag.tendering.tests.test_opaque_ids import is_uuid, json_ids

pytestmark = pytest.mark.django_db

API = "/api/v1/disclosure"
# Anything in a URL where a tender, a case, a consultation or a released file is named.
LINKED_ID = re.compile(
    r"/disclosure/(?:tenders|cases|consultations|r/[^/\s\"']+/(?:tenders|files))/"
    r"([^/\"'?#<\s.]+)"
)


@pytest.fixture
def s():
    return DisclosureScenario()


def assert_links_opaque(body: str) -> list[str]:
    found = LINKED_ID.findall(body)
    assert all(is_uuid(value) for value in found), found
    return found


def test_supplier_claims_name_tenders_and_files_by_public_id(client, s):
    client.force_login(s.supplier_a)
    url = f"/disclosure/tenders/{s.tender_a.public_id}/claims/"
    page = client.get(url).content.decode()
    assert_links_opaque(page)
    select = page[page.index('name="file-file"') :]
    values = re.findall(r'<option value="([^"]+)"', select[: select.index("</select>")])
    assert values == [str(s.file_a.public_id)]
    response = client.post(url, {"kind": "file", "file-file": values[0], "file-reason": "Ritning."})
    assert response.status_code == 302 and response["Location"] == url
    response = client.post(
        url, {"kind": "passage", "claim-passage": PASSAGE, "claim-reason": "Pris."}
    )
    assert response["Location"] == url
    assert_links_opaque(client.get(url).content.decode())
    assert_links_opaque(client.get("/disclosure/consultations/").content.decode())

    headers = auth(s.supplier_a)
    api_url = f"{API}/tenders/{s.tender_a.public_id}/claims"
    listed = client.get(api_url, **headers).json()
    assert {c["file_id"] for c in listed} == {str(s.file_a.public_id), None}

    assert client.get(f"/disclosure/tenders/{s.tender_a.pk}/claims/").status_code == 404
    assert client.get(f"{API}/tenders/{s.tender_a.pk}/claims", **headers).status_code == 404
    assert (
        client.post(
            api_url,
            {"file_id": s.file_a.pk, "reason": "x"},
            content_type="application/json",
            **headers,
        ).status_code
        == 422
    )


def test_requests_cases_and_released_files_by_public_id(
    client, s, mailoutbox, django_capture_on_commit_callbacks
):
    s.claim()
    s.award()
    client.force_login(s.officer)
    list_url = f"/disclosure/calls/{s.call.pk}/requests/"
    page = client.get(list_url).content.decode()
    values = re.findall(r'name="tenders" value="([^"]+)"', page)
    assert sorted(values) == sorted([str(s.tender_a.public_id), str(s.tender_b.public_id)])
    response = client.post(
        list_url,
        {
            "requester_name": "Journalist Jönsson",
            "requester_email": "jonsson@example.org",
            "subject": "Anbuden",
            "received_on": dt.date.today().isoformat(),
            "tenders": [str(s.tender_a.public_id)],
        },
    )
    assert response.status_code == 302, response.content.decode()
    request = DocumentRequest.objects.get()
    case = request.cases.get()
    detail = client.get(f"/disclosure/requests/{request.pk}/").content.decode()
    assert f"/disclosure/cases/{case.public_id}/" in detail
    workspace = client.get(f"/disclosure/cases/{case.public_id}/").content.decode()
    links = assert_links_opaque(workspace)
    assert links
    assert f"decision-outcome_{s.file_a.public_id}" in workspace
    assert f'decision-outcome_{s.file_a.pk}"' not in workspace

    with django_capture_on_commit_callbacks(execute=True):
        services.consultation_send(
            actor=s.officer,
            case=case,
            message="Vad anser ni?",
            deadline=dt.date.today() + dt.timedelta(days=5),
        )
    assert f"/disclosure/consultations/{case.public_id}/" in mailoutbox[-1].body
    client.force_login(s.supplier_a)
    assert_links_opaque(client.get("/disclosure/consultations/").content.decode())
    assert client.get(f"/disclosure/consultations/{case.public_id}/").status_code == 200
    assert client.get(f"/disclosure/consultations/{case.pk}/").status_code == 404
    services.consultation_comment(actor=s.supplier_a, case=case, comment="Priset.")

    headers = auth(s.officer)
    answers = [
        client.get(f"{API}/requests/{request.pk}", **headers).json(),
        client.get(f"{API}/cases/{case.public_id}", **headers).json(),
    ]
    request_out, case_out = answers
    # The request itself is the buyer's own record (no tender in it); its cases are not.
    ids = json_ids(request_out["cases"]) + [case_out["id"], case_out["tender_id"]]
    ids += json_ids(case_out["files"]) + [c["file_id"] for c in case_out["claims"]]
    ids = [i for i in ids if i is not None]
    assert len(ids) >= 5 and all(is_uuid(i) for i in ids), ids
    # Claim ids are random too, never a counter.
    assert all(re.fullmatch(r"[0-9a-f]{16}", c["id"]) for c in case_out["claims"])
    assert client.get(f"{API}/cases/{case.pk}", **headers).status_code == 404
    claim_id = services.claim_list(tender=s.tender_a)[0]["id"]
    ruled = client.post(
        f"{API}/cases/{case.public_id}/rulings",
        {"claim_id": claim_id, "mask": True, "reason": "Skada."},
        content_type="application/json",
        **headers,
    )
    assert ruled.status_code == 200, ruled.content
    decided = client.post(
        f"{API}/cases/{case.public_id}/decision",
        {
            "text_outcome": "release_redacted",
            "reason": "Skada.",
            "files": [{"file_id": str(s.file_a.public_id), "outcome": "release"}],
        },
        content_type="application/json",
        **headers,
    )
    assert decided.status_code == 200, decided.content
    entry = AuditEntry.objects.filter(action=DisclosureAction.DISCLOSURE_CASE_DECIDE).get()
    assert entry.target_id == str(case.public_id)
    assert list(entry.data["files"]) == [str(s.file_a.public_id)]

    with django_capture_on_commit_callbacks(execute=True):
        _, raw = services.request_decide(actor=s.officer, request=request)
    client.logout()
    link = f"/disclosure/r/{raw}/"
    page = client.get(link).content.decode()
    decision = case.file_rulings.get()
    assert f"{link}tenders/{case.public_id}.pdf" in page
    assert f"{link}files/{decision.public_id}/" in page
    assert_links_opaque(page)
    assert client.get(f"{link}tenders/{case.public_id}.pdf").status_code == 200
    assert client.get(f"{link}files/{decision.public_id}/").status_code == 200
    assert client.get(f"{link}tenders/{case.pk}.pdf").status_code == 404
    assert client.get(f"{link}files/{decision.pk}/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_migrations_give_every_existing_row_its_own_random_public_id():
    """Rows made before the public ids existed keep their data and get one uuid4 each."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from handslag.disclosure.models import FileDecision, RedactionCase
    from handslag.tendering.models import Tender, TenderFile

    s = DisclosureScenario()
    s.submit(s.supplier_b, content="B, replaced")
    s.award()
    request = s.request(tenders=[s.tender_a])
    services.case_decide(
        actor=s.officer,
        case=request.cases.get(tender=s.tender_a),
        text_outcome="release",
        files={s.file_a.pk: {"outcome": "release"}},
    )
    models = (Tender, TenderFile, RedactionCase, FileDecision)
    before = {m: sorted(m.objects.values_list("pk", "created_at")) for m in models}
    assert all(before.values())

    executor = MigrationExecutor(connection)
    executor.migrate([("tendering", "0006_negotiation_rounds"), ("disclosure", "0001_initial")])
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    for model in models:
        assert sorted(model.objects.values_list("pk", "created_at")) == before[model]
        ids = list(model.objects.values_list("public_id", flat=True))
        assert all(i is not None and i.version == 4 for i in ids)
        assert len(set(ids)) == len(ids)
    assert Tender.objects.get(pk=s.tender_a.pk).public_id != s.tender_a.public_id
