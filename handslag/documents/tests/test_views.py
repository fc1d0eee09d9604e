from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document as DocxDocument
from pypdf import PdfReader

from handslag.accounts.roles import OrganisationRole
from handslag.accounts.tests.factories import member
from handslag.documents import services
from handslag.documents.models import (
    Attachment,
    AttachmentVersion,
    DocumentKind,
    DocumentTemplate,
    GeneratedDocument,
)
from handslag.documents.tests.factories import EXE, SVG, minimal_pdf, upload

pytestmark = pytest.mark.django_db


def page_url(team) -> str:
    return reverse("documents:project_documents", args=[team.project.pk])


def body(response) -> str:
    return b"".join(
        response.streaming_content if response.streaming else [response.content]
    ).decode("utf-8", "replace")


def test_anonymous_is_sent_to_sign_in(client, team) -> None:
    response = client.get(page_url(team))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("who", ["other", "supplier"])
def test_outsiders_do_not_see_the_documents(client, team, who: str) -> None:
    version = services.attachment_upload(actor=team.lead, project=team.project, upload=upload())
    client.force_login(getattr(team, who))
    assert client.get(page_url(team)).status_code == 404
    assert client.get(reverse("documents:version_download", args=[version.pk])).status_code == 404
    assert (
        client.get(reverse("documents:attachment_detail", args=[version.attachment.pk])).status_code
        == 404
    )
    response = client.post(
        reverse("documents:attachment_upload", args=[team.project.pk]), {"file": upload()}
    )
    assert response.status_code == 404
    assert Attachment.objects.count() == 1


def test_staff_outside_the_team_read_but_do_not_add(client, team) -> None:
    version = services.attachment_upload(actor=team.lead, project=team.project, upload=upload())
    client.force_login(team.staff)
    response = client.get(page_url(team))
    assert response.status_code == 200
    assert "Ladda upp en bilaga" not in response.content.decode()
    assert client.get(reverse("documents:version_download", args=[version.pk])).status_code == 200
    response = client.post(
        reverse("documents:attachment_upload", args=[team.project.pk]), {"file": upload()}
    )
    assert response.status_code == 403
    response = client.post(
        reverse("documents:document_generate", args=[team.project.pk]),
        {"kind": "procurement", "fmt": "pdf"},
    )
    assert response.status_code == 403
    assert Attachment.objects.count() == 1 and not GeneratedDocument.objects.exists()


def test_empty_states(client, team) -> None:
    client.force_login(team.team_member)
    text = client.get(page_url(team)).content.decode()
    assert "Inga bilagor ännu. Ladda upp" in text
    assert "Inget dokument har skapats ännu" in text
    client.force_login(team.staff)
    assert (
        "Projektgruppens medlemmar kan ladda upp dem" in client.get(page_url(team)).content.decode()
    )


def test_team_member_uploads_and_downloads(client, team) -> None:
    client.force_login(team.team_member)
    content = minimal_pdf("Marknadsanalys")
    response = client.post(
        reverse("documents:attachment_upload", args=[team.project.pk]),
        {"file": upload("Marknadsanalys.pdf", content), "description": "Från RFI"},
    )
    assert response.status_code == 302
    version = AttachmentVersion.objects.get()
    response = client.get(reverse("documents:version_download", args=[version.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="Marknadsanalys.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == content
    page = client.get(page_url(team)).content.decode()
    assert "Marknadsanalys.pdf" in page and "Från RFI" in page


def test_non_ascii_download_name_is_encoded(client, team) -> None:
    version = services.attachment_upload(
        actor=team.lead, project=team.project, upload=upload('Möte "1".txt', b"hej")
    )
    client.force_login(team.lead)
    response = client.get(reverse("documents:version_download", args=[version.pk]))
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''" in disposition
    assert '"' not in disposition.split("filename*=")[1]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.pdf", EXE, "tas inte emot"),
        ("figur.svg", SVG, "SVG"),
        ("tom.txt", b"", "Filen är tom"),
    ],
)
def test_refused_upload_shows_the_error(
    client, team, name: str, content: bytes, message: str
) -> None:
    client.force_login(team.lead)
    response = client.post(
        reverse("documents:attachment_upload", args=[team.project.pk]),
        {"file": upload(name, content)},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Attachment.objects.exists()


def test_oversized_upload_shows_the_limit(client, team, settings) -> None:
    settings.DOCUMENT_MAX_BYTES = 2 * 1024 * 1024
    client.force_login(team.lead)
    response = client.post(
        reverse("documents:attachment_upload", args=[team.project.pk]),
        {"file": upload("stor.txt", b"a" * (2 * 1024 * 1024 + 1))},
    )
    assert response.status_code == 400
    assert "Filen är för stor: gränsen är 2 MB." in response.content.decode()
    assert not Attachment.objects.exists()


def test_new_version_page(client, team) -> None:
    first = services.attachment_upload(actor=team.lead, project=team.project, upload=upload())
    client.force_login(team.team_member)
    url = reverse("documents:attachment_version_add", args=[first.attachment.pk])
    response = client.post(url, {"file": upload("protokoll.pdf", minimal_pdf("v2"))})
    assert response.status_code == 302
    response = client.post(url, {"file": upload("protokoll.pdf", EXE)})
    assert response.status_code == 400
    page = client.get(reverse("documents:attachment_detail", args=[first.attachment.pk]))
    text = page.content.decode()
    assert "(version 1)" in text and "(version 2)" in text
    assert first.attachment.versions.count() == 2
    client.force_login(team.staff)
    assert client.post(url, {"file": upload()}).status_code == 403


def test_attachment_list_is_paginated(client, team) -> None:
    for number in range(26):
        Attachment.objects.create(
            project=team.project, name=f"fil-{number}.txt", created_by=team.lead
        )
    client.force_login(team.lead)
    first = client.get(page_url(team)).content.decode()
    assert "Sida 1 av 2" in first
    second = client.get(page_url(team) + "?page=2").content.decode()
    assert second.count("fil-") == 1


def test_generate_and_download_docx_and_pdf(client, team) -> None:
    client.force_login(team.team_member)
    url = reverse("documents:document_generate", args=[team.project.pk])
    for fmt in ("docx", "pdf"):
        response = client.post(url, {"kind": "procurement", "fmt": fmt})
        assert response.status_code == 302
    docx = GeneratedDocument.objects.get(fmt="docx")
    pdf = GeneratedDocument.objects.get(fmt="pdf")
    response = client.get(reverse("documents:generated_download", args=[docx.pk]))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    text = "\n".join(
        p.text for p in DocxDocument(BytesIO(b"".join(response.streaming_content))).paragraphs
    )
    assert "Upphandlingsdokument: Automatisk bevattning" in text
    assert "Avtalsvillkor: riskdelning" in text
    response = client.get(reverse("documents:generated_download", args=[pdf.pk]))
    reader = PdfReader(BytesIO(b"".join(response.streaming_content)))
    assert "Upphandlingsdokument" in " ".join(p.extract_text() for p in reader.pages)
    page = client.get(page_url(team)).content.decode()
    assert "Ladda ned Upphandlingsdokument: Automatisk bevattning (DOCX)" in page
    history = client.get(reverse("documents:generated_list", args=[team.project.pk]))
    assert docx.sha256 in history.content.decode()


def test_generate_with_bad_choice_is_refused(client, team) -> None:
    client.force_login(team.lead)
    response = client.post(
        reverse("documents:document_generate", args=[team.project.pk]),
        {"kind": "contract", "fmt": "exe"},
    )
    assert response.status_code == 400
    assert not GeneratedDocument.objects.exists()


# --- Template library ---------------------------------------------------------------------


def test_library_for_buyers_only(client, team) -> None:
    client.force_login(team.staff)
    response = client.get(reverse("documents:template_library"))
    assert response.status_code == 200
    assert "Upphandlingsdokument" in response.content.decode()
    assert "Kopiera mallen" not in response.content.decode()
    client.force_login(team.supplier)
    assert client.get(reverse("documents:template_library")).status_code == 403
    shipped = reverse("documents:shipped_template", args=["procurement"])
    client.force_login(team.staff)
    text = client.get(shipped).content.decode()
    assert "{{ contract.ip_terms }}" in text
    assert client.get(reverse("documents:shipped_template", args=["nope"])).status_code == 404


def test_copy_edit_and_refuse_unknown_field(client, team) -> None:
    client.force_login(team.lead)
    response = client.post(
        reverse("documents:template_copy"),
        {"kind": "need_statement", "organisation": team.organisation.pk},
    )
    template = DocumentTemplate.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:template_edit", args=[template.pk])
    edit = reverse("documents:template_edit", args=[template.pk])
    form = client.get(edit).content.decode()
    assert "## Problemet" in form
    response = client.post(
        edit, {"title": "Behov", "sections": "## Problem\n{{ need.colour }}", "note": ""}
    )
    assert response.status_code == 400
    assert "Fältet ”need.colour” finns inte." in response.content.decode()
    assert template.versions.count() == 1
    response = client.post(
        edit, {"title": "Behov: {{ need.title }}", "sections": "## Problem\n{{ need.problem }}"}
    )
    assert response.status_code == 302
    assert template.versions.count() == 2
    detail = client.get(reverse("documents:template_detail", args=[template.pk])).content.decode()
    assert "Version 2" in detail
    # The project now generates from the organisation's copy.
    document = services.document_generate(
        actor=team.lead, project=team.project, kind=DocumentKind.NEED_STATEMENT, fmt="docx"
    )
    assert document.template_version.number == 2


def test_template_permissions(client, team) -> None:
    template = services.template_copy(
        actor=team.lead, organisation=team.organisation, kind=DocumentKind.PROCUREMENT
    )
    detail = reverse("documents:template_detail", args=[template.pk])
    edit = reverse("documents:template_edit", args=[template.pk])
    client.force_login(team.staff)
    assert client.get(detail).status_code == 200
    assert client.get(edit).status_code == 403
    client.force_login(team.other)
    assert client.get(detail).status_code == 404
    assert client.get(edit).status_code == 404
    client.force_login(team.supplier)
    assert client.get(detail).status_code == 404
    # Copying for an organisation one does not edit for is not offered and not accepted.
    need_owner = member(team.organisation, OrganisationRole.NEED_OWNER)
    client.force_login(need_owner)
    response = client.post(
        reverse("documents:template_copy"),
        {"kind": "need_statement", "organisation": team.organisation.pk},
    )
    assert response.status_code == 400
    assert DocumentTemplate.objects.count() == 1
