"""Benchmark: a deadline surge of sealed tenders with files against a real gunicorn server.

Builds a temporary SQLite database and media folder, one published call and one supplier
organisation (with a signed-in session) per tender, then starts gunicorn on 127.0.0.1 and,
in the same run:

1. baseline: the same number of 2 MB multipart uploads from the same number of
   concurrent clients to a plain upload view (bench/surge_urls.py: parse, hash, spool to
   a temporary file; no session, database or encryption);
2. surge: sets the call's deadline one window (60 s) ahead and sends every tender, each
   with one 2 MB PDF, through the real submit page (session, CSRF, the submit service:
   streamed sealing, one transaction) from the concurrent clients;
3. late: waits until the deadline has passed and sends more tenders, which must be
   refused.

Then it checks every accepted tender in the database and storage: recorded as submitted,
its file's SHA-256 equal to what was sent, the blob present and sealed. It prints
accepted / refused / failed / lost (lost must be 0) and throughput against the baseline.
Only 127.0.0.1 is contacted; every loop is bounded and the run stops itself.

Usage, from the repository root::

    .venv/bin/python bench/bench_deadline_surge.py [--tenders 500] [--clients 50]
        [--late 50] [--file-mb 2] [--workers 4] [--window 60] [--keep]
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import http.client
import os
import re
import secrets
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import serving

HARD_LIMIT_SECONDS = 600
REQUEST_TIMEOUT = 90
RECEIPT = re.compile(r"/tendering/tenders/(\d+)/$")


@dataclass
class Result:
    kind: str  # accepted | refused | failed
    seconds: float
    tender_id: int | None = None
    sha256: str = ""
    detail: str = ""


@dataclass
class Phase:
    name: str
    results: list[Result] = field(default_factory=list)
    wall: float = 0.0

    def count(self, kind: str) -> int:
        return sum(1 for r in self.results if r.kind == kind)

    def latencies(self) -> list[float]:
        return sorted(r.seconds for r in self.results)


def configure(tmp: Path) -> dict[str, str]:
    return serving.configure(
        tmp,
        DJANGO_SETTINGS_MODULE="bench.surge_settings",
        TENDER_KEY_ENCRYPTION_KEY=base64.urlsafe_b64encode(os.urandom(32)).decode(),
        ALLOWED_HOSTS="127.0.0.1",
    )


def build(count: int) -> tuple[int, list[tuple[str, str]]]:
    """The call and, per tender, a (session key, CSRF secret) of a supplier's person."""
    import datetime as dt

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.utils import timezone

    from handslag.accounts.models import Membership, Organisation, User
    from handslag.accounts.roles import OrganisationKind, OrganisationRole
    from handslag.accounts.tests.factories import valid_org_number
    from handslag.market.models import Call, CallStatus
    from handslag.projects.tests.factories import ProjectFactory

    call_command("migrate", verbosity=0)
    buyer = Organisation.objects.create(
        name="Bench kommun", kind=OrganisationKind.BUYER, org_number=valid_org_number("21")
    )
    project = ProjectFactory(organisation=buyer)
    creator = User.objects.create(username="bench-buyer")
    call = Call.objects.create(
        project=project,
        reference="BENCH-1",
        title="Deadline surge",
        summary="Bench call.",
        legal_procedure="open",
        status=CallStatus.PUBLISHED,
        published_at=timezone.now() - dt.timedelta(days=40),
        tender_deadline=timezone.now() + dt.timedelta(days=1),
        created_by=creator,
    )
    orgs = Organisation.objects.bulk_create(
        Organisation(
            name=f"Leverantör {i:04d} AB",
            kind=OrganisationKind.SUPPLIER,
            org_number=valid_org_number("55"),
        )
        for i in range(count)
    )
    users = User.objects.bulk_create(User(username=f"supplier-{i:04d}") for i in range(count))
    for user in users:
        user.set_unusable_password()
    User.objects.bulk_update(users, ["password"])
    Membership.objects.bulk_create(
        Membership(user=u, organisation=o, role=OrganisationRole.ADMIN)
        for u, o in zip(users, orgs, strict=True)
    )
    credentials = []
    for user in users:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        credentials.append((session.session_key, secrets.token_hex(16)))
    return call.pk, credentials


def multipart(fields: dict[str, str], filename: str, data: bytes) -> tuple[bytes, str]:
    boundary = "----surge" + secrets.token_hex(12)
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    parts.append(
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; '
            f'filename="{filename}"\r\nContent-Type: application/pdf\r\n\r\n'
        ).encode()
        + data
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def post(port: int, path: str, body: bytes, content_type: str, cookie: str = ""):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    try:
        headers = {"Content-Type": content_type, "Content-Length": str(len(body))}
        if cookie:
            headers["Cookie"] = cookie
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read()
        return response.status, response.getheader("Location") or "", text
    finally:
        connection.close()


def payload(index: int, size: int, block: bytes) -> bytes:
    head = b"%PDF-1.7\n%" + f"tender {index:06d} ".encode() + secrets.token_bytes(16) + b"\n"
    return head + block[: size - len(head)]


def send_tender(port: int, call_id: int, index: int, cred: tuple[str, str], data: bytes) -> Result:
    session_key, csrf = cred
    body, ctype = multipart(
        {
            "csrfmiddlewaretoken": csrf,
            "content": f"Anbud {index}: sensorer i varje kärl, drift och underhåll.",
            "price": str(100000 + index),
        },
        f"anbud-{index}.pdf",
        data,
    )
    start = time.perf_counter()
    try:
        status, location, text = post(
            port,
            f"/tendering/calls/{call_id}/submit/",
            body,
            ctype,
            cookie=f"sessionid={session_key}; csrftoken={csrf}",
        )
    except (OSError, http.client.HTTPException) as error:
        return Result("failed", time.perf_counter() - start, detail=repr(error))
    seconds = time.perf_counter() - start
    match = RECEIPT.search(location)
    if status == 302 and match:
        return Result("accepted", seconds, int(match.group(1)), hashlib.sha256(data).hexdigest())
    if status == 400:
        return Result("refused", seconds, detail=text[-200:].decode(errors="replace"))
    return Result("failed", seconds, detail=f"HTTP {status} {location}")


def send_plain(port: int, index: int, data: bytes) -> Result:
    body, ctype = multipart({}, f"plain-{index}.pdf", data)
    start = time.perf_counter()
    try:
        status, _, text = post(port, "/bench-plain-upload/", body, ctype)
    except (OSError, http.client.HTTPException) as error:
        return Result("failed", time.perf_counter() - start, detail=repr(error))
    ok = status == 200 and text.split()[-1].decode() == hashlib.sha256(data).hexdigest()
    return Result("accepted" if ok else "failed", time.perf_counter() - start)


def run_phase(name: str, clients: int, jobs: list, run) -> Phase:
    phase = Phase(name)
    lock = threading.Lock()
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        for result in pool.map(run, jobs):
            with lock:
                phase.results.append(result)
    phase.wall = time.perf_counter() - start
    return phase


def verify(accepted: list[Result]) -> tuple[int, int]:
    """(lost, stray): accepted tenders not intact in the database and storage; rows never
    acknowledged to a client."""
    from django.core.files.storage import default_storage

    from handslag.tendering import crypto
    from handslag.tendering.models import Tender, TenderFile

    by_id = {r.tender_id: r for r in accepted}
    files = {f.tender_id: f for f in TenderFile.objects.filter(tender_id__in=by_id)}
    tenders = {t.pk: t for t in Tender.objects.filter(pk__in=by_id)}
    lost = 0
    for tender_id, result in by_id.items():
        tender, record = tenders.get(tender_id), files.get(tender_id)
        intact = (
            tender is not None
            and tender.status == "submitted"
            and record is not None
            and record.sha256 == result.sha256
            and default_storage.exists(record.blob)
        )
        if intact:
            with default_storage.open(record.blob, "rb") as blob:
                intact = blob.read(len(crypto.FILE_MAGIC)) == crypto.FILE_MAGIC
        lost += not intact
    stray = Tender.objects.exclude(pk__in=by_id).count()
    return lost, stray


def describe(phase: Phase, megabytes: float) -> str:
    lat = phase.latencies() or [0.0]
    p95 = lat[min(len(lat) - 1, int(0.95 * len(lat)))]
    done = phase.count("accepted")
    return (
        f"{phase.name:<9} {len(phase.results):>4} sent  {done:>4} accepted  "
        f"{phase.count('refused'):>4} refused  {phase.count('failed'):>3} failed  "
        f"wall {phase.wall:6.1f} s  {done / phase.wall if phase.wall else 0:6.1f} req/s  "
        f"{done * megabytes / phase.wall if phase.wall else 0:6.1f} MB/s  "
        f"p50 {statistics.median(lat):5.2f} s  p95 {p95:5.2f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tenders", type=int, default=500)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--late", type=int, default=50)
    parser.add_argument("--file-mb", type=float, default=2.0)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--window", type=float, default=60.0, help="seconds before the deadline")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    if not (1 <= args.tenders <= 5000 and 1 <= args.clients <= 200 and 0 <= args.late <= 500):
        raise SystemExit("--tenders 1–5000, --clients 1–200, --late 0–500")

    began = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="handslag-surge-"))
    env = configure(tmp)
    import django

    django.setup()
    server = None
    try:
        import datetime as dt

        from django.utils import timezone

        from handslag.market.models import Call

        size = int(args.file_mb * 1024 * 1024)
        megabytes = size / (1024 * 1024)
        print(f"building {args.tenders + args.late} suppliers with sessions in {tmp} ...")
        call_id, credentials = build(args.tenders + args.late)
        block = os.urandom(size)
        port = serving.free_port()
        server = serving.start_server(port, args.workers, env, tmp / "gunicorn.log")
        SERVERS.append(server)
        print(
            f"gunicorn on 127.0.0.1:{port} with {args.workers} workers; built in "
            f"{time.perf_counter() - began:.1f} s"
        )

        # Warm-up, not measured: every worker imports the project before the clock starts.
        run_phase(
            "warm-up",
            args.workers,
            list(range(args.workers * 3)),
            lambda i: send_plain(port, i, payload(i, 64 * 1024, block)),
        )
        print(f"load average before measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        baseline = run_phase(
            "baseline",
            args.clients,
            list(range(args.tenders)),
            lambda i: send_plain(port, i, payload(i, size, block)),
        )
        print(describe(baseline, megabytes))

        deadline = timezone.now() + dt.timedelta(seconds=args.window)
        Call.objects.filter(pk=call_id).update(tender_deadline=deadline)
        surge = run_phase(
            "surge",
            args.clients,
            list(range(args.tenders)),
            lambda i: send_tender(port, call_id, i, credentials[i], payload(i, size, block)),
        )
        left = (deadline - timezone.now()).total_seconds()
        print(describe(surge, megabytes) + f"  (finished {left:.1f} s before the deadline)")

        wait = (deadline - timezone.now()).total_seconds() + 1.0
        if wait > 0:
            time.sleep(min(wait, args.window + 1))
        late_ids = list(range(args.tenders, args.tenders + args.late))
        late = run_phase(
            "late",
            args.clients,
            late_ids,
            lambda i: send_tender(port, call_id, i, credentials[i], payload(i, size, block)),
        )
        print(describe(late, megabytes))

        accepted = [r for r in surge.results + late.results if r.kind == "accepted"]
        lost, stray = verify(accepted)
        failures = [r.detail for r in surge.results + late.results if r.kind == "failed"]
        ratio = (surge.count("accepted") / surge.wall) / (
            baseline.count("accepted") / baseline.wall
        )
        print()
        print(
            f"on time : {surge.count('accepted')} accepted, {surge.count('refused')} refused, "
            f"{surge.count('failed')} failed"
        )
        print(
            f"late    : {late.count('accepted')} accepted (must be 0), "
            f"{late.count('refused')} refused, {late.count('failed')} failed"
        )
        print(
            f"lost    : {lost} (accepted with a receipt but not intact in the database "
            f"and storage; must be 0); unacknowledged rows: {stray}"
        )
        print(f"throughput of sealed tenders vs plain uploads: {ratio:.2f}×")
        if failures:
            print("first failures:", failures[:3])
        print(
            f"load average after: {os.getloadavg()[0]:.1f}; total run "
            f"{time.perf_counter() - began:.1f} s"
        )
        if lost or late.count("accepted"):
            raise SystemExit(1)
    finally:
        serving.stop_server(server, timeout=20)
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


SERVERS: list[subprocess.Popen] = []


def _hard_stop() -> None:
    for process in SERVERS:
        process.kill()
    os._exit(2)


if __name__ == "__main__":
    timer = threading.Timer(HARD_LIMIT_SECONDS, _hard_stop)
    timer.daemon = True
    timer.start()
    main()
