"""The tender receipt e-mail: to the person who submitted and nobody else, in their
language, with an absolute link, and never a word to the buyer before the opening (a mail
per tender would tell the buyer how many tenders came in)."""

from io import BytesIO

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from handslag.accounts.models import Notification, NotificationDelivery
from handslag.tendering.tasks import receipt_email
from handslag.tendering.tests.factories import Scenario

pytestmark = pytest.mark.django_db

SITE = "https://handslag.example.se"
PDF = b"%PDF-1.7\n" + b"bilaga\n" * 30 + b"%%EOF\n"


@pytest.fixture(autouse=True)
def site(settings, tmp_path):
    settings.SITE_URL = SITE
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def s() -> Scenario:
    return Scenario()


def test_receipt_goes_to_the_submitter_alone(s, django_capture_on_commit_callbacks):
    # Even a buyer's manager who chose a digest, and the other supplier, hear nothing.
    s.lead.notification_delivery = NotificationDelivery.DIGEST
    s.lead.save()
    with django_capture_on_commit_callbacks(execute=True):
        tender = s.submit(s.supplier_a, files=[SimpleUploadedFile("hemlig-prislista.pdf", PDF)])
    assert [m.to for m in mail.outbox] == [[s.supplier_a.email]]
    message = mail.outbox[0]
    assert message.subject == f"Kvitto på ert anbud i {s.call.reference}"
    assert tender.receipt in message.body
    assert tender.content_sha256 in message.body
    assert tender.files.get().sha256 in message.body
    assert f"{SITE}/tendering/tenders/{tender.public_id}/" in message.body
    # The file's name is sealed like its content: not in the e-mail.
    assert "hemlig-prislista" not in message.body
    assert not Notification.objects.exists()


def test_each_submission_gets_its_own_receipt_in_the_submitters_language(
    s, django_capture_on_commit_callbacks
):
    s.supplier_b.language = "en"
    s.supplier_b.save()
    with django_capture_on_commit_callbacks(execute=True):
        s.submit(s.supplier_a)
        s.submit(s.supplier_b)
        replacement = s.submit(s.supplier_b, content="Better tender")
    assert [m.to[0] for m in mail.outbox] == [
        s.supplier_a.email,
        s.supplier_b.email,
        s.supplier_b.email,
    ]
    last = mail.outbox[-1]
    assert last.subject == f"Receipt for your tender in {s.call.reference}"
    assert replacement.receipt in last.body and "was received at" in last.body
    # Nothing of one supplier's tender reaches the other.
    assert replacement.receipt not in mail.outbox[0].body


def test_a_refused_tender_sends_no_receipt(s, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        s.submit(s.supplier_a, now=s.after_deadline())
    assert mail.outbox == []


def test_no_receipt_without_an_address(s):
    tender = s.submit(s.supplier_a)
    tender.submitted_by.email = ""
    assert receipt_email(tender=tender) is None


def test_the_receipt_email_carries_the_pdf_receipt_in_the_submitters_language(
    s, django_capture_on_commit_callbacks
):
    s.supplier_a.language = "en"
    s.supplier_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        tender = s.submit(s.supplier_a, files=[SimpleUploadedFile("teknisk-bilaga.pdf", PDF)])
    (message,) = mail.outbox
    ((name, content, mimetype),) = message.attachments
    assert name == f"kvitto-{tender.receipt[:12]}.pdf" and mimetype == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)
    assert "teknisk-bilaga.pdf" in text.replace(
        "\n", ""
    )  # the supplier's own file, named in its receipt
    assert "Receipt for tender" in text and s.call.reference in text
