"""Benchmark: the project list and the project overview with 3 000 projects and 100 000 log
entries, against a trivial view, under concurrent clients on a real gunicorn server.

Builds a temporary SQLite database (bulk inserts: projects with the innovation partnership's
nine stages and their checklists, team rows, risks, and audit log entries), then in the same
run:

1. counts the database queries each page makes (in process, Django's test client), for the
   project list, a project's overview, its timeline and its risk register, and the trivial
   view (/healthz: one SELECT 1);
2. starts gunicorn on 127.0.0.1 and sends the same number of requests from N concurrent
   clients (default 16), signed in as a procurement officer, first to /healthz (the
   baseline), then to the project list (pages 1..k) and to project overviews (random projects
   the person may see), and prints p50 / p95 / max latency, throughput and the ratio of each
   page's p95 to the baseline's.

Only 127.0.0.1 is contacted; every loop is bounded and the run stops itself.

Usage, from the repository root::

    .venv/bin/python bench/bench_project_overview.py [--projects 3000] [--log 100000]
        [--clients 16] [--requests 250] [--workers 4] [--keep]
"""

from __future__ import annotations

import argparse
import http.client
import random
import secrets
import shutil
import statistics
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import serving

HARD_LIMIT_SECONDS = 900
REQUEST_TIMEOUT = 60


def configure(tmp: Path) -> dict[str, str]:
    return serving.configure(tmp, ALLOWED_HOSTS="127.0.0.1,testserver", DB_CONN_MAX_AGE="60")


def build(projects: int, log_entries: int) -> tuple[int, list[int]]:
    """Return the signed-in person's user id and the ids of projects they may see."""
    from datetime import timedelta

    from django.utils import timezone

    from handslag.accounts.models import Membership, Organisation, User
    from handslag.accounts.roles import OrganisationKind, OrganisationRole, ProjectRole
    from handslag.audit.models import AuditEntry
    from handslag.projects.audit_actions import ProjectsAction
    from handslag.projects.models import (
        ChecklistItem,
        ProcedureTemplate,
        Project,
        ProjectMember,
        Risk,
        Stage,
        StageStatus,
    )

    rng = random.Random(4)
    template = ProcedureTemplate.objects.get(
        key="innovation_partnership", version=1, organisation__isnull=True
    )
    stage_templates = list(template.stages.prefetch_related("items").order_by("order"))
    orgs = [
        Organisation.objects.create(
            name=f"Kommun {n}",
            org_number=f"212000-{n:04d}",
            kind=OrganisationKind.BUYER,
        )
        for n in range(10)
    ]
    officer = User.objects.create_user(
        username="bench-officer", password=None, first_name="Bench", last_name="Officer"
    )
    Membership.objects.create(
        user=officer, organisation=orgs[0], role=OrganisationRole.PROCUREMENT_OFFICER
    )
    others = [User.objects.create_user(username=f"bench-{n}", password=None) for n in range(20)]
    today = timezone.localdate()
    now = timezone.now()
    rows = [
        Project(
            title=f"Innovationsprojekt {n}",
            summary="Ett behov som ingen lösning på marknaden möter i dag.",
            organisation=orgs[n % len(orgs)],
            template=template,
            created_by=officer if n % 10 == 0 else rng.choice(others),
        )
        for n in range(projects)
    ]
    Project.objects.bulk_create(rows, batch_size=1000)
    created = list(Project.objects.order_by("pk"))
    stages, members, risks = [], [], []
    for project in created:
        current = rng.randrange(1, len(stage_templates) + 1)
        start = today - timedelta(days=rng.randrange(100, 900))
        for st in stage_templates:
            end = start + timedelta(days=st.typical_days - 1)
            status = (
                StageStatus.PASSED
                if st.order < current
                else StageStatus.OPEN
                if st.order == current
                else StageStatus.PENDING
            )
            stages.append(
                Stage(
                    project=project,
                    order=st.order,
                    key=st.key,
                    name=st.name,
                    guidance=st.guidance,
                    typical_days=st.typical_days,
                    status=status,
                    planned_start=start,
                    planned_end=end,
                    actual_start=start if st.order <= current else None,
                    actual_end=end if st.order < current else None,
                )
            )
            start = end + timedelta(days=1)
        lead = project.created_by
        members.append(ProjectMember(project=project, user=lead, role=ProjectRole.PROJECT_LEAD))
        members.append(
            ProjectMember(project=project, user=rng.choice(others), role=ProjectRole.NEED_OWNER)
        )
        for r in range(3):
            risks.append(
                Risk(
                    project=project,
                    title=f"Risk {r}",
                    probability=rng.randint(1, 5),
                    impact=rng.randint(1, 5),
                    review_date=today + timedelta(days=rng.randint(-30, 60)),
                    created_by=lead,
                )
            )
    Stage.objects.bulk_create(stages, batch_size=2000)
    ProjectMember.objects.bulk_create(members, batch_size=2000)
    Risk.objects.bulk_create(risks, batch_size=2000)
    items_by_order = {st.order: list(st.items.all()) for st in stage_templates}
    items = []
    for stage in Stage.objects.only("pk", "order", "status").iterator(chunk_size=5000):
        for it in items_by_order[stage.order]:
            items.append(
                ChecklistItem(
                    stage_id=stage.pk,
                    order=it.order,
                    text=it.text,
                    guidance=it.guidance,
                    required=it.required,
                    done=stage.status == StageStatus.PASSED,
                )
            )
    ChecklistItem.objects.bulk_create(items, batch_size=5000)
    ids = [p.pk for p in created]
    entries = []
    prev = "0" * 64
    for n in range(log_entries):
        project_id = ids[n % len(ids)]
        digest = secrets.token_hex(32)
        entries.append(
            AuditEntry(
                created_at=now - timedelta(seconds=log_entries - n),
                actor=officer,
                actor_label=str(officer),
                action=rng.choice(
                    [
                        ProjectsAction.CHECKLIST_ITEM_DONE,
                        ProjectsAction.STAGE_GATE_PASS,
                        ProjectsAction.RISK_UPDATE,
                    ]
                ).value,
                target_type="projects.project",
                target_id=str(project_id),
                target_label=f"Innovationsprojekt {project_id}",
                organisation_id=orgs[0].pk,
                data={"project": project_id},
                prev_hash=prev,
                hash=digest,
            )
        )
        prev = digest
    AuditEntry.objects.bulk_create(entries, batch_size=5000)
    visible = list(
        Project.objects.filter(organisation=orgs[0]).values_list("pk", flat=True)
    ) + list(ProjectMember.objects.filter(user=officer).values_list("project_id", flat=True))
    return officer.pk, sorted(set(visible))


def count_queries(user_id: int, project_id: int, list_pages: int) -> dict[str, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from handslag.accounts.models import User

    client = Client(HTTP_ACCEPT_LANGUAGE="sv")
    client.force_login(User.objects.get(pk=user_id))
    pages = {
        "baseline /healthz": "/healthz",
        "project list, page 1": "/projects/",
        f"project list, page {list_pages}": f"/projects/?page={list_pages}",
        "project overview": f"/projects/{project_id}/",
        "timeline": f"/projects/{project_id}/timeline/",
        "risk register": f"/projects/{project_id}/risks/",
    }
    counts = {}
    for label, path in pages.items():
        client.get(path)  # warm caches (translations, templates)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        counts[label] = len(captured.captured_queries)
    return counts


def session_cookie(user_id: int) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from handslag.accounts.models import User

    user = User.objects.get(pk=user_id)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def run_phase(
    port: int, paths: list[str], cookie: str, clients: int, deadline: float
) -> tuple[list[float], int, float]:
    """Send every path once from `clients` threads (one keep-alive connection each)."""
    local = threading.local()
    failures = 0
    lock = threading.Lock()

    def get(path: str) -> float | None:
        nonlocal failures
        if time.monotonic() > deadline:
            return None
        if getattr(local, "conn", None) is None:
            local.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
        started = time.perf_counter()
        try:
            local.conn.request("GET", path, headers={"Cookie": cookie, "Accept-Language": "sv"})
            response = local.conn.getresponse()
            response.read()
            ok = response.status == 200
        except (OSError, http.client.HTTPException):
            local.conn.close()
            local.conn = None
            ok = False
        elapsed = time.perf_counter() - started
        if not ok:
            with lock:
                failures += 1
            return None
        return elapsed

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        results = list(pool.map(get, paths))
    wall = time.perf_counter() - started
    return sorted(r for r in results if r is not None), failures, wall


def p(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--projects", type=int, default=3000)
    parser.add_argument("--log", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=250, help="per page kind")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()

    began = time.monotonic()
    deadline = began + HARD_LIMIT_SECONDS
    tmp = Path(tempfile.mkdtemp(prefix="hs-bench-overview-"))
    env = configure(tmp)
    import django

    django.setup()
    from django.core.management import call_command

    server = None
    try:
        t = time.perf_counter()
        call_command("migrate", verbosity=0)
        print(f"migrated in {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        user_id, visible = build(args.projects, args.log)
        print(
            f"built {args.projects} projects, {args.log} log entries in "
            f"{time.perf_counter() - t:.1f} s; the officer sees {len(visible)} projects"
        )
        list_pages = max(1, (len(visible) + 24) // 25)
        rng = random.Random(7)
        sample = rng.choice(visible)
        counts = count_queries(user_id, sample, list_pages)
        print("\nqueries per page (in process):")
        for label, n in counts.items():
            print(f"  {label:<28} {n:>4}")

        cookie = session_cookie(user_id)
        from django.db import connections

        connections.close_all()
        port = serving.free_port()
        server = serving.start_server(port, args.workers, env, tmp / "gunicorn.log")
        n = args.requests
        phases = {
            "baseline /healthz": ["/healthz"] * n,
            "project list": [f"/projects/?page={rng.randint(1, list_pages)}" for _ in range(n)],
            "project overview": [f"/projects/{rng.choice(visible)}/" for _ in range(n)],
        }
        # warm every worker
        run_phase(
            port,
            ["/healthz", "/projects/", f"/projects/{sample}/"] * args.workers * 2,
            cookie,
            args.clients,
            deadline,
        )
        print(
            f"\n{args.clients} concurrent clients, {n} requests per page kind, "
            f"gunicorn with {args.workers} workers on 127.0.0.1:{port}:"
        )
        print(
            f"  {'page':<20} {'ok':>5} {'fail':>5} {'req/s':>7} {'p50 ms':>8} "
            f"{'p95 ms':>8} {'max ms':>8} {'p95 ratio':>10}"
        )
        base_p95 = None
        for label, paths in phases.items():
            latencies, failures, wall = run_phase(port, paths, cookie, args.clients, deadline)
            p95 = p(latencies, 0.95)
            if base_p95 is None:
                base_p95 = p95
            print(
                f"  {label:<20} {len(latencies):>5} {failures:>5} "
                f"{len(latencies) / wall if wall else 0:>7.1f} "
                f"{statistics.median(latencies) * 1000 if latencies else float('nan'):>8.1f} "
                f"{p95 * 1000:>8.1f} {latencies[-1] * 1000 if latencies else float('nan'):>8.1f} "
                f"{p95 / base_p95 if base_p95 else float('nan'):>9.1f}x"
            )
        print(f"\ntotal run {time.monotonic() - began:.0f} s")
    finally:
        serving.stop_server(server, timeout=15)
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
