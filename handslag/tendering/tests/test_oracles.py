"""A tender that does not exist and one the asker may not know of take the same path.

For every endpoint that takes a tender's id (pages and API: receipt, file, withdrawal,
evaluation, scores, consensus, confidentiality claims) the two answers must have the same
status, the same bytes and the same database queries, in number and in shape, so neither
the answer nor the time it takes tells whether a sealed tender is there.
"""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from handslag.tendering.models import Tender, TenderFile
from handslag.tendering.tests.factories import Scenario

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n" + b"bilaga\n" * 40 + b"%%EOF\n"
MISSING = uuid.UUID("00000000-0000-4000-8000-000000000999")


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
