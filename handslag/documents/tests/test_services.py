import hashlib
from io import BytesIO
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from docx import Document as DocxDocument
from pypdf import PdfReader

from handslag.accounts.roles import OrganisationRole
from handslag.accounts.tests.factories import member
from handslag.audit.models import AuditEntry
from handslag.documents import services
from handslag.documents.audit_actions import DocumentsAction
from handslag.documents.models import (
    Attachment,
    AttachmentVersion,
    DocumentKind,
    DocumentTemplate,
    GeneratedDocument,
)
from handslag.documents.tests.factories import (
    EXE,
    HTML,
    PNG,
    SVG,
    RawUpload,
    minimal_pdf,
    upload,
)
from handslag.needs.models import ExpectedEffect

pytestmark = pytest.mark.django_db


def stored_files() -> list[str]:
    try:
        folders, _files = default_storage.listdir("documents/attachments")
    except FileNotFoundError:
        return []
    names = []
    for folder in folders:
        names += default_storage.listdir(f"documents/attachments/{folder}")[1]
    return names


def test_upload_keeps_file_checksum_and_audit(team) -> None:
    content = minimal_pdf("Protokoll")
    version = services.attachment_upload(
        actor=team.lead, project=team.project, upload=upload("Protokoll möte 1.pdf", content)
    )
    assert version.number == 1
    assert version.sha256 == hashlib.sha256(content).hexdigest()
    assert version.size == len(content)
    assert version.content_type == "application/pdf"
    assert version.filename == "Protokoll_möte_1.pdf"
    assert version.file.name.startswith(f"documents/attachments/{team.project.pk}/")
    assert "Protokoll" not in version.file.name  # the stored name is ours, not the person's
    with default_storage.open(version.file.name, "rb") as handle:
        assert handle.read() == content
    entry = AuditEntry.objects.get(action=DocumentsAction.ATTACHMENT_UPLOAD)
    assert entry.data["sha256"] == version.sha256


def test_new_version_keeps_the_old_one(team) -> None:
    first = services.attachment_upload(actor=team.lead, project=team.project, upload=upload())
    second = services.attachment_version_add(
        actor=team.team_member,
        attachment=first.attachment,
        upload=upload("protokoll-v2.txt", b"Reviderat protokoll\n"),
    )
    assert second.number == 2
    assert AttachmentVersion.objects.filter(attachment=first.attachment).count() == 2
    assert default_storage.exists(first.file.name) and default_storage.exists(second.file.name)
    first.attachment.refresh_from_db()
    assert first.attachment.name == "protokoll-v2.txt"
    assert AuditEntry.objects.filter(action=DocumentsAction.ATTACHMENT_VERSION_ADD).count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("tom.pdf", b"", "tom"),
        ("program.exe", EXE, "inte"),
        ("rapport.pdf", EXE, "inte"),  # an executable disguised as a PDF
        ("bild.pdf", PNG, "PNG"),  # a picture called a PDF
        ("text.pdf", b"just text", "matchar inte"),
        ("sida.html", HTML, "HTML"),
        ("sida.txt", HTML, "HTML"),
        ("figur.svg", SVG, "SVG"),
        ("figur.txt", SVG, "SVG"),
        ("../../etc/passwd.txt", b"root", "mapp"),
        ("..\\win.txt", b"x", "mapp"),
        ("utannamn", b"hej", "slut"),
        ("binär.txt", b"a\x00b", "inte vanlig text"),
    ],
)
def test_refused_uploads_leave_nothing(team, name: str, content: bytes, message: str) -> None:
    with pytest.raises(ValidationError) as error:
        services.attachment_upload(
            actor=team.lead, project=team.project, upload=RawUpload(name, content)
        )
    assert message.lower() in " ".join(error.value.messages).lower()
    assert not Attachment.objects.exists()
    assert not AttachmentVersion.objects.exists()
    assert stored_files() == []
    assert not AuditEntry.objects.filter(action__startswith="attachment").exists()


def test_small_chunks_are_hashed_and_stored_whole(team) -> None:
    content = "Anteckningar från marknadsdialogen\n".encode() * 50
    version = services.attachment_upload(
        actor=team.lead, project=team.project, upload=RawUpload("dialog.txt", content)
    )
    assert version.sha256 == hashlib.sha256(content).hexdigest()
    with default_storage.open(version.file.name, "rb") as handle:
        assert handle.read() == content


def test_folder_in_a_browser_upload_name_is_stripped(team) -> None:
    version = services.attachment_upload(
        actor=team.lead, project=team.project, upload=upload("../../x/anteckning.txt", b"hej")
    )
    assert version.filename == "anteckning.txt"
    assert ".." not in version.file.name


def test_oversized_upload_refused(team, settings) -> None:
    settings.DOCUMENT_MAX_BYTES = 1000
    big = upload("stor.txt", b"a" * 1001)
    with pytest.raises(ValidationError, match="för stor"):
        services.attachment_upload(actor=team.lead, project=team.project, upload=big)
    # The size the upload claims is not trusted: the stream is counted too.
    big.size = 10
    with pytest.raises(ValidationError, match="för stor"):
        services.attachment_upload(actor=team.lead, project=team.project, upload=big)
    assert not Attachment.objects.exists() and stored_files() == []
    ok = upload("lagom.txt", b"a" * 1000)
    assert services.attachment_upload(actor=team.lead, project=team.project, upload=ok).size == 1000


def test_accepted_types(team) -> None:
    from handslag.core.render import Document, Paragraph, to_docx, to_xlsx

    docx = to_docx(Document("x").add(Paragraph("y")))
    xlsx = to_xlsx([("a", ["b"], [[1]])])
    for name, content, mime in [
        ("a.docx", docx, "wordprocessingml"),
        ("b.xlsx", xlsx, "spreadsheetml"),
        ("c.png", PNG, "image/png"),
        ("d.csv", "namn;värde\nå;1\n".encode(), "text/csv"),
        ("e.txt", "Hej på er".encode("cp1252"), "text/plain"),
    ]:
        version = services.attachment_upload(
            actor=team.lead, project=team.project, upload=upload(name, content)
        )
        assert mime in version.content_type


def test_database_failure_removes_the_file(team) -> None:
    with (
        mock.patch.object(services, "audit_record", side_effect=RuntimeError("db down")),
        pytest.raises(RuntimeError),
    ):
        services.attachment_upload(actor=team.lead, project=team.project, upload=upload())
    assert not Attachment.objects.exists()
    assert stored_files() == []


@pytest.mark.parametrize("who", ["staff", "other", "supplier"])
def test_only_the_team_uploads(team, who: str) -> None:
    with pytest.raises(PermissionDenied):
        services.attachment_upload(actor=getattr(team, who), project=team.project, upload=upload())
    assert not Attachment.objects.exists() and stored_files() == []


# --- Templates ----------------------------------------------------------------------------


def test_copy_and_edit_template_keeps_versions(team) -> None:
    template = services.template_copy(
        actor=team.lead, organisation=team.organisation, kind=DocumentKind.PROCUREMENT
    )
    first = template.current
    assert first.number == 1
    assert any("{{ contract.ip_terms }}" in s["body"] for s in first.sections)
    second = services.template_version_save(
        actor=team.lead,
        template=template,
        title="Upphandlingsdokument för {{ project.title }}",
        sections=[*first.sections, {"heading": "Kontakt", "body": "Ring {{ project.buyers }}."}],
        note="Kontaktuppgifter",
    )
    assert second.number == 2
    assert template.versions.count() == 2
    assert AuditEntry.objects.filter(action=DocumentsAction.DOCUMENT_TEMPLATE_VERSION_SAVE).exists()
    with pytest.raises(ValidationError, match="redan"):
        services.template_copy(
            actor=team.lead, organisation=team.organisation, kind=DocumentKind.PROCUREMENT
        )


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("Titel", "{{ need.colour }}"),
        ("{{ project.owner }}", "{{ need.problem }}"),
        ("Titel", "{{ need.problem "),
        ("Titel", "{{ need.problem }} {% load static %}{{"),
    ],
)
def test_template_with_unknown_or_broken_field_is_refused(team, title: str, body: str) -> None:
    template = services.template_copy(
        actor=team.lead, organisation=team.organisation, kind=DocumentKind.NEED_STATEMENT
    )
    with pytest.raises(ValidationError) as error:
        services.template_version_save(
            actor=team.lead,
            template=template,
            title=title,
            sections=[{"heading": "A", "body": body}],
        )
    text = " ".join(error.value.messages)
    assert "finns inte" in text or "inte stängt" in text
    assert template.versions.count() == 1


def test_unknown_field_message_names_the_field(team) -> None:
    template = services.template_copy(
        actor=team.lead, organisation=team.organisation, kind=DocumentKind.NEED_STATEMENT
    )
    with pytest.raises(ValidationError) as error:
        services.template_version_save(
            actor=team.lead,
            template=template,
            title="T",
            sections=[{"heading": "A", "body": "{{ need.colour }}"}],
        )
    assert "need.colour" in " ".join(error.value.messages)
    assert "need.problem" in " ".join(error.value.messages)  # the fields one can use


@pytest.mark.parametrize("role", [OrganisationRole.STAFF, OrganisationRole.NEED_OWNER])
def test_only_officers_and_admins_copy_templates(team, role: str) -> None:
    person = member(team.organisation, role)
    with pytest.raises(PermissionDenied):
        services.template_copy(
            actor=person, organisation=team.organisation, kind=DocumentKind.PROCUREMENT
        )
    with pytest.raises(PermissionDenied):
        services.template_copy(
            actor=team.other, organisation=team.organisation, kind=DocumentKind.PROCUREMENT
        )
    admin = member(team.organisation, OrganisationRole.ADMIN)
    assert services.template_copy(
        actor=admin, organisation=team.organisation, kind=DocumentKind.PROCUREMENT
    )
    assert DocumentTemplate.objects.count() == 1


# --- Generation ---------------------------------------------------------------------------


def _need_with_effect(team) -> None:
    need = team.project.needs.first()
    need.problem = "Kärlen töms efter datum, inte efter fyllnadsgrad."
    need.target_group = "Hushåll i villor"
    need.save()
    ExpectedEffect.objects.create(
        need=need,
        description="Färre transporter",
        indicator="Transporter per månad",
        unit="st",
        baseline=1200,
        target=800,
    )


def test_generate_docx_from_shipped_template(team) -> None:
    _need_with_effect(team)
    generated = services.document_generate(
        actor=team.lead, project=team.project, kind=DocumentKind.PROCUREMENT, fmt="docx"
    )
    assert generated.number == 1 and generated.template_version is None
    assert "Levererad mall" in generated.template_label
    with default_storage.open(generated.file.name, "rb") as handle:
        content = handle.read()
    assert hashlib.sha256(content).hexdigest() == generated.sha256
    doc = DocxDocument(BytesIO(content))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "Upphandlingsdokument: Automatisk bevattning" in text
    assert "Kärlen töms efter datum" in text
    assert "Så fungerar partnerskapet" in text
    assert "Avtalsvillkor: immateriella rättigheter" in text
    assert "Transporter per månad" in cells and "1\xa0200" in cells
    assert AuditEntry.objects.filter(action=DocumentsAction.DOCUMENT_GENERATE).count() == 1


def test_generate_pdf_from_the_organisations_template(team) -> None:
    _need_with_effect(team)
    template = services.template_copy(
        actor=team.lead, organisation=team.organisation, kind=DocumentKind.NEED_STATEMENT
    )
    version = services.template_version_save(
        actor=team.lead,
        template=template,
        title="Vårt behov: {{ need.title }}",
        sections=[{"heading": "Problemet i korthet", "body": "{{ need.problem }}"}],
    )
    first = services.document_generate(
        actor=team.team_member, project=team.project, kind=DocumentKind.NEED_STATEMENT, fmt="pdf"
    )
    second = services.document_generate(
        actor=team.team_member, project=team.project, kind=DocumentKind.NEED_STATEMENT, fmt="pdf"
    )
    assert (first.number, second.number) == (1, 2)
    assert first.template_version == version
    with default_storage.open(first.file.name, "rb") as handle:
        reader = PdfReader(handle)
        text = " ".join(page.extract_text() for page in reader.pages)
    assert "Vårt behov" in text and "Problemet i korthet" in text
    assert "fyllnadsgrad" in text


def test_user_text_is_never_read_as_a_placeholder(team) -> None:
    need = team.project.needs.first()
    need.problem = "Skriv {{ project.title }} och {% debug %}"
    need.save()
    document, _version, _label = services.document_build(
        project=team.project, kind=DocumentKind.NEED_STATEMENT
    )
    texts = [getattr(b, "text", "") for b in document.blocks]
    assert "Skriv {{ project.title }} och {% debug %}" in texts


def test_leadership_report_holds_position_and_next_decision(team) -> None:
    document, _version, _label = services.document_build(
        project=team.project, kind=DocumentKind.LEADERSHIP_REPORT
    )
    texts = " ".join(getattr(b, "text", "") for b in document.blocks)
    assert "Nästa beslut" in texts
    assert "Ingen nyttomodell" in texts


@pytest.mark.parametrize("who", ["staff", "other", "supplier"])
def test_only_the_team_generates(team, who: str) -> None:
    with pytest.raises(PermissionDenied):
        services.document_generate(
            actor=getattr(team, who), project=team.project, kind="procurement", fmt="pdf"
        )
    assert not GeneratedDocument.objects.exists()


def test_generate_refuses_unknown_kind_and_format(team) -> None:
    with pytest.raises(ValidationError):
        services.document_generate(actor=team.lead, project=team.project, kind="x", fmt="pdf")
    with pytest.raises(ValidationError):
        services.document_generate(
            actor=team.lead, project=team.project, kind="procurement", fmt="exe"
        )
    assert not GeneratedDocument.objects.exists()


def test_leadership_report_shows_the_benefit_figure(team) -> None:
    summary = {
        "forecast": {"name": "Prognos 2026", "npv": 1234567.4, "bcr": 2.5},
        "outturn": None,
        "realisation_ratio": None,
    }
    with mock.patch("handslag.benefits.selectors.benefit_summary", return_value=summary):
        document, _version, _label = services.document_build(
            project=team.project, kind=DocumentKind.LEADERSHIP_REPORT
        )
    texts = " ".join(getattr(b, "text", "") for b in document.blocks)
    assert "Prognos (Prognos 2026): nettonuvärde 1\xa0234\xa0567 kr" in texts
    assert "nytto–kostnadskvot 2,50" in texts
