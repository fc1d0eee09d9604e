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
from handslag.evaluation.tests.factories import Scenario

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


def test_team_sees_only_opaque_ids_after_the_opening(client, s):
    a = s.submit(s.supplier_a, files=[SimpleUploadedFile("a.pdf", b"%PDF-1.7\nA")])
    s.submit(s.supplier_b, content="B", price="90000")
    s.open()
    s.score_all(s.evaluator)
    s.score_all(s.evaluator2)
    s.consensus_all()
    client.force_login(s.lead)
    evaluation = client.get(f"/tendering/calls/{s.call.pk}/evaluation/").content.decode()
    links = assert_links_opaque(evaluation)
    assert len(links) >= 2
    page = client.get(f"/tendering/tenders/{a.public_id}/evaluate/")
    assert page.status_code == 200
    body = page.content.decode()
    assert f"/tendering/files/{a.files.get().public_id}/" in body
    assert_links_opaque(body)
    award = client.get(f"/tendering/calls/{s.call.pk}/award/").content.decode()
    select = award[award.index('<select name="tender"') :]
    values = re.findall(r'<option value="([^"]+)"', select[: select.index("</select>")])
    assert values and all(is_uuid(v) for v in values), values
    assert client.get(f"/tendering/tenders/{a.pk}/evaluate/").status_code == 404
    assert client.get(f"/tendering/files/{a.files.get().pk}/").status_code == 404

    headers = auth(s.lead)
    answers = [
        client.get(f"{API}/calls/{s.call.pk}/tenders", **headers).json(),
        client.get(f"{API}/calls/{s.call.pk}/opening", **headers).json(),
        client.get(f"{API}/calls/{s.call.pk}/ranking", **headers).json(),
        client.get(f"{API}/tenders/{a.public_id}/content", **headers).json(),
        client.get(f"{API}/tenders/{a.public_id}/files", **headers).json(),
    ]
    ids = json_ids(answers)
    assert ids and all(is_uuid(i) for i in ids), ids
    file_id = answers[-1][0]["id"]
    assert client.get(f"{API}/files/{file_id}", **headers).status_code == 200
    assert client.get(f"{API}/tenders/{a.pk}/content", **headers).status_code == 404
    assert client.get(f"{API}/files/{a.files.get().pk}", **headers).status_code == 404
