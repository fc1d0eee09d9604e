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
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from handslag.tendering.models import Tender, TenderFile
from handslag.tendering.tests.factories import Scenario
from handslag.tendering.tests.test_api import BASE, auth

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n" + b"bilaga\n" * 40 + b"%%EOF\n"
MISSING = uuid.UUID("00000000-0000-4000-8000-000000000999")
DISCLOSURE = "/api/v1/disclosure"


def _tid(tender: Tender | None):  # noqa: ANN202
    """A tender's id as its URLs carry it (None: an id no tender has)."""
    return MISSING if tender is None else tender.public_id


def _fid(record: TenderFile | None):  # noqa: ANN202
    """A tender file's id as its URLs carry it (None: an id no file has)."""
    return MISSING if record is None else record.public_id


@pytest.fixture(autouse=True)
def media(settings, tmp_path):  # noqa: ANN001, ANN201
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


def _pages(tid, fid, criterion_id: int) -> list[tuple[str, str, dict]]:  # noqa: ANN001
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


def _api(tid, fid, criterion_id: int) -> list[tuple[str, str, dict | None]]:  # noqa: ANN001
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


def _ask(client, user, method: str, url: str, data, api: bool) -> tuple:  # noqa: ANN001
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


def test_the_fetch_is_one_query_whatever_the_id(client, world, django_assert_num_queries):
    """The rule is inside the one query: nothing more is asked about a tender one may not
    know of, and nothing is decrypted."""
    from handslag.tendering.gateway import access_tender_file
    from handslag.tendering.permissions import access_tender

    ours = world["ours"]
    tender, record = world["other call"]
    ours.lead.active_memberships  # noqa: B018 - the person's memberships, loaded once
    for tid in (_tid(None), _tid(tender)):
        with django_assert_num_queries(1), pytest.raises(Http404):
            access_tender(user=ours.lead, public_id=tid)
    for fid in (_fid(None), _fid(record)):
        with django_assert_num_queries(1), pytest.raises(Http404):
            access_tender_file(user=ours.lead, public_id=fid)
