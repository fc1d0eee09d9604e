"""The tender receipt: file names kept (safely) and sealed, and the printable PDF receipt."""

import datetime as dt
import hashlib
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from handslag.accounts.tests.factories import member, supplier
from handslag.core.files import display_name
from handslag.tendering.documents import receipt_pdf
from handslag.tendering.models import TenderFile
from handslag.tendering.tests.factories import Scenario
from handslag.tendering.tests.test_api import BASE, auth

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n" + "Hemlig bilaga: värmesensorer\n".encode() * 40 + b"%%EOF\n"
NAME = "Teknisk lösning – bilaga 3.pdf"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def s():
    return Scenario()


class Raw:
    """An upload whose name is passed through as sent (UploadedFile drops paths itself)."""

    def __init__(self, name: str, data: bytes) -> None:
        self.name, self.data, self.size = name, data, len(data)

    def chunks(self, chunk_size=None):
        yield self.data


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\anna\\Anbud.pdf", "Anbud.pdf"),
        ("A\u030angström.pdf", "\u00c5ngström.pdf"),  # NFC
        ("anbud\u202etxt.pdf", "anbudtxt.pdf"),  # right-to-left override removed
        ("rad\n\tbryt.pdf", "rad bryt.pdf"),
        (".dold.pdf", "dold.pdf"),
    ],
)
def test_a_file_name_is_kept_safely(s, sent, kept):
    tender = s.submit(s.supplier_a, files=[Raw(sent, PDF)])
    record = tender.files.get()
    assert display_name(sent) == kept
    # Stored under its id: the name is never part of a storage path.
    assert record.blob.endswith(f"{record.file_id}.sealed") and kept not in record.blob


def test_a_long_name_is_shortened_keeping_its_extension():
    name = display_name("x" * 500 + ".pdf")
    assert len(name) == 200 and name.endswith(".pdf")


def test_a_name_of_only_a_path_is_refused_with_a_clear_message(s):
    with pytest.raises(ValidationError) as error:
        s.submit(s.supplier_a, files=[Raw("../", PDF)])
    assert "name" in str(error.value) or "namn" in str(error.value)


def test_the_name_is_sealed_in_the_database(s):
    s.submit(s.supplier_a, files=[SimpleUploadedFile(NAME, PDF)])
    record = TenderFile.objects.get()
    assert NAME.encode() not in bytes(record.sealed_name)
    assert "Teknisk" not in record.blob


def test_the_receipt_page_names_the_files_for_the_supplier(client, s):
    tender = s.submit(s.supplier_a, files=[SimpleUploadedFile(NAME, PDF)])
    client.force_login(s.supplier_a)
    page = client.get(reverse("tendering:tender_receipt", args=[tender.public_id])).content
    page = page.decode()
    assert NAME in page and hashlib.sha256(PDF).hexdigest() in page
    assert "Fil 1" not in page
    assert reverse("tendering:tender_receipt_pdf", args=[tender.public_id]) in page


def test_the_pdf_receipt_has_the_call_time_and_every_file(client, s):
    stamp = dt.datetime(2026, 7, 1, 8, 5, tzinfo=dt.UTC)  # 10:05 in Stockholm (CEST)
    s.call.application_deadline = stamp - dt.timedelta(days=5)
    s.call.tender_deadline = stamp + dt.timedelta(days=10)
    s.call.save()
    tender = s.submit(
        s.supplier_a,
        files=[SimpleUploadedFile(NAME, PDF), SimpleUploadedFile("pris.csv", b"Post;Pris\n")],
        now=stamp,
    )
    text = pdf_text(receipt_pdf(tender))
    flat = " ".join(text.split())
    assert s.call.reference in flat and tender.receipt in flat.replace(" ", "")
    assert "Teknisk lösning" in flat and "pris.csv" in flat
    assert hashlib.sha256(PDF).hexdigest() in text.replace("\n", "").replace(" ", "")
    assert str(len(PDF)) in flat
    assert "10:05" in flat and "08:05" not in flat


def test_the_pdf_receipt_is_for_the_submitting_supplier_only(client, s):
    tender = s.submit(s.supplier_a, files=[SimpleUploadedFile(NAME, PDF)])
    url = reverse("tendering:tender_receipt_pdf", args=[tender.public_id])
    # Anonymous: to the sign-in page.
    response = client.get(url)
    assert response.status_code == 302 and "login" in response.url
    client.force_login(s.supplier_a)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]
    for other in (s.supplier_b, member(supplier()), s.officer, s.lead, s.outsider_staff):
        client.force_login(other)
        assert client.get(url).status_code == 404, other
        page = client.get(reverse("tendering:tender_receipt", args=[tender.public_id]))
        assert page.status_code == 404


def test_api_receipt_names_files_and_gives_the_pdf_to_the_supplier_only(client, s):
    tender = s.submit(s.supplier_a, files=[SimpleUploadedFile(NAME, PDF)])
    body = client.get(f"{BASE}/tenders/{tender.public_id}/receipt", **auth(s.supplier_a)).json()
    assert body["files"][0]["name"] == NAME
    url = f"{BASE}/tenders/{tender.public_id}/receipt.pdf"
    response = client.get(url, **auth(s.supplier_a))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    for other in (s.supplier_b, s.officer, s.lead):
        assert client.get(url, **auth(other)).status_code == 404
    assert client.get(url).status_code in (401, 403)


def test_the_buyer_sees_no_file_name_before_the_opening(client, s):
    tender = s.submit(s.supplier_a, files=[SimpleUploadedFile(NAME, PDF)])
    for path in (f"/tenders/{tender.public_id}/files", f"/tenders/{tender.public_id}/receipt"):
        response = client.get(BASE + path, **auth(s.officer))
        assert response.status_code == 404
        assert "Teknisk" not in response.content.decode()


def test_the_team_sees_the_names_after_the_opening(client, s):
    tender = s.submit(s.supplier_a, files=[SimpleUploadedFile(NAME, PDF)])
    s.open()
    body = client.get(f"{BASE}/tenders/{tender.public_id}/files", **auth(s.lead)).json()
    assert body[0]["name"] == NAME
