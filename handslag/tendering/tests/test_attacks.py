"""Bad input and attacks on tendering through the pages and the API, where the service
tests do not already cover them: each gets a clear refusal and changes nothing."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from handslag.accounts.tests.factories import member, supplier
from handslag.market.models import CallStatus
from handslag.tendering import services
from handslag.tendering.gateway import access_tender_files
from handslag.tendering.models import Tender, TenderFile
from handslag.tendering.opening import is_opened
from handslag.tendering.tests.factories import (
    PDF,
    CallFactory,
    Scenario,
    api_submit,
    invited_supplier_user,
    move_deadline,
    page_submit,
)
from handslag.tendering.tests.test_api import BASE, auth

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def s() -> Scenario:
    return Scenario()


def stored(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()]


# --- the deadline -------------------------------------------------------------------------


class OpenedWhileStreaming:
    """An upload during which the deadline arrives and two officials open the tenders."""

    def __init__(self, s: Scenario, deadline: dt.datetime) -> None:
        self.s, self.deadline, self.name = s, deadline, "sist.pdf"

    def chunks(self, chunk_size=None):
        yield PDF[:100]
        move_deadline(self.s, self.deadline)
        later = self.deadline + dt.timedelta(seconds=1)
        services.opening_confirm(actor=self.s.officer, call=self.s.call, now=later)
        services.opening_confirm(actor=self.s.official, call=self.s.call, now=later)
        yield PDF[100:]


def test_replace_racing_the_opening_is_refused_and_the_record_holds(s, media):
    first = s.submit(s.supplier_a, files=[SimpleUploadedFile("a.pdf", PDF)])
    blobs_before = stored(media)
    deadline = timezone.now()
    # Received one second before the deadline; while its files are sealed the deadline
    # comes and the officials open. Checked again under the call's lock, it is refused.
    with pytest.raises(ValidationError, match="redan öppnats|already been opened"):
        s.submit(
            s.supplier_a,
            content="Last-second change",
            files=[OpenedWhileStreaming(s, deadline)],
            now=deadline - dt.timedelta(seconds=1),
        )
    assert is_opened(s.call)
    first.refresh_from_db()
    assert first.status == "submitted"
    assert list(Tender.objects.filter(call=s.call)) == [first]
    assert TenderFile.objects.count() == 1 and stored(media) == blobs_before
    # What the officials opened is what the team reads.
    assert [f.name for f in access_tender_files(user=s.lead, tender=first)] == ["a.pdf"]


# --- forged ids -----------------------------------------------------------------------


def test_forged_call_ids_create_nothing(client, s):
    draft = CallFactory(project=s.project, status=CallStatus.DRAFT)
    other = CallFactory()  # published, but supplier A was never invited to it
    invited_supplier_user(other)
    cases = [(999_999, 404), (draft.pk, 404), (other.pk, 403)]
    for call_id, status in cases:
        assert page_submit(client, s, s.supplier_a, call_id).status_code == status
        assert api_submit(client, s, s.supplier_a, call_id).status_code == status
    assert not Tender.objects.exists()


def test_another_suppliers_tender_id(client, s):
    theirs = s.submit(s.supplier_b)
    client.force_login(s.supplier_a)
    assert client.post(f"/tendering/tenders/{theirs.public_id}/withdraw/").status_code == 404
    response = client.post(f"{BASE}/tenders/{theirs.public_id}/withdraw", **auth(s.supplier_a))
    assert response.status_code == 404
    assert (
        client.get(f"{BASE}/tenders/{theirs.public_id}/receipt", **auth(s.supplier_a)).status_code
        == 404
    )
    theirs.refresh_from_db()
    assert theirs.status == "submitted"


# --- the opening ------------------------------------------------------------------------


# --- the tender count before the opening ----------------------------------------------------


TOKEN = re.compile(r"(csrfmiddlewaretoken\" value=\"|X-CSRFToken\": \")[^\"]+")


# --- criteria weights ------------------------------------------------------------------


# --- files through the pages and the API ---------------------------------------------------


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: SimpleUploadedFile("tom.pdf", b""), "tom|empty"),
        (lambda: SimpleUploadedFile("program.pdf", b"MZ\x90\x00" + b"\x00" * 300), "inte tas emot"),
        (lambda: SimpleUploadedFile("stor.pdf", PDF * 40), "större än gränsen|larger than"),
    ],
    ids=["zero-byte", "disguised", "oversized"],
)
def test_bad_files_through_page_and_api_record_nothing(client, s, media, settings, upload, message):
    settings.TENDER_MAX_BYTES = len(PDF) * 20
    response = page_submit(client, s, s.supplier_a, files=[upload()])
    assert response.status_code == 400 and re.search(message, response.text)
    response = api_submit(client, s, s.supplier_b, files=[upload()])
    assert response.status_code == 400 and re.search(message, response.json()["detail"])
    assert not Tender.objects.exists() and not TenderFile.objects.exists()
    assert stored(media) == []


def test_a_path_in_a_file_name_never_reaches_storage_or_the_team(client, s, media):
    upload = SimpleUploadedFile("../../etc/anbud.pdf", PDF)
    response = api_submit(client, s, s.supplier_a, files=[upload])
    assert response.status_code in {201, 400}
    for path in stored(media):
        assert path.resolve().is_relative_to(media.resolve())
        assert "etc" not in path.parts
    if response.status_code == 201:
        s.open()
        names = [f.name for f in access_tender_files(user=s.lead, tender=Tender.objects.get())]
        assert names == ["anbud.pdf"]


def test_not_invited_supplier_with_a_forged_supplier_id(client, s):
    stranger = member(supplier())
    response = client.post(
        f"{BASE}/calls/{s.call.pk}/tenders",
        {
            "content": "x",
            "price": "1",
            "supplier_id": s.supplier_a.memberships.first().organisation_id,
        },
        content_type="application/json",
        **auth(stranger),
    )
    assert response.status_code == 403
    response = client.post(
        f"{BASE}/calls/{s.call.pk}/tenders",
        {"content": "x", "price": "1", "supplier_id": 999_999},
        content_type="application/json",
        **auth(s.supplier_b),
    )
    assert response.status_code == 404
    response = client.post(
        f"{BASE}/calls/{s.call.pk}/tenders",
        {
            "content": "x",
            "price": "1",
            "supplier_id": s.supplier_a.memberships.first().organisation_id,
        },
        content_type="application/json",
        **auth(s.supplier_b),
    )
    assert response.status_code == 403
    assert not Tender.objects.exists()
