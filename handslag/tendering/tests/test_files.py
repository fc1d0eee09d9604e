"""Files sent with tenders: streamed, hashed, sealed, refused when bad, and never half-recorded."""

import hashlib
import io
import os
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection

from handslag.tendering import crypto
from handslag.tendering.gateway import access_tender_file
from handslag.tendering.models import Tender, TenderFile
from handslag.tendering.services import submission
from handslag.tendering.tests.factories import Scenario

pytestmark = pytest.mark.django_db

SECRET = "Hemlig lösning med sensorer i varje kärl"
PDF = b"%PDF-1.7\n" + "Hemlig bilaga: värmesensorer i varje kärl\n".encode() * 50 + b"%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def s():
    return Scenario()


def blobs(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def pdf(name: str = "anbud.pdf", data: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


class Stream:
    """An upload that yields chunks lazily and can break part way, like a dropped connection."""

    def __init__(self, name: str, chunks: int, chunk: bytes, fail_at: int | None = None) -> None:
        self.name, self.count, self.chunk, self.fail_at = name, chunks, chunk, fail_at

    def chunks(self, chunk_size=None):
        for i in range(self.count):
            if i == self.fail_at:
                raise OSError("connection reset")
            yield self.chunk if i else b"%PDF-1.7\n" + self.chunk[9:]


class Raw:
    def __init__(self, name: str, data: bytes) -> None:
        self.name, self.data = name, data

    def chunks(self, chunk_size=None):
        yield self.data


def test_file_is_sealed_hashed_and_readable_after_opening(s, media):
    tender = s.submit(s.supplier_a, content=SECRET, files=[pdf()])
    record = TenderFile.objects.get(tender=tender)
    assert record.size == len(PDF)
    assert record.sha256 == hashlib.sha256(PDF).hexdigest()
    stored = blobs(media)
    assert len(stored) == 1
    raw = stored[0].read_bytes()
    assert raw.startswith(crypto.FILE_MAGIC)
    assert b"Hemlig" not in raw and b"anbud" not in raw
    assert b"anbud.pdf" not in bytes(record.sealed_name)
    s.open()
    opened = access_tender_file(user=s.evaluator, public_id=record.public_id)
    assert opened.name == "anbud.pdf"
    assert b"".join(opened.chunks()) == PDF


def test_large_file_streams_in_chunks_and_round_trips(s, settings):
    chunk = os.urandom(256 * 1024)
    upload = Stream("stor.pdf", 9, chunk)  # 2.25 MB, over two cipher chunks
    tender = s.submit(s.supplier_a, files=[upload])
    record = tender.files.get()
    expected = hashlib.sha256()
    for piece in upload.chunks():
        expected.update(piece)
    assert record.sha256 == expected.hexdigest() and record.size == 9 * len(chunk)
    s.open()
    got = hashlib.sha256()
    for piece in access_tender_file(user=s.lead, public_id=record.public_id).chunks():
        got.update(piece)
    assert got.hexdigest() == record.sha256


def test_nobody_reads_a_file_before_opening(s):
    tender = s.submit(s.supplier_a, files=[pdf()])
    record = tender.files.get()
    for user in (s.lead, s.officer, s.evaluator, s.team, s.supplier_b, s.outsider_staff):
        with pytest.raises(Exception):  # noqa: B017 - 404 to the buyer and others
            access_tender_file(user=user, public_id=record.public_id)
    with pytest.raises(Exception):  # noqa: B017 - 403 to its own supplier: sealed
        access_tender_file(user=s.supplier_a, public_id=record.public_id)


def test_dump_and_storage_before_opening_reveal_nothing(s, media):
    s.submit(s.supplier_a, content=SECRET, files=[pdf("Sensorbolaget-lösning.pdf")])
    out = io.StringIO()
    call_command("dumpdata", stdout=out)
    dump = out.getvalue()
    for secret in (SECRET, "Hemlig bilaga", "Sensorbolaget-lösning"):
        assert secret not in dump
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM tendering_tenderfile")
        rows = repr(cursor.fetchall())
    assert "Hemlig" not in rows and "Sensorbolaget-l" not in rows
    for blob in blobs(media):
        data = blob.read_bytes()
        assert b"Hemlig" not in data and b"%PDF" not in data


def test_tampered_blob_does_not_decrypt(s, media):
    tender = s.submit(s.supplier_a, files=[pdf()])
    path = blobs(media)[0]
    data = bytearray(path.read_bytes())
    data[40] ^= 1
    path.write_bytes(bytes(data))
    s.open()
    with pytest.raises(crypto.TenderDecryptionError):
        b"".join(access_tender_file(user=s.lead, public_id=tender.files.get().public_id).chunks())


def test_truncated_blob_does_not_decrypt(s, media):
    upload = Stream("stor.pdf", 9, os.urandom(256 * 1024))
    tender = s.submit(s.supplier_a, files=[upload])
    path = blobs(media)[0]
    path.write_bytes(path.read_bytes()[: 4 + 16 + crypto.FILE_CHUNK_BYTES + 16])
    s.open()
    with pytest.raises(crypto.TenderDecryptionError):
        b"".join(access_tender_file(user=s.lead, public_id=tender.files.get().public_id).chunks())


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("tom.pdf", b"", "empty|är tom"),
        (
            "program.pdf",
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200,
            "not accepted|inte tas emot",
        ),
        ("sida.pdf", b"<html><script>alert(1)</script></html>", "not accepted|inte tas emot"),
        ("sida.txt", b"<!DOCTYPE html><html></html>", "not accepted|inte tas emot"),
        ("bild.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "does not match|stämmer inte"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_recorded(s, media, name, data, message):
    upload = Raw(name, data)  # not an UploadedFile, whose name setter drops paths itself
    with pytest.raises(ValidationError) as error:
        s.submit(s.supplier_a, files=[pdf("ok.pdf"), upload])
    assert re.search(message, str(error.value))
    assert not Tender.objects.exists() and not TenderFile.objects.exists()
    assert blobs(media) == []


def test_text_and_csv_are_accepted(s):
    tender = s.submit(
        s.supplier_a,
        files=[
            SimpleUploadedFile("pris.csv", b"Post;Pris\nSensor;1 200\n"),
            SimpleUploadedFile("läs mig.txt", "Å Ä Ö".encode()),
        ],
    )
    assert tender.files.count() == 2


def test_size_limit_counts_all_files_of_a_tender(s, settings, media):
    settings.TENDER_MAX_BYTES = 3 * 1024 * 1024
    upload = Stream("stor.pdf", 8, os.urandom(256 * 1024))  # 2 MB
    with pytest.raises(ValidationError) as error:
        s.submit(s.supplier_a, files=[upload, Stream("stor2.pdf", 8, os.urandom(256 * 1024))])
    assert re.search("larger than the limit|större än gränsen", str(error.value))
    assert not Tender.objects.exists() and blobs(media) == []


def test_declared_size_over_the_limit_is_refused_before_reading(s, settings):
    settings.TENDER_MAX_BYTES = 1000
    with pytest.raises(ValidationError):
        s.submit(s.supplier_a, files=[pdf()])
    assert not Tender.objects.exists()


def test_broken_upload_leaves_nothing(s, media):
    with pytest.raises(OSError):
        s.submit(
            s.supplier_a,
            files=[pdf(), Stream("bruten.pdf", 8, os.urandom(256 * 1024), fail_at=5)],
        )
    assert not Tender.objects.exists() and not TenderFile.objects.exists()
    assert blobs(media) == []


def test_crash_while_recording_leaves_no_tender_and_no_blob(s, media, monkeypatch):
    def crash(**kwargs):
        raise RuntimeError("power cut")

    monkeypatch.setattr(submission, "audit_record", crash)
    with pytest.raises(RuntimeError):
        s.submit(s.supplier_a, files=[pdf()])
    assert not Tender.objects.exists() and not TenderFile.objects.exists()
    assert blobs(media) == []


def test_crash_while_replacing_keeps_the_previous_tender(s, media, monkeypatch):
    first = s.submit(s.supplier_a, files=[pdf()])
    monkeypatch.setattr(submission, "audit_record", lambda **kw: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        s.submit(s.supplier_a, files=[pdf("ny.pdf")])
    first.refresh_from_db()
    assert first.status == "submitted"
    assert TenderFile.objects.count() == 1 and len(blobs(media)) == 1


def test_deadline_passing_while_files_stream_refuses_the_tender(s, media):
    with pytest.raises(ValidationError):
        s.submit(s.supplier_a, files=[pdf()], now=s.after_deadline())
    assert not Tender.objects.exists() and blobs(media) == []


# --- pages ------------------------------------------------------------------------------


def test_submit_page_accepts_files_and_receipt_shows_hashes(client, s):
    client.force_login(s.supplier_a)
    response = client.post(
        f"/tendering/calls/{s.call.pk}/submit/",
        {"content": SECRET, "price": "1000", "files": [pdf(), pdf("bilaga.pdf")]},
    )
    assert response.status_code == 302
    tender = Tender.objects.get()
    assert tender.files.count() == 2
    receipt = client.get(response["Location"])
    assert hashlib.sha256(PDF).hexdigest() in receipt.content.decode()


def test_submit_page_refuses_a_disguised_file_with_a_message(client, s):
    client.force_login(s.supplier_a)
    fake = SimpleUploadedFile("anbud.pdf", b"MZ\x90\x00" + b"\x00" * 300)
    response = client.post(
        f"/tendering/calls/{s.call.pk}/submit/",
        {"content": SECRET, "price": "1000", "files": [fake]},
    )
    assert response.status_code == 400
    assert "anbud.pdf" in response.content.decode()
    assert not Tender.objects.exists()


def test_file_download_after_opening_only_for_the_team(client, s):
    tender = s.submit(s.supplier_a, files=[pdf()])
    url = f"/tendering/files/{tender.files.get().public_id}/"
    client.force_login(s.lead)
    assert client.get(url).status_code == 404
    s.open()
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/octet-stream"
    assert "attachment" in response["Content-Disposition"]
    for user in (s.outsider_staff, s.supplier_b):
        client.force_login(user)
        assert client.get(url).status_code == 404
    page = client.force_login(s.evaluator) or client.get(
        f"/tendering/tenders/{tender.public_id}/evaluate/"
    )
    assert "anbud.pdf" in page.content.decode()


def test_sweep_removes_only_old_orphan_blobs(s, media):
    import datetime as dt

    from django.core.management import call_command

    tender = s.submit(s.supplier_a, files=[pdf()])
    orphan = media / "sealed-tenders" / str(s.call.pk) / "deadbeef.sealed"
    orphan.write_bytes(b"HSF1...")
    fresh = orphan.with_name("fresh.sealed")
    fresh.write_bytes(b"HSF1...")
    old = (dt.datetime.now() - dt.timedelta(days=1)).timestamp()
    os.utime(orphan, (old, old))
    os.utime(media / tender.files.get().blob, (old, old))
    out = io.StringIO()
    call_command("tender_blobs_sweep", stdout=out)
    assert "1 orphan" in out.getvalue()
    assert not orphan.exists() and fresh.exists()
    assert (media / tender.files.get().blob).exists()
