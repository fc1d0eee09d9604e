"""The opening record as PDF: what it lists and who may download it."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from handslag.audit.models import AuditEntry
from handslag.tendering.audit_actions import TenderingAction
from handslag.tendering.tests.factories import Scenario

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n" + b"bilaga\n" * 40 + b"%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def s():
    return Scenario()


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)


def test_opening_record_pdf_lists_tenders_hashes_files_and_officials(client, s):
    a = s.submit(s.supplier_a, files=[SimpleUploadedFile("a.pdf", PDF)])
    b = s.submit(s.supplier_b)
    s.open()
    client.force_login(s.team)
    response = client.get(f"/tendering/calls/{s.call.pk}/opening/record.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(pdf_text(response.content).split())  # cells wrap anywhere

    def has(value: str) -> bool:
        return "".join(value.split()) in text

    for tender in (a, b):
        assert has(tender.supplier.name) and has(tender.receipt) and has(tender.content_sha256)
    assert has(a.files.get().sha256)
    assert has(str(s.officer)) and has(str(s.official))
    entry = AuditEntry.objects.get(action=TenderingAction.TENDER_OPEN)
    listed = {t["receipt"]: t for t in entry.data["tenders"]}
    assert listed[a.receipt]["files"] == [{"sha256": a.files.get().sha256, "size": len(PDF)}]
    assert "a.pdf" not in str(entry.data)


def test_opening_record_pdf_is_not_there_before_the_opening(client, s):
    s.submit(s.supplier_a)
    client.force_login(s.officer)
    assert client.get(f"/tendering/calls/{s.call.pk}/opening/record.pdf").status_code == 404


@pytest.mark.parametrize(("who", "status"), [("outsider_staff", 403), ("supplier_a", 404)])
def test_opening_record_pdf_refused_outside_the_team(client, s, who, status):
    s.submit(s.supplier_a)
    s.open()
    client.force_login(getattr(s, who))
    assert client.get(f"/tendering/calls/{s.call.pk}/opening/record.pdf").status_code == status


def test_opening_record_pdf_refused_to_anonymous(client, s):
    s.open()
    response = client.get(f"/tendering/calls/{s.call.pk}/opening/record.pdf")
    assert response.status_code == 302
