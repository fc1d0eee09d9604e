"""Before the opening nobody at the buyer learns who tendered, or how many did.

Three worlds that differ only in the sealed tenders (none, one, two; see worlds.py) are
walked by every buyer-side persona over every URL pattern, every GET operation of the
API and the admin. Each answer (status, content type, redirect target and body) must be
byte-identical in the three worlds once the few volatile parts below are normalised.

The walk runs once per module; the tests below read its results. Run with -s to see
the figures.
"""

import contextlib
import io
import itertools
import logging
import re
import tempfile
import time
import zipfile
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
import time_machine
from django.contrib import admin
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from handslag.accounts.models import ApiToken
from handslag.audit.guards import install_guards
from handslag.documents.models import DocumentKind
from handslag.needs.models import ExpectedEffect
from handslag.projects.models import ChecklistItem, ProjectMember, Stage
from handslag.tendering.models import Tender, TenderFile
from tests.secrecy import worlds

pytestmark = pytest.mark.django_db  # the module fixture needs the test database set up

# Known leaks that other work is fixing now. Each is an xfail(strict=True) below: once
# the fix is merged the test passes, strict turns that into a failure, and the entry
# must be removed. Keys are URL names ("namespace:name") or API operation ids.
KNOWN_LEAKS: dict[str, str] = {}

# Patterns the walk cannot fill, each with the reason.
SKIP: dict[str, str] = {
    "admin:view_on_site": "No registered model has get_absolute_url; always 404.",
    "admin:admin/(?P<url>.*)": "The admin's catch-all: a redirect or 404 for any path.",
    "api-1.0.0:openapi-json": "The API's schema: the same for everyone, and slow to build.",
    "api-1.0.0:openapi-view": "The schema's viewer: a static page.",
}

UNKNOWN = 987_654  # an id that exists in no world
UNKNOWN_STR = "0000000000000000"
UNKNOWN_UUID = "00000000-0000-4000-8000-000000000000"  # a public id that exists in no world
# Records named by a public id (a uuid) in their paths, by the segment before the id.
PUBLIC_ID_SEGMENTS = {"tenders", "files", "cases", "consultations"}

# The volatile parts of an answer. Everything else must be equal byte for byte; the
# clock is frozen while building and walking, so no dates need to be hidden.
VOLATILE: tuple[tuple[re.Pattern[bytes], bytes], ...] = (
    # The CSRF token is masked afresh for every response.
    (re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]+'), rb"\1-"),
    (re.compile(rb'("X-CSRFToken": ")[^"]+'), rb"\1-"),
)

PARAM = re.compile(r"<(?:(\w+):)?(\w+)>|\{(?:\w+:)?(\w+)\}|\(\?P<(\w+)>[^)]*\)")


# --- the URLs -----------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    name: str  # the key of KNOWN_LEAKS and SKIP
    route: str  # with its parameters still in
    app: str  # the first segment, or "api/<router>" for the API


@dataclass(frozen=True)
class Visit:
    name: str
    url: str
    bearer: bool  # an API token, or else the signed-in session


def _resolver_patterns(patterns: list, prefix: str = "", namespace: str = "") -> Iterator:
    for p in patterns:
        if isinstance(p, URLResolver):
            inner = ":".join(filter(None, [namespace, p.namespace]))
            yield from _resolver_patterns(p.url_patterns, prefix + str(p.pattern), inner)
        elif isinstance(p, URLPattern):
            route = (prefix + str(p.pattern)).replace("^", "").replace("$", "")
            yield Pattern(f"{namespace}:{p.name or route}", route, _app(route))


def _app(route: str) -> str:
    parts = route.split("/")
    return f"api/{parts[2]}" if route.startswith("api/v1/") else parts[0]


def url_patterns() -> list[Pattern]:
    return list(_resolver_patterns(get_resolver().url_patterns))


def api_get_operations() -> list[Pattern]:
    from config.api import api

    schema = api.get_openapi_schema()
    found = []
    for path, operations in schema["paths"].items():
        if "get" in operations:
            route = path.lstrip("/")
            found.append(Pattern(f"api:{operations['get']['operationId']}", route, _app(route)))
    return found


def _ids(queryset) -> list:
    return list(queryset.order_by("pk").values_list("pk", flat=True)) or [UNKNOWN]


def _unknown(s) -> list:
    return [UNKNOWN]


def fillers() -> dict[tuple[str, str, str], Callable]:
    """(app, the segment before the parameter, parameter) -> the values to try.

    Objects that cannot exist before the opening (awards, contracts, document requests)
    and ones this world does not build get an id that exists nowhere: the answer to it
    must still be the same in every world.
    """
    project = lambda s: [s.project.pk]  # noqa: E731
    call = lambda s: [s.call.pk]  # noqa: E731
    tenders = lambda s: [t.public_id for t in s.tenders] or [UNKNOWN_UUID]  # noqa: E731
    files = lambda s: [f.public_id for f in s.files] or [UNKNOWN_UUID]  # noqa: E731
    claims = lambda s: s.claim_ids or [UNKNOWN_STR]  # noqa: E731
    suppliers = lambda s: [  # noqa: E731
        u.memberships.get().organisation_id for u in (s.supplier_a, s.supplier_b, s.supplier_c)
    ]
    need = lambda s: [s.need.pk]  # noqa: E731
    effect = lambda s: _ids(ExpectedEffect.objects.filter(need=s.need))  # noqa: E731
    challenge = lambda s: [s.challenge.pk]  # noqa: E731
    stage = lambda s: _ids(Stage.objects.filter(project=s.project))[:1]  # noqa: E731
    item = lambda s: _ids(ChecklistItem.objects.filter(stage__project=s.project))[:1]  # noqa: E731
    team = lambda s: _ids(ProjectMember.objects.filter(project=s.project))[:1]  # noqa: E731
    template = lambda s: [s.project.template_id]  # noqa: E731
    risk = lambda s: [s.risk.pk]  # noqa: E731
    resources = lambda s: ["budget", "hours", "funding"]  # noqa: E731
    applications = lambda s: _ids(s.call.applications.all())  # noqa: E731
    rounds = lambda s: [1, 2]  # noqa: E731
    model = lambda s: [s.benefit_model.pk]  # noqa: E731
    line = lambda s: _ids(s.benefit_model.lines.all())[:1]  # noqa: E731
    meeting = lambda s: [s.meeting.pk]  # noqa: E731
    action = lambda s: [s.action.pk]  # noqa: E731
    stakeholder = lambda s: [s.stakeholder.pk]  # noqa: E731
    communication = lambda s: [s.communication.pk]  # noqa: E731
    organisation = lambda s: [s.organisation.pk]  # noqa: E731
    table = {
        ("accounts", "tokens", "token_id"): lambda s: _ids(ApiToken.objects.filter(user=s.lead)),
        # needs
        ("needs", "challenges", "pk"): challenge,
        ("needs", "published", "pk"): challenge,
        ("needs", "statements", "pk"): need,
        ("needs", "effects", "pk"): effect,
        ("needs", "attachments", "pk"): _unknown,
        ("needs", "export.", "kind"): lambda s: ["docx", "pdf"],
        ("needs", "networks", "pk"): _unknown,
        ("needs", "invitations", "pk"): _unknown,
        ("needs", "*", "answer"): lambda s: ["accept"],
        ("api/needs", "challenges", "challenge_id"): challenge,
        ("api/needs", "statements", "need_id"): need,
        ("api/needs", "effects", "effect_id"): effect,
        ("api/needs", "challenge-attachments", "attachment_id"): _unknown,
        ("api/needs", "networks", "network_id"): _unknown,
        ("api/needs", "invitations", "invitation_id"): _unknown,
        ("api/needs", "*", "answer"): lambda s: ["accept"],
        # projects
        ("projects", "projects", "pk"): project,
        ("projects", "stages", "pk"): stage,
        ("projects", "items", "pk"): item,
        ("projects", "members", "pk"): team,
        ("projects", "risks", "pk"): risk,
        ("projects", "templates", "pk"): template,
        ("projects", "team", "user_id"): lambda s: [s.advisor.pk],
        ("projects", "resources", "kind"): resources,
        ("projects", "*", "pk"): _unknown,  # a budget line, hours or funding source
        ("api/projects", "projects", "project_id"): project,
        ("api/projects", "stages", "stage_id"): stage,
        ("api/projects", "checklist-items", "item_id"): item,
        ("api/projects", "members", "member_id"): team,
        ("api/projects", "risks", "risk_id"): risk,
        ("api/projects", "templates", "template_id"): template,
        ("api/projects", "resources", "kind"): resources,
        ("api/projects", "*", "resource_id"): _unknown,
        # market
        ("market", "calls", "pk"): call,
        ("market", "calls", "call_pk"): call,
        ("market", "manage", "pk"): call,
        ("market", "projects", "project_pk"): project,
        ("market", "applications", "pk"): applications,
        ("market", "supplier", "organisation_pk"): suppliers,
        ("market", "questions", "pk"): _unknown,
        ("market", "rfi", "pk"): _unknown,
        ("market", "events", "pk"): _unknown,
        # an application's files: none in the worlds; the answer to an unknown one
        ("market", "attachments", "pk"): lambda s: [UNKNOWN_UUID],
        ("api/market", "calls", "call_id"): call,
        ("api/market", "applications", "application_id"): applications,
        ("api/market", "suppliers", "organisation_id"): suppliers,
        ("api/market", "questions", "question_id"): _unknown,
        ("api/market", "rfis", "rfi_id"): _unknown,
        ("api/market", "events", "event_id"): _unknown,
        ("api/market", "attachments", "attachment_id"): lambda s: [UNKNOWN_UUID],
        # tendering: tender and file ids are those of the two-tender world in every world
        ("tendering", "calls", "pk"): call,
        ("tendering", "calls", "call_id"): call,
        ("tendering", "tenders", "pk"): tenders,
        ("tendering", "files", "pk"): files,
        ("tendering", "rounds", "number"): rounds,
        ("tendering", "channels", "supplier_id"): suppliers,
        ("tendering", "decision.", "kind"): lambda s: ["pdf", "docx"],
        ("api/tendering", "calls", "call_id"): call,
        ("api/tendering", "tenders", "tender_id"): tenders,
        ("api/tendering", "files", "file_id"): files,
        ("api/tendering", "rounds", "number"): rounds,
        ("api/tendering", "channels", "supplier_id"): suppliers,
        # partnership: nothing exists before an award
        ("partnership", "award", "pk"): _unknown,
        ("partnership", "contracts", "pk"): _unknown,
        ("partnership", "phases", "pk"): _unknown,
        ("partnership", "milestones", "pk"): _unknown,
        ("partnership", "kpis", "pk"): _unknown,
        ("api/partnership", "contracts", "contract_id"): _unknown,
        ("api/partnership", "phases", "phase_id"): _unknown,
        ("api/partnership", "kpis", "kpi_id"): _unknown,
        # benefits
        ("benefits", "project", "pk"): project,
        ("benefits", "models", "pk"): model,
        ("benefits", "lines", "pk"): line,
        ("api/benefits", "projects", "project_id"): project,
        ("api/benefits", "models", "model_id"): model,
        ("api/benefits", "lines", "line_id"): line,
        ("api/benefits", "portfolio", "organisation_id"): organisation,
        # knowledge
        ("knowledge", "lessons", "pk"): _unknown,
        ("knowledge", "projects", "project_pk"): project,
        ("api/knowledge", "lessons", "lesson_id"): _unknown,
        # documents
        ("documents", "projects", "pk"): project,
        ("documents", "attachments", "pk"): _unknown,
        ("documents", "generated", "pk"): _unknown,
        ("documents", "versions", "pk"): _unknown,
        ("documents", "templates", "pk"): _unknown,
        ("documents", "shipped", "kind"): lambda s: list(DocumentKind.values),
        ("api/documents", "projects", "project_id"): project,
        ("api/documents", "attachments", "attachment_id"): _unknown,
        ("api/documents", "generated", "document_id"): _unknown,
        ("api/documents", "versions", "version_id"): _unknown,
        ("api/documents", "templates", "template_id"): _unknown,
        # dialogue
        ("dialogue", "projects", "pk"): project,
        ("dialogue", "meetings", "pk"): meeting,
        ("dialogue", "actions", "pk"): action,
        ("dialogue", "stakeholders", "pk"): stakeholder,
        ("dialogue", "communication", "pk"): communication,
        ("api/dialogue", "projects", "project_id"): project,
        ("api/dialogue", "meetings", "meeting_id"): meeting,
        ("api/dialogue", "actions", "action_id"): action,
        ("api/dialogue", "stakeholders", "stakeholder_id"): stakeholder,
        ("api/dialogue", "communication", "item_id"): communication,
        # disclosure: requests and cases exist only after the award
        ("disclosure", "tenders", "pk"): tenders,
        ("disclosure", "claims", "claim_id"): claims,
        ("disclosure", "calls", "pk"): call,
        ("disclosure", "requests", "pk"): _unknown,
        ("disclosure", "cases", "pk"): _unknown,
        ("disclosure", "consultations", "pk"): _unknown,
        ("disclosure", "masks", "mask_id"): lambda s: [UNKNOWN_STR],
        ("disclosure", "r", "token"): lambda s: [UNKNOWN_STR],
        ("disclosure", "files", "pk"): files,
        ("api/disclosure", "tenders", "tender_id"): tenders,
        ("api/disclosure", "claims", "claim_id"): claims,
        ("api/disclosure", "calls", "call_id"): call,
        ("api/disclosure", "requests", "request_id"): _unknown,
        ("api/disclosure", "cases", "case_id"): _unknown,
        ("api/disclosure", "consultations", "case_id"): _unknown,
        ("api/disclosure", "masks", "mask_id"): lambda s: [UNKNOWN_STR],
        # the admin: app labels, and the first and last object of each model
        ("admin", "*app_label", "app_label"): lambda s: sorted(
            {m._meta.app_label for m in admin.site._registry}
        ),
    }
    return table


def _admin_objects(route: str) -> Callable:
    app_label, model_name = route.split("/")[1:3]
    model = next(
        m
        for m in admin.site._registry
        if (m._meta.app_label, m._meta.model_name) == (app_label, model_name)
    )

    def values(s) -> list:
        ids = _ids(model._default_manager.all())
        return sorted({ids[0], ids[-1]})

    return values


def _sealed_objects(key: tuple[str, str, str]) -> Callable | None:
    """Tenders and their files named by another field than the id (a public id, say):
    the values of that field in the two-tender world."""
    attribute, sealed = key[2], key[1] == "tenders"

    def values(s) -> list:
        return [getattr(o, attribute) for o in (s.tenders if sealed else s.files)] or [UNKNOWN_STR]

    return values if hasattr(Tender if sealed else TenderFile, attribute) else None


def parameters(pattern: Pattern) -> list[tuple[str, tuple[str, str, str]]]:
    """Each parameter's text in the route and its key in the filler table."""
    found = []
    for match in PARAM.finditer(pattern.route):
        name = match.group(2) or match.group(3) or match.group(4)
        before = pattern.route[: match.start()].rstrip("/").split("/")[-1]
        if PARAM.search(before):
            before = "*"
        if pattern.app == "admin" and name == "app_label":
            before = "*app_label"
        found.append((match.group(0), (pattern.app, before, name)))
    return found


def expand(pattern: Pattern, s, table: dict) -> list[str] | None:
    """Every URL of the pattern filled from the world, or None if it cannot be filled."""
    choices = []
    for text, key in parameters(pattern):
        filler = table.get(key)
        if filler is None and pattern.app == "admin" and key[2] in {"object_id", "id"}:
            with contextlib.suppress(StopIteration):
                filler = _admin_objects(pattern.route)
        if filler is None and key[1] in {"tenders", "files"}:
            filler = _sealed_objects(key)
        if filler is None:
            return None
        values = filler(s)
        if key[1] in PUBLIC_ID_SEGMENTS:
            values = [UNKNOWN_UUID if value == UNKNOWN else value for value in values]
        choices.append([(text, str(value)) for value in values])
    urls = []
    for combination in itertools.product(*choices):
        url = pattern.route
        for text, value in combination:
            url = url.replace(text, value, 1)
        urls.append("/" + url)
    return urls


def plan(s) -> tuple[list[Visit], list[str]]:
    """The visits, from the two-tender world, and the patterns nothing could fill."""
    table = fillers()
    visits, unfilled = [], []
    operations = api_get_operations()
    # An API path with a GET operation is asked for with a token below; with the session
    # it would run the same view again (the one authentication check apart), so the
    # session walks only the API paths that have no GET (and answer 405).
    with_get = {PARAM.sub("{}", p.route) for p in operations}
    for bearer, patterns in ((False, url_patterns()), (True, operations)):
        for pattern in patterns:
            if pattern.name in SKIP:
                continue
            if not bearer and PARAM.sub("{}", pattern.route) in with_get:
                continue
            urls = expand(pattern, s, table)
            if urls is None:
                unfilled.append(f"{pattern.name} ({pattern.route})")
                continue
            for url in urls:
                resolve(url.split("?")[0])  # a filled URL must reach a view
                visits.append(Visit(pattern.name, url, bearer))
    return visits, unfilled


# --- walking ------------------------------------------------------------------------


def normalise(body: bytes) -> bytes:
    if body.startswith(b"PK\x03\x04"):
        # XLSX and DOCX are zip files whose entries carry the wall-clock time they were
        # written (not the frozen clock): compare the entries' names and contents.
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return b"".join(
                info.filename.encode() + b"\n" + archive.read(info) + b"\n"
                for info in archive.infolist()
            )
    for pattern, replacement in VOLATILE:
        body = pattern.sub(replacement, body)
    return body


def answer(response) -> bytes:
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    head = "{} {} {}\n".format(
        response.status_code, response.get("Content-Type", ""), response.get("Location", "")
    )
    return head.encode() + normalise(body)


def walk(s, visits: list[Visit]) -> dict[tuple[str, Visit], bytes]:
    """Every persona asks for every URL; the answers, compressed, by (persona, visit)."""
    got = {}
    for persona in worlds.PERSONAS:
        user = s.people.get(persona)
        session = Client(raise_request_exception=False)
        if user is not None:
            session.force_login(user)
        bearer = {"HTTP_AUTHORIZATION": f"Bearer {s.tokens[persona]}"} if user else {}
        api = Client(raise_request_exception=False)
        for visit in visits:
            response = api.get(visit.url, **bearer) if visit.bearer else session.get(visit.url)
            # A message set by one answer ("the entry does not exist") is shown on the next
            # page; each answer is compared on its own, so none is carried over.
            session.cookies.pop("messages", None)
            got[(persona, visit)] = zlib.compress(answer(response), 1)
    return got


def _tenderer_view(s) -> bytes:
    client = Client()
    client.force_login(s.supplier_a)
    return answer(client.get("/tendering/mine/"))


@contextlib.contextmanager
def quiet_errors() -> Iterator[None]:
    """A 500 is recorded as an answer like any other; keep its traceback out of the log."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


@dataclass(repr=False)
class Walked:
    visits: list[Visit]
    unfilled: list[str]
    answers: dict[int, dict[tuple[str, Visit], bytes]]
    control: dict[int, bytes]

    def __repr__(self) -> str:  # the answers run to megabytes; keep failure reports short
        return f"Walked({len(self.visits)} visits, {len(self.unfilled)} unfilled)"

    def differing(self) -> dict[str, list[str]]:
        """URL name -> the persona and URL of each answer that is not the same in all worlds."""
        found = defaultdict(list)
        for key, two in self.answers[2].items():
            if not (two == self.answers[1][key] == self.answers[0][key]):
                persona, visit = key
                via = "token" if visit.bearer else "session"
                found[visit.name].append(f"{persona} {via} {visit.url}")
        return dict(found)


@pytest.fixture(scope="module")
def walked(django_db_setup, django_db_blocker) -> Walked:
    started = time.process_time()
    answers: dict[int, dict] = {}
    visits: list[Visit] = []
    unfilled: list[str] = []
    control: dict[int, bytes] = {}
    with (
        django_db_blocker.unblock(),
        tempfile.TemporaryDirectory() as media,
        override_settings(
            MEDIA_ROOT=media,
            LANGUAGE_CODE="sv",
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
        quiet_errors(),
    ):
        install_guards(connection)
        sequences = worlds.Sequences()
        try:
            # The two-tender world first: its tender and file ids are the ones every world
            # asks for.
            for count in (2, 1, 0):
                with transaction.atomic():
                    sequences.restore()
                    cache.clear()
                    s = worlds.build(count)
                    if count == 2:
                        visits, unfilled = plan(s)
                    with time_machine.travel(worlds.WALKED, tick=False):
                        answers[count] = walk(s, visits)
                        control[count] = _tenderer_view(s)
                    transaction.set_rollback(True)
        finally:
            # Leave the sequences and the cache as the next test in this worker expects,
            # also when a world could not be built or walked.
            sequences.restore()
            cache.clear()
    result = Walked(visits, unfilled, answers, control)
    pages = sum(1 for v in visits if not v.bearer)
    print(
        f"\nsecrecy walk: {len(worlds.PERSONAS)} personas x {len(visits)} URLs "
        f"({pages} through the session, {len(visits) - pages} API GETs with a token) "
        f"= {len(answers[2])} persona x URL pairs per world, 3 worlds; "
        f"{time.process_time() - started:.0f} s of CPU"
    )
    for name, where in sorted(result.differing().items()):
        print(f"  differs: {name} ({len(where)}), e.g. {where[0]}")
    return result


# --- the tests ----------------------------------------------------------------------


def test_every_pattern_is_filled_or_skipped_with_a_reason(walked):
    assert walked.unfilled == []
    names = {p.name for p in url_patterns() + api_get_operations()}
    assert set(SKIP) <= names, "a skipped pattern no longer exists"
    assert set(KNOWN_LEAKS) <= names, "a known leak's pattern no longer exists"


def test_the_worlds_differ_where_the_tenderer_looks(walked):
    """The control: supplier A's own list shows its tender, so equality elsewhere means something."""
    assert walked.control[2] != walked.control[0] != walked.control[1]
    assert len(walked.answers[2]) == len(worlds.PERSONAS) * len(walked.visits)


def test_nobody_at_the_buyer_can_tell_the_worlds_apart(walked):
    leaks = {k: v for k, v in walked.differing().items() if k not in KNOWN_LEAKS}
    assert leaks == {}


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=pytest.mark.xfail(reason=why, strict=True))
        for name, why in KNOWN_LEAKS.items()
    ],
)
def test_known_leak_is_closed(walked, name):
    assert name not in walked.differing()
