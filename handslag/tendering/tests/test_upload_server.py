"""A real server (gunicorn, config.wsgi) leaves no plaintext tender file and no half tender
when a client goes away mid-upload or the worker is killed mid-upload.

The server runs in a subprocess on a free loopback port against an SQLite file with the
test database's schema, with one sync worker. A supplier signed in with a session cookie
sends a multipart tender with a large file whose every line holds a marker; afterwards the
spool directory, MEDIA_ROOT, the worker's working directory and the system temporary
directory are searched for the marker, and the database for a submitted tender.

Skipped, with the reason, where gunicorn cannot start (or not on Linux).
"""

import json
import os
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from handslag.tendering.tests.test_upload_spool import plaintext_on_disk, secret_text

REPO = Path(__file__).resolve().parents[3]
MB = 1024 * 1024
CSRF = secrets.token_hex(16)  # a 32-character secret, used as cookie and form token

SETUP = """
import json
from django.conf import settings
from django.test import Client
from handslag.tendering.tests.factories import CallFactory, invited_supplier_user

call = CallFactory()
people = {}
for name in ("control", "cut", "killed"):
    user = invited_supplier_user(call)
    client = Client()
    client.force_login(user)
    people[name] = {
        "session": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "supplier": user.memberships.get().organisation_id,
    }
print("SETUP" + json.dumps({"call": call.pk, "people": people}))
"""

pytestmark = [
    pytest.mark.skipif(
        not sys.platform.startswith("linux"), reason="the server tests need Linux (/proc, SIGKILL)"
    ),
    # Only so that the test database exists to copy its schema from; the tests themselves
    # read the server's own database file.
    pytest.mark.django_db,
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _copy_test_database(target: Path) -> bool:
    """Copy the (migrated) SQLite test database into a file; False if it is not SQLite."""
    from django.db import connection

    if connection.vendor != "sqlite":
        return False
    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    copy.close()
    return True


class Server:
    def __init__(self, root: Path, process: subprocess.Popen, port: int, data: dict) -> None:
        self.root, self.process, self.port, self.data = root, process, port, data
        self.media = root / "media"
        self.cwd = root / "cwd"
        self.db = root / "db.sqlite3"

    def get(self, path: str, timeout: float = 5) -> int:
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as conn:
            conn.sendall(
                f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
            )
            head = conn.recv(64)
        return int(head.split()[1]) if head.startswith(b"HTTP/") else 0

    def wait_ready(self, seconds: float = 20) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                if self.get("/healthz", timeout=2) == 200:
                    return True
            except OSError:
                pass
            time.sleep(0.2)
        return False

    def workers(self) -> list[int]:
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                children.append(int(stat.parent.name))
        return children

    def submitted(self, who: str) -> int:
        with sqlite3.connect(self.db) as db:
            (count,) = db.execute(
                "SELECT COUNT(*) FROM tendering_tender WHERE supplier_id = ? AND status = ?",
                (self.data["people"][who]["supplier"], "submitted"),
            ).fetchone()
        db.close()
        return count

    def open_upload(self, who: str, payload: bytes) -> tuple[socket.socket, bytes]:
        """Connect and send the request head; returns the socket and the body to send."""
        body = encode_multipart(
            BOUNDARY,
            {
                "csrfmiddlewaretoken": CSRF,
                "content": "Vårt anbud, se bilagan.",
                "price": "125000",
                "files": SimpleUploadedFile("bilaga.txt", payload, content_type="text/plain"),
            },
        )
        session = self.data["people"][who]["session"]
        head = (
            f"POST /tendering/calls/{self.data['call']}/submit/ HTTP/1.1\r\n"
            f"Host: 127.0.0.1:{self.port}\r\n"
            f"Cookie: {settings.SESSION_COOKIE_NAME}={session}; {settings.CSRF_COOKIE_NAME}={CSRF}\r\n"
            f"Content-Type: {MULTIPART_CONTENT}\r\n"
            f"Content-Length: {len(body)}\r\n"
            "Connection: close\r\n\r\n"
        )
        conn = socket.create_connection(("127.0.0.1", self.port), timeout=10)
        conn.sendall(head.encode())
        return conn, body


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker, tmp_path_factory):
    root = tmp_path_factory.mktemp("upload-server")
    (root / "cwd").mkdir()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTEST_", "DJANGO_", "UPLOAD_", "FILE_UPLOAD"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        PYTHONPATH=str(REPO),
        DATABASE_URL=f"sqlite:///{root / 'db.sqlite3'}",
        SECRET_KEY="server-test-only-secret-key",
        TENDER_KEY_ENCRYPTION_KEY=settings.TENDER_KEY_ENCRYPTION_KEY,
        MEDIA_ROOT=str(root / "media"),
        SECURE_COOKIES="0",
        STATIC_MANIFEST="0",
        TASKS_BACKEND="immediate",
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
    )
    manage = [sys.executable, str(REPO / "manage.py")]
    with django_db_blocker.unblock():
        copied = _copy_test_database(root / "db.sqlite3")
    if not copied:
        migrated = subprocess.run(  # noqa: S603 - fixed interpreter and arguments
            [*manage, "migrate", "-v0"],
            env=env,
            cwd=root,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert migrated.returncode == 0, migrated.stderr[-3000:]
    setup = subprocess.run(  # noqa: S603 - fixed interpreter and code
        [*manage, "shell", "-c", SETUP],
        env=env,
        cwd=root / "cwd",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert setup.returncode == 0, setup.stderr[-3000:]
    data = json.loads(setup.stdout.split("SETUP", 1)[1])
    port = _free_port()
    log = open(root / "gunicorn.log", "wb")  # noqa: SIM115
    try:
        process = subprocess.Popen(  # noqa: S603 - fixed interpreter and arguments
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                f"--bind=127.0.0.1:{port}",
                "--workers=1",
                "--timeout=30",
                "--graceful-timeout=2",
            ],
            env=env,
            cwd=root / "cwd",
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    except OSError as error:
        pytest.skip(f"gunicorn cannot start: {error}")
    running = Server(root, process, port, data)
    try:
        if not running.wait_ready(40):
            process.kill()
            tail = (root / "gunicorn.log").read_text(errors="replace")[-2000:]
            pytest.skip(f"gunicorn did not start on 127.0.0.1:{port}:\n{tail}")
        yield running
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture
def marker():
    """The marker, and the promise that any plaintext found is removed after the test."""
    value = f"HEMLIG-SERVERMARKOR-{uuid.uuid4().hex}".encode()
    yield value
    for place in (Path(tempfile.gettempdir()),):
        for entry in place.glob("*.upload*"):
            if entry.is_file() and value in entry.read_bytes():
                entry.unlink()


def places(server: Server) -> list[Path]:
    spool = server.media / ".upload-spool"
    return [spool, server.media, server.cwd]


def test_a_complete_upload_is_received_and_leaves_no_plaintext(server, marker):
    """The control: the session, CSRF token and call are right, so the tests below mean it."""
    since = time.time() - 1
    conn, body = server.open_upload("control", secret_text(marker, 3 * MB))
    with conn:
        conn.sendall(body)
        status = conn.recv(64)
    assert status.split()[1] == b"302", status
    assert server.submitted("control") == 1
    assert plaintext_on_disk(marker, *places(server), since=since) == []


def test_a_client_gone_mid_body_leaves_no_plaintext_and_no_tender(server, marker):
    since = time.time() - 1
    conn, body = server.open_upload("cut", secret_text(marker, 8 * MB))
    with conn:
        conn.sendall(body[: len(body) // 2])
        time.sleep(0.5)
    assert server.wait_ready(), "the server stopped answering"
    assert plaintext_on_disk(marker, *places(server), since=since) == []
    assert server.submitted("cut") == 0


def test_a_worker_killed_mid_body_leaves_no_plaintext_and_no_tender(server, marker):
    since = time.time() - 1
    (worker,) = server.workers()
    conn, body = server.open_upload("killed", secret_text(marker, 8 * MB))
    with conn:
        conn.sendall(body[: len(body) // 2])
        time.sleep(1.0)  # let the worker read and spool what was sent
        os.kill(worker, signal.SIGKILL)
    assert server.wait_ready(), "no new worker took over"
    assert server.workers() != [worker]
    assert plaintext_on_disk(marker, *places(server), since=since) == []
    assert server.submitted("killed") == 0
