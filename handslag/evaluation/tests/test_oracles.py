"""A tender that does not exist and one the asker may not know of take the same path.

For every endpoint that takes a tender's id (pages and API: receipt, file, withdrawal,
evaluation, scores, consensus, confidentiality claims) the two answers must have the same
status, the same bytes and the same database queries, in number and in shape, so neither
the answer nor the time it takes tells whether a sealed tender is there.
"""

import re
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from handslag.evaluation.tests.factories import Scenario
from handslag.tendering.models import Tender, TenderFile
from handslag.tendering.tests.test_api import BASE, auth

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n" + b"bilaga\n" * 40 + b"%%EOF\n"
MISSING = uuid.UUID("00000000-0000-4000-8000-000000000999")
DISCLOSURE = "/api/v1/disclosure"


def _tid(tender: Tender | None):
    """A tender's id as its URLs carry it (None: an id no tender has)."""
    return MISSING if tender is None else tender.public_id


def _fid(record: TenderFile | None):
    """A tender file's id as its URLs carry it (None: an id no file has)."""
    return MISSING if record is None else record.public_id


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def world() -> dict:
    """Our call (sealed, with our own tender) and another call with a sealed tender and file."""
    ours, theirs = Scenario(), Scenario()
    ours.submit(ours.supplier_a)
    sealed = theirs.submit(theirs.supplier_a, files=[SimpleUploadedFile("a.pdf", PDF)])
    own_call_sealed = ours.submit(ours.supplier_b, files=[SimpleUploadedFile("b.pdf", PDF)])
    return {
        "ours": ours,
        "other call": (sealed, sealed.files.get()),
        "own call": (own_call_sealed, own_call_sealed.files.get()),
    }


def _pages(tid, fid, criterion_id: int) -> list[tuple[str, str, dict]]:
    return [
        ("get", reverse("tendering:tender_receipt", args=[tid]), {}),
        ("get", reverse("tendering:tender_withdraw", args=[tid]), {}),
        ("post", reverse("tendering:tender_withdraw", args=[tid]), {}),
        ("get", reverse("tendering:tender_file", args=[fid]), {}),
        ("get", reverse("evaluation:tender_evaluate", args=[tid]), {}),
        ("post", reverse("evaluation:tender_score", args=[tid]), {f"score_{criterion_id}": "3"}),
        ("post", reverse("evaluation:tender_consensus", args=[tid]), {}),
        ("get", reverse("disclosure:tender_claims", args=[tid]), {}),
        ("post", reverse("disclosure:tender_claims", args=[tid]), {"claim-reason": "x"}),
        ("post", reverse("disclosure:claim_remove", args=[tid, "c1"]), {}),
    ]


def _api(tid, fid, criterion_id: int) -> list[tuple[str, str, dict | None]]:
    score = {"criterion_id": criterion_id, "score": 3, "justification": "x"}
    return [
        ("get", f"{BASE}/tenders/{tid}/receipt", None),
        ("post", f"{BASE}/tenders/{tid}/withdraw", None),
        ("get", f"{BASE}/tenders/{tid}/content", None),
        ("get", f"{BASE}/tenders/{tid}/files", None),
        ("get", f"{BASE}/files/{fid}", None),
        ("post", f"{BASE}/tenders/{tid}/scores", {"scores": [score]}),
        (
            "post",
            f"{BASE}/tenders/{tid}/consensus",
            {"scores": [{**score, "external_justification": "y"}]},
        ),
        ("get", f"{DISCLOSURE}/tenders/{tid}/claims", None),
        ("post", f"{DISCLOSURE}/tenders/{tid}/claims", {"reason": "x", "passage": "y"}),
        ("delete", f"{DISCLOSURE}/tenders/{tid}/claims/c1", None),
    ]


_NOISE = [
    (re.compile(r"'[^']*'"), "'?'"),  # quoted values: session keys, token digests, times
    (re.compile(r'"s\d+_x\d+"'), '"savepoint"'),
    (re.compile(r"\b\d+\b"), "N"),  # ids and other numbers
]
_CSRF = re.compile(r"(csrfmiddlewaretoken\" value=\"|X-CSRFToken\": \")[^\"]+")


def _shape(sql: str) -> str:
    for pattern, replacement in _NOISE:
        sql = pattern.sub(replacement, sql)
    return sql


def _ask(client, user, method: str, url: str, data, api: bool) -> tuple:
    """Status, body and the shapes of the queries that one request ran."""
    client.logout()
    extra = {}
    if api:
        extra = auth(user)  # a fresh token each time, so its bookkeeping is the same
    else:
        client.force_login(user)
    kwargs = {"content_type": "application/json"} if api and data is not None else {}
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, data or {}, **kwargs, **extra)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    # Pages name their own address (the language switcher's return link): the one
    # difference allowed is the address that was asked for.
    text = _CSRF.sub(r"\1-", body.decode(errors="replace")).replace(url, "<url>")
    return response.status_code, text, [_shape(q["sql"]) for q in queries.captured_queries]


@pytest.mark.parametrize("where", ["other call", "own call"])
@pytest.mark.parametrize("who", ["lead", "evaluator", "official", "supplier_a"])
@pytest.mark.parametrize("kind", ["page", "api"])
def test_a_missing_tender_and_a_sealed_one_take_the_same_path(client, world, where, who, kind):
    ours = world["ours"]
    user = getattr(ours, who)
    tender, record = world[where]
    criterion_id = ours.criteria[0].pk
    build = _pages if kind == "page" else _api
    missing = build(_tid(None), _fid(None), criterion_id)
    sealed = build(_tid(tender), _fid(record), criterion_id)
    before = list(Tender.objects.order_by("pk").values_list("pk", "status"))
    for (method, miss_url, data), (_, real_url, _) in zip(missing, sealed, strict=True):
        absent = _ask(client, user, method, miss_url, data, kind == "api")
        present = _ask(client, user, method, real_url, data, kind == "api")
        assert absent[0] == present[0] == 404, (method, real_url, absent[0], present[0])
        assert absent[1] == present[1], (method, real_url)
        assert len(absent[2]) == len(present[2]), (method, real_url, absent[2], present[2])
        assert absent[2] == present[2], (method, real_url)
    assert list(Tender.objects.order_by("pk").values_list("pk", "status")) == before
