"""The demo builds procurement documents and an attachment for two of the seeds' cases,
and loading it twice changes nothing."""

from io import BytesIO

import pytest
from django.core.files.storage import default_storage
from docx import Document as DocxDocument

from handslag.accounts import demo as accounts_demo
from handslag.audit.models import AuditEntry
from handslag.documents import demo
from handslag.documents.models import Attachment, GeneratedDocument
from handslag.needs import demo as needs_demo
from handslag.projects import demo as projects_demo

pytestmark = pytest.mark.django_db


def test_demo_documents_and_idempotence() -> None:
    demo.load()  # without projects: nothing to do, and no error
    assert not GeneratedDocument.objects.exists()
    accounts_demo.load()
    needs_demo.load()
    projects_demo.load()
    demo.load()
    assert GeneratedDocument.objects.count() == 4
    assert Attachment.objects.count() == 2
    entries = AuditEntry.objects.count()
    demo.load()
    assert AuditEntry.objects.count() == entries
    assert GeneratedDocument.objects.count() == 4
    docx = GeneratedDocument.objects.get(
        project=projects_demo.project("waste"), fmt="docx", kind="procurement"
    )
    with default_storage.open(docx.file.name, "rb") as handle:
        text = "\n".join(p.text for p in DocxDocument(BytesIO(handle.read())).paragraphs)
    assert "Upphandlingsdokument: Sophämtning efter behov och fyllnadsgrad" in text
    assert "Avtalsvillkor: köp av resultatet" in text
