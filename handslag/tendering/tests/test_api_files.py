"""API: tenders with files, declarations, file downloads and the opening record."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from handslag.accounts.roles import ProjectRole
from handslag.tendering.models import ConflictDeclaration, Tender, TenderFile
from handslag.tendering.tests.factories import Scenario, team_member
from handslag.tendering.tests.test_api import BASE, auth

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n" + b"hemlig bilaga\n" * 30 + b"%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def s():
    return Scenario()


def submit(client, s, user, files):
    return client.post(
        f"{BASE}/calls/{s.call.pk}/tenders/with-files",
        {"content": "Anbud med bilaga", "price": "1200", "files": files},
        **auth(user),
    )


def test_submit_with_files_gives_hashes_on_the_receipt(client, s):
    response = submit(client, s, s.supplier_a, [SimpleUploadedFile("a.pdf", PDF)])
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["files"] == [
        {
            "position": 0,
            "name": "a.pdf",
            "size": len(PDF),
            "sha256": hashlib.sha256(PDF).hexdigest(),
        }
    ]


def test_submit_with_a_disguised_file_is_a_400_and_records_nothing(client, s, media):
    fake = SimpleUploadedFile("a.pdf", b"MZ\x90\x00" + b"\x00" * 300)
    response = submit(client, s, s.supplier_a, [fake])
    assert response.status_code == 400
    assert "files" in response.json()["errors"]
    assert not Tender.objects.exists() and not list(media.rglob("*.sealed"))


def test_submit_with_files_refused_for_an_uninvited_supplier_and_anonymous(client, s):
    from handslag.accounts.tests.factories import member, supplier

    outsider = member(supplier())
    files = [SimpleUploadedFile("a.pdf", PDF)]
    assert submit(client, s, outsider, files).status_code == 403
    anonymous = client.post(
        f"{BASE}/calls/{s.call.pk}/tenders/with-files", {"content": "x", "price": "1"}
    )
    assert anonymous.status_code == 401


def test_files_and_download_for_the_team_after_opening(client, s):
    tender = s.submit(s.supplier_a, files=[SimpleUploadedFile("a.pdf", PDF)])
    record = TenderFile.objects.get(tender=tender)
    assert (
        client.get(f"{BASE}/tenders/{tender.public_id}/files", **auth(s.evaluator)).status_code
        == 404
    )
    assert client.get(f"{BASE}/files/{record.public_id}", **auth(s.evaluator)).status_code == 404
    s.open()
    listed = client.get(f"{BASE}/tenders/{tender.public_id}/files", **auth(s.evaluator)).json()
    assert listed == [
        {"id": str(record.public_id), "name": "a.pdf", "size": len(PDF), "sha256": record.sha256}
    ]
    download = client.get(f"{BASE}/files/{record.public_id}", **auth(s.evaluator))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    for user in (s.supplier_b, s.outsider_staff):
        assert client.get(f"{BASE}/files/{record.public_id}", **auth(user)).status_code == 404


def test_declaration_through_the_api_opens_access(client, s):
    tender = s.submit(s.supplier_a, files=[SimpleUploadedFile("a.pdf", PDF)])
    newcomer = team_member(s.project, ProjectRole.EVALUATOR)
    s.open()
    url = f"{BASE}/tenders/{tender.public_id}/content"
    assert client.get(url, **auth(newcomer)).status_code == 403
    response = client.post(
        f"{BASE}/calls/{s.call.pk}/declaration",
        {"has_conflict": False},
        content_type="application/json",
        **auth(newcomer),
    )
    assert response.status_code == 201
    assert client.get(url, **auth(newcomer)).status_code == 200
    again = client.post(
        f"{BASE}/calls/{s.call.pk}/declaration",
        {"has_conflict": True, "statement": "x"},
        content_type="application/json",
        **auth(newcomer),
    )
    assert again.status_code == 400
    assert ConflictDeclaration.objects.filter(person=newcomer).count() == 1


def test_declaration_refused_to_those_who_do_not_evaluate(client, s):
    for user, status in ((s.team, 403), (s.outsider_staff, 403), (s.supplier_a, 404)):
        response = client.post(
            f"{BASE}/calls/{s.call.pk}/declaration",
            {"has_conflict": False},
            content_type="application/json",
            **auth(user),
        )
        assert response.status_code == status


def test_opening_record_pdf_through_the_api(client, s):
    s.submit(s.supplier_a)
    url = f"{BASE}/calls/{s.call.pk}/opening/record.pdf"
    assert client.get(url, **auth(s.officer)).status_code == 404
    s.open()
    response = client.get(url, **auth(s.officer))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert client.get(url, **auth(s.outsider_staff)).status_code == 403
    assert client.get(url, **auth(s.supplier_a)).status_code == 404
