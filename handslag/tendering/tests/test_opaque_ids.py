"""Ids a supplier or the buyer sees reveal nothing about other tenders.

Primary keys count up across the installation: a supplier who submits, replaces and
withdraws would see its tenders' keys jump and learn that others tendered in between.
Every page link, redirect, form value and API id naming a tender or a tender file is a
random public id instead, and the old integer URLs are gone.
"""

import re
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from handslag.accounts.services import api_token_create
from handslag.audit.models import AuditEntry
from handslag.audit.services import audit_trail
from handslag.tendering import services
from handslag.tendering.models import Tender, TenderFile
from handslag.tendering.selectors import sealed_tender_ids
from handslag.tendering.tests.factories import Scenario

pytestmark = pytest.mark.django_db

API = "/api/v1/tendering"
# Anything in a URL where a tender or a tender file is named.
LINKED_ID = re.compile(r"/(?:tendering|disclosure)/(?:tenders|files)/([^/\"'?#<\s]+)")


def auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=user, name='t').raw}"}


def is_uuid(value: object) -> bool:
    try:
        return str(uuid.UUID(str(value))) == str(value)
    except ValueError:
        return False


def assert_links_opaque(body: str) -> list[str]:
    found = LINKED_ID.findall(body)
    assert all(is_uuid(value) for value in found), found
    return found


def tender_pks() -> set[str]:
    return {str(pk) for pk in Tender.objects.values_list("pk", flat=True)} | {
        str(pk) for pk in TenderFile.objects.values_list("pk", flat=True)
    }


def json_ids(data) -> list:
    """Every value under a key naming a tender or file in an API answer, however nested."""
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key in {"id", "tender_id", "old_tender_id", "new_tender_id", "file_id"}:
                found.append(value)
            else:
                found += json_ids(value)
    elif isinstance(data, list):
        for item in data:
            found += json_ids(item)
    return found


@pytest.fixture
def s():
    return Scenario()


def test_supplier_sees_only_opaque_ids_while_others_tender_in_between(client, s):
    client.force_login(s.supplier_a)
    submit_url = f"/tendering/calls/{s.call.pk}/submit/"
    locations = []

    def submit_a(content: str) -> None:
        response = client.post(
            submit_url,
            {
                "content": content,
                "price": "100000",
                "files": SimpleUploadedFile("a.pdf", b"%PDF-1.7\n" + content.encode()),
            },
        )
        assert response.status_code == 302, response.content
        locations.append(response["Location"])

    submit_a("First")
    s.submit(s.supplier_b, content="B first")
    submit_a("Second")  # replaces the first
    s.submit(s.supplier_b, content="B second")
    receipt_page = client.get(locations[-1]).content.decode()
    assert_links_opaque(receipt_page)
    withdraw = re.search(r'href="(/tendering/tenders/[^"]+/withdraw/)"', receipt_page).group(1)
    response = client.post(withdraw)
    assert response.status_code == 302
    locations.append(response["Location"])
    s.submit(s.supplier_b, content="B third")
    submit_a("Third")

    for location in locations:
        assert re.fullmatch(r"/tendering/tenders/[0-9a-f-]{36}/", location), location
    bodies = [client.get(url).content.decode() for url in locations]
    bodies.append(client.get("/tendering/mine/").content.decode())
    bodies.append(client.get(submit_url).content.decode())
    bodies.append(client.get("/disclosure/consultations/").content.decode())
    bodies.append(client.get("/").content.decode())
    bodies.append(client.get("/market/supplier/").content.decode())
    seen = set()
    for body in bodies:
        seen |= set(assert_links_opaque(body))
    own = Tender.objects.filter(supplier__in=s.supplier_a.supplier_organisation_ids)
    assert {str(t.public_id) for t in own} <= seen

    # The API: receipts, submissions and withdrawals name tenders by public id only.
    headers = auth(s.supplier_a)
    mine = client.get(f"{API}/tenders/mine", **headers).json()
    answers = [mine]
    for row in mine:
        answers.append(client.get(f"{API}/tenders/{row['id']}/receipt", **headers).json())
    posted = client.post(
        f"{API}/calls/{s.call.pk}/tenders",
        {"content": "Fourth", "price": "90"},
        content_type="application/json",
        **headers,
    )
    assert posted.status_code == 201
    answers.append(posted.json())
    withdrawn = client.post(f"{API}/tenders/{posted.json()['id']}/withdraw", **headers)
    assert withdrawn.status_code == 200
    answers.append(withdrawn.json())
    ids = json_ids(answers)
    assert ids and all(is_uuid(i) for i in ids), ids
    pks = tender_pks()
    for body in bodies:
        assert not set(LINKED_ID.findall(body)) & pks

    # The old integer URLs are gone.
    for tender in own:
        assert client.get(f"/tendering/tenders/{tender.pk}/").status_code == 404
        assert client.post(f"/tendering/tenders/{tender.pk}/withdraw/").status_code == 404
        assert client.get(f"/disclosure/tenders/{tender.pk}/claims/").status_code == 404
        assert client.get(f"{API}/tenders/{tender.pk}/receipt", **headers).status_code == 404
        assert client.post(f"{API}/tenders/{tender.pk}/withdraw", **headers).status_code == 404


def test_audit_names_tenders_by_public_id(s):
    tender = s.submit(s.supplier_a)
    entry = AuditEntry.objects.filter(target_type="tendering.tender").latest("id")
    assert entry.target_id == str(tender.public_id)
    assert list(audit_trail(target=tender)) == [entry]
    assert str(tender.public_id) in sealed_tender_ids()
    s.open()
    assert str(tender.public_id) not in sealed_tender_ids()


def test_channel_messages_do_not_count_the_other_channels(client, s):
    a = s.submit(s.supplier_a)
    b = s.submit(s.supplier_b, content="B")
    s.open()
    for supplier in (a.supplier, b.supplier, a.supplier):
        services.channel_post(actor=s.lead, call=s.call, supplier=supplier, body="Fråga.")
    url = f"{API}/calls/{s.call.pk}/channels/{a.supplier_id}/messages"
    listed = client.get(url, **auth(s.supplier_a)).json()
    posted = client.post(
        url, {"body": "Svar."}, content_type="application/json", **auth(s.supplier_a)
    ).json()
    ids = [m["id"] for m in listed] + [posted["id"]]
    assert len(ids) == 3 and all(is_uuid(i) for i in ids), ids
