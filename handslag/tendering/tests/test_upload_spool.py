"""Uploads to the tender views are spooled encrypted: no plaintext ever reaches the disk.

A tender file is read from the request by SealedUploadHandler, which encrypts each chunk
as it arrives under a key that exists only in the process's memory, into an anonymous
file in the private spool directory. These tests look for a marker from the uploaded
file in the spool directory, the system temporary directory and every file the process
holds open there, after a complete upload, after an exception and after a body cut short.
"""

import asyncio
import base64
import concurrent.futures
import io
import os
import stat
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.core.files.uploadhandler import StopFutureHandlers
from django.core.handlers.wsgi import LimitedStream
from django.http.multipartparser import MultiPartParserError
from django.test import RequestFactory
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import resolve, reverse

from handslag.tendering.models import Tender
from handslag.tendering.tests.factories import Scenario

MB = 1024 * 1024


@pytest.fixture
def spool(settings, tmp_path) -> Path:
    directory = tmp_path / "spool"
    directory.mkdir(mode=0o700)
    settings.UPLOAD_SPOOL_DIR = directory
    settings.FILE_UPLOAD_TEMP_DIR = str(directory)
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return directory


@pytest.fixture
def marker() -> bytes:
    return f"HEMLIG-MARKOR-{uuid.uuid4().hex}".encode()


def secret_text(marker: bytes, size: int) -> bytes:
    """A text file of about `size` bytes with the marker on every line."""
    line = b"Anbudets hemliga bilaga " + marker + b"\n"
    return line * (size // len(line) + 1)


def _contains(path: Path, marker: bytes) -> bool:
    try:
        with open(path, "rb") as handle:
            tail = b""
            while chunk := handle.read(MB):
                if marker in tail + chunk:
                    return True
                tail = chunk[-len(marker) :]
    except OSError:
        return False
    return False


def plaintext_on_disk(marker: bytes, *roots: Path, since: float) -> list[str]:
    """Every file holding the marker: in the roots (recursively), new files directly in
    the system temporary directory, and (on Linux) every file this process holds open in
    those places, including unlinked ones."""
    found: list[str] = []
    for root in roots:
        if root.exists():
            found += [str(p) for p in root.rglob("*") if p.is_file() and _contains(p, marker)]
    system = Path(tempfile.gettempdir())
    for entry in os.scandir(system):
        try:
            fresh = entry.is_file(follow_symlinks=False) and entry.stat().st_mtime >= since
        except OSError:
            continue
        if fresh and _contains(Path(entry.path), marker):
            found.append(entry.path)
    places = tuple(str(r) for r in (*roots, system))
    fds = Path("/proc/self/fd")
    if fds.is_dir():
        for fd in fds.iterdir():
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith(places) and _contains(fd, marker):
                found.append(f"{target} (open)")
    return found


def sealed_request(path: str, data: dict, *, cut_at: int | bytes | None = None):
    """A multipart POST to `path` as the server would see it, its body optionally cut short
    at a position or where some bytes begin (the Content-Length still says the whole body,
    as when the client went away)."""
    body = encode_multipart(BOUNDARY, data)
    if isinstance(cut_at, bytes):
        cut_at = body.index(cut_at)
    received = body if cut_at is None else body[:cut_at]
    request = RequestFactory().generic("POST", path, data=received, content_type=MULTIPART_CONTENT)
    request.META["CONTENT_LENGTH"] = str(len(body))
    request._stream = LimitedStream(io.BytesIO(received), len(body))
    request.resolver_match = resolve(path)
    return request


def submit_path() -> str:
    return reverse("tendering:tender_submit", kwargs={"call_id": 1})


def test_a_large_tender_file_is_never_on_disk_in_plaintext(spool, marker):
    since = time.time() - 1
    payload = secret_text(marker, 3 * MB)  # over FILE_UPLOAD_MAX_MEMORY_SIZE
    request = sealed_request(
        submit_path(),
        {"content": "Anbud", "price": "1", "files": SimpleUploadedFile("bilaga.txt", payload)},
    )
    upload = request.FILES["files"]
    assert plaintext_on_disk(marker, spool, since=since) == []
    assert not isinstance(upload, TemporaryUploadedFile)
    assert upload.size == len(payload) and upload.name == "bilaga.txt"
    assert b"".join(upload.chunks()) == payload
    assert upload.read(10) == b""  # chunks() read to the end
    upload.seek(5)
    assert upload.read(20) == payload[5:25]
    request.close()
    assert plaintext_on_disk(marker, spool, since=since) == []
    assert list(spool.iterdir()) == []


def test_an_exception_mid_file_leaves_no_plaintext(spool, marker):
    since = time.time() - 1
    encoded = base64.b64encode(secret_text(marker, 3 * MB)) + b"A==="  # broken at the end
    body = b"".join(
        [
            f"--{BOUNDARY}\r\n".encode(),
            b'Content-Disposition: form-data; name="content"\r\n\r\nAnbud\r\n',
            f"--{BOUNDARY}\r\n".encode(),
            b'Content-Disposition: form-data; name="files"; filename="bilaga.txt"\r\n',
            b"Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n",
            encoded,
            f"\r\n--{BOUNDARY}--\r\n".encode(),
        ]
    )
    request = RequestFactory().generic(
        "POST", submit_path(), data=body, content_type=MULTIPART_CONTENT
    )
    request.resolver_match = resolve(submit_path())
    with pytest.raises(MultiPartParserError):
        request.POST  # noqa: B018
    assert plaintext_on_disk(marker, spool, since=since) == []


def test_a_body_cut_short_is_refused_and_leaves_no_plaintext(spool, marker):
    since = time.time() - 1
    payload = secret_text(marker, 4 * MB)
    data = {"content": "Anbud", "price": "1", "files": SimpleUploadedFile("bilaga.txt", payload)}
    request = sealed_request(submit_path(), data, cut_at=3 * MB)
    # A tender whose file was cut off must never reach the view as a tender without it.
    with pytest.raises(MultiPartParserError):
        request.POST  # noqa: B018
    assert plaintext_on_disk(marker, spool, since=since) == []


def test_a_body_cut_between_parts_is_refused(spool, marker):
    """The first file arrived whole, the second never did: not a tender with one file."""
    first = SimpleUploadedFile("a.txt", secret_text(marker, 100_000))
    second = SimpleUploadedFile("b.txt", secret_text(marker, 100_000))
    data = {"content": "Anbud", "price": "1", "files": [first, second]}
    request = sealed_request(submit_path(), data, cut_at=b'filename="b.txt"')
    with pytest.raises(MultiPartParserError):
        request.POST  # noqa: B018


def test_the_handler_writes_only_ciphertext_and_forgets_it_when_interrupted(spool, marker):
    from handslag.tendering.upload_spool import SealedUploadHandler

    request = RequestFactory().post(submit_path())
    request.resolver_match = resolve(submit_path())
    handler = SealedUploadHandler(request)
    handler.handle_raw_input(None, request.META, 10 * MB, BOUNDARY.encode())
    with pytest.raises(StopFutureHandlers):
        handler.new_file("files", "bilaga.txt", "text/plain", None)
    for _ in range(40):
        assert handler.receive_data_chunk(secret_text(marker, 64 * 1024), 0) is None
    spooled = handler.writer.spool
    spooled.flush()
    spooled.seek(0)
    raw = spooled.read()
    assert len(raw) > 40 * 64 * 1024 and marker not in raw
    assert plaintext_on_disk(marker, spool, since=time.time() - 60) == []
    handler.upload_interrupted()
    assert spooled.closed and handler.writer is None


def test_spool_directory_is_private(spool, marker):
    spool.rmdir()  # the first upload makes it
    request = sealed_request(
        submit_path(),
        {"files": SimpleUploadedFile("bilaga.txt", secret_text(marker, 1000))},
    )
    request.FILES  # noqa: B018
    assert stat.S_IMODE(spool.stat().st_mode) == 0o700
    request.close()


def test_other_uploads_use_django_temp_files_in_the_private_directory(spool, marker):
    from config import settings as project

    assert str(project.UPLOAD_SPOOL_DIR) == project.FILE_UPLOAD_TEMP_DIR
    assert project.FILE_UPLOAD_HANDLERS[-1].endswith("TemporaryFileUploadHandler")
    request = sealed_request(
        reverse("documents:attachment_upload", kwargs={"pk": 1}),
        {"file": SimpleUploadedFile("plan.txt", secret_text(marker, 3 * MB))},
    )
    upload = request.FILES["file"]
    assert isinstance(upload, TemporaryUploadedFile)
    assert Path(upload.temporary_file_path()).parent == spool
    request.close()


def test_an_oversize_tender_is_refused_without_spooling_all_of_it(
    spool, marker, settings, monkeypatch
):
    from handslag.core.uploads import EncryptedSpool

    settings.TENDER_MAX_BYTES = 1 * MB
    written: list[int] = []
    real = EncryptedSpool.write

    def counting(self, data):
        written.append(len(data))
        return real(self, data)

    files = [
        SimpleUploadedFile("a.txt", secret_text(marker, MB // 2)),
        SimpleUploadedFile("b.txt", secret_text(marker, MB)),
    ]
    request = sealed_request(submit_path(), {"content": "Anbud", "price": "1", "files": files})
    monkeypatch.setattr(EncryptedSpool, "write", counting)
    uploads = request.FILES.getlist("files")
    assert sum(written) <= 1 * MB
    assert len(uploads) == 2 and sum(u.size for u in uploads) > 1 * MB
    request.close()


def test_a_declared_oversize_body_spools_nothing(spool, marker, settings, monkeypatch):
    from handslag.core.uploads import EncryptedSpool

    settings.TENDER_MAX_BYTES = 1 * MB
    files = SimpleUploadedFile("a.txt", secret_text(marker, 5 * MB))
    request = sealed_request(submit_path(), {"content": "Anbud", "price": "1", "files": files})

    def refuse(self, *args, **kwargs):
        raise AssertionError("nothing should be spooled")

    monkeypatch.setattr(EncryptedSpool, "__init__", refuse)
    upload = request.FILES["files"]
    assert upload.size > 1 * MB
    request.close()


def test_spool_sweep_removes_only_old_files(spool, settings):
    from handslag.core.uploads import upload_spool_dir, upload_spool_sweep

    directory = upload_spool_dir()
    old, fresh = directory / "tmpold.upload.txt", directory / "tmpnew.upload.txt"
    old.write_bytes(b"x")
    fresh.write_bytes(b"y")
    past = time.time() - (settings.UPLOAD_SPOOL_MAX_AGE_MINUTES + 1) * 60
    os.utime(old, (past, past))
    assert upload_spool_sweep() == 1
    assert not old.exists() and fresh.exists()


def test_spool_directory_is_made_private_again(spool):
    from handslag.core.uploads import upload_spool_dir

    spool.chmod(0o755)
    assert upload_spool_dir() == spool
    assert stat.S_IMODE(spool.stat().st_mode) == 0o700


def test_management_commands_run_before_the_spool_directory_exists(tmp_path):
    """Django's check files.E001 refuses every command while FILE_UPLOAD_TEMP_DIR is missing."""
    directory = tmp_path / "fresh" / "spool"
    env = {"PATH": "/usr/bin:/bin", "DEBUG": "1", "UPLOAD_SPOOL_DIR": str(directory)}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=Path(__file__).resolve().parents[3],
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700


# --- through the views ------------------------------------------------------------------

PDF = b"%PDF-1.7\n" + b"hemlig bilaga\n" * 30 + b"%%EOF\n"


@pytest.mark.django_db
@pytest.mark.parametrize("where", ["page", "api"])
def test_both_tender_views_receive_spooled_files(client, spool, monkeypatch, where):
    from handslag.tendering import services
    from handslag.tendering.tests.test_api import BASE, auth
    from handslag.tendering.upload_spool import SpooledUpload

    seen: list[type] = []
    real = services.tender_submit

    def spy(**kwargs):
        seen.extend(type(f) for f in kwargs.get("files") or [])
        return real(**kwargs)

    monkeypatch.setattr(services, "tender_submit", spy)
    s = Scenario()
    data = {"content": "Anbud", "price": "1200", "files": [SimpleUploadedFile("a.pdf", PDF)]}
    if where == "page":
        client.force_login(s.supplier_a)
        url = reverse("tendering:tender_submit", kwargs={"call_id": s.call.pk})
        assert client.post(url, data).status_code == 302
    else:
        url = f"{BASE}/calls/{s.call.pk}/tenders/with-files"
        assert client.post(url, data, **auth(s.supplier_a)).status_code == 201
    assert seen == [SpooledUpload]
    assert Tender.objects.get().files.get().size == len(PDF)


@pytest.mark.django_db
@pytest.mark.parametrize("where", ["page", "api"])
def test_a_tender_whose_body_was_cut_short_is_not_recorded(client, spool, marker, where):
    from handslag.tendering.tests.test_api import BASE, auth

    s = Scenario()
    files = [SimpleUploadedFile("a.pdf", PDF), SimpleUploadedFile("b.txt", b"x" * 100_000)]
    body = encode_multipart(BOUNDARY, {"content": "Anbud", "price": "1200", "files": files})
    cut = body[: body.index(b'filename="b.txt"')]  # the second file never arrived
    extra = {"CONTENT_LENGTH": str(len(body)), "wsgi.input": io.BytesIO(cut)}
    if where == "page":
        client.force_login(s.supplier_a)
        url = reverse("tendering:tender_submit", kwargs={"call_id": s.call.pk})
    else:
        url = f"{BASE}/calls/{s.call.pk}/tenders/with-files"
        extra.update(auth(s.supplier_a))
    client.raise_request_exception = False
    response = client.generic("POST", url, data=cut, content_type=MULTIPART_CONTENT, **extra)
    assert response.status_code == 400
    assert not Tender.objects.exists()


@pytest.mark.django_db
def test_an_oversize_tender_on_the_page_gets_a_clear_message(client, spool, settings):
    settings.TENDER_MAX_BYTES = 64 * 1024
    s = Scenario()
    client.force_login(s.supplier_a)
    big = SimpleUploadedFile("a.pdf", PDF + b"0" * (128 * 1024), content_type="application/pdf")
    url = reverse("tendering:tender_submit", kwargs={"call_id": s.call.pk})
    response = client.post(url, {"content": "Anbud", "price": "1", "files": [big]})
    assert response.status_code == 400
    assert "större än gränsen" in response.content.decode()
    assert not Tender.objects.exists()


def test_sealed_view_names_resolve():
    from handslag.tendering.upload_spool import SEALED_UPLOAD_VIEWS

    for name in SEALED_UPLOAD_VIEWS:
        assert reverse(name, kwargs={"call_id": 1})


# --- under ASGI, where Django reads the whole body first ---------------------------------


def _run(coroutine):
    """Run a coroutine to its end in a thread of its own: a browser test earlier in the same
    process may have left an event loop running in this one."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _receive(messages: list[dict]):
    async def receive() -> dict:
        return messages.pop(0)

    return receive


def test_asgi_buffers_a_large_body_encrypted(spool, marker):
    from handslag.core.uploads import SpoolingASGIHandler

    since = time.time() - 1
    payload = secret_text(marker, 3 * MB)
    messages = [
        {"type": "http.request", "body": payload[i : i + MB], "more_body": i + MB < len(payload)}
        for i in range(0, len(payload), MB)
    ]
    body = _run(SpoolingASGIHandler().read_body(_receive(messages)))
    assert plaintext_on_disk(marker, spool, since=since) == []
    assert body.read() == payload
    body.seek(0)
    assert body.read(7) == payload[:7]
    body.close()


def test_asgi_disconnect_mid_body_leaves_nothing(spool, marker):
    from django.core.exceptions import RequestAborted

    from handslag.core.uploads import SpoolingASGIHandler

    since = time.time() - 1
    messages = [
        {"type": "http.request", "body": secret_text(marker, 3 * MB), "more_body": True},
        {"type": "http.disconnect"},
    ]
    with pytest.raises(RequestAborted):
        _run(SpoolingASGIHandler().read_body(_receive(messages)))
    assert plaintext_on_disk(marker, spool, since=since) == []


def test_asgi_keeps_a_small_body_in_memory(spool):
    from handslag.core.uploads import SpoolingASGIHandler

    messages = [{"type": "http.request", "body": b"a=1", "more_body": False}]
    body = _run(SpoolingASGIHandler().read_body(_receive(messages)))
    assert isinstance(body, io.BytesIO) and body.read() == b"a=1"
