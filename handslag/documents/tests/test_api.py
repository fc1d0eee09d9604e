import hashlib
from io import BytesIO

import pytest
from docx import Document as DocxDocument
from pypdf import PdfReader

from handslag.accounts.services import api_token_create
from handslag.documents import services
from handslag.documents.models import (
    Attachment,
    AttachmentVersion,
    DocumentKind,
    DocumentTemplate,
    GeneratedDocument,
)
from handslag.documents.tests.factories import EXE, HTML, minimal_pdf, upload

pytestmark = pytest.mark.django_db
BASE = "/api/v1/documents"


def auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=user, name='t').raw}"}


def test_upload_list_versions_download(client, team) -> None:
    content = minimal_pdf("API")
    response = client.post(
        f"{BASE}/projects/{team.project.pk}/attachments",
        {"file": upload("api.pdf", content), "description": "Via API"},
        **auth(team.team_member),
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["sha256"] == hashlib.sha256(content).hexdigest() and data["number"] == 1
    attachment_id = data["attachment_id"]
    response = client.post(
        f"{BASE}/attachments/{attachment_id}/versions",
        {"file": upload("api.txt", b"Version 2\n")},
        **auth(team.lead),
    )
    assert response.status_code == 201 and response.json()["number"] == 2
    listing = client.get(f"{BASE}/projects/{team.project.pk}/attachments", **auth(team.staff))
    assert listing.status_code == 200
    assert listing.json()["count"] == 1
    assert listing.json()["items"][0]["latest"]["number"] == 2
    versions = client.get(f"{BASE}/attachments/{attachment_id}/versions", **auth(team.staff))
    assert [v["number"] for v in versions.json()["items"]] == [2, 1]
    first = versions.json()["items"][1]
    response = client.get(first["download_url"], **auth(team.staff))
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == content


@pytest.mark.parametrize(
    ("name", "content"),
    [("x.pdf", EXE), ("x.html", HTML), ("x.txt", HTML), ("x.pdf", b"")],
)
def test_refused_upload_is_400_json(client, team, name: str, content: bytes) -> None:
    response = client.post(
        f"{BASE}/projects/{team.project.pk}/attachments",
        {"file": upload(name, content)},
        **auth(team.lead),
    )
    assert response.status_code == 400
    assert response.json()["errors"]["file"]
    assert not Attachment.objects.exists()


def test_upload_without_file_is_4xx(client, team) -> None:
    response = client.post(
        f"{BASE}/projects/{team.project.pk}/attachments", {"description": "x"}, **auth(team.lead)
    )
    assert 400 <= response.status_code < 500
    assert not Attachment.objects.exists()


def test_permissions(client, team) -> None:
    version = services.attachment_upload(actor=team.lead, project=team.project, upload=upload())
    url = f"{BASE}/projects/{team.project.pk}/attachments"
    assert client.get(url).status_code == 401
    for outsider in (team.other, team.supplier):
        assert client.get(url, **auth(outsider)).status_code == 404
        assert (
            client.get(f"{BASE}/versions/{version.pk}/download", **auth(outsider)).status_code
            == 404
        )
        assert client.post(url, {"file": upload()}, **auth(outsider)).status_code == 404
    assert client.post(url, {"file": upload()}, **auth(team.staff)).status_code == 403
    response = client.post(
        f"{BASE}/attachments/{version.attachment_id}/versions",
        {"file": upload()},
        **auth(team.staff),
    )
    assert response.status_code == 403
    response = client.post(
        f"{BASE}/projects/{team.project.pk}/generate",
        {"kind": "procurement", "format": "pdf"},
        content_type="application/json",
        **auth(team.staff),
    )
    assert response.status_code == 403
    assert AttachmentVersion.objects.count() == 1 and not GeneratedDocument.objects.exists()


def test_generate_and_download(client, team) -> None:
    for fmt in ("docx", "pdf"):
        response = client.post(
            f"{BASE}/projects/{team.project.pk}/generate",
            {"kind": "leadership_report", "format": fmt},
            content_type="application/json",
            **auth(team.lead),
        )
        assert response.status_code == 201, response.content
    listing = client.get(f"{BASE}/projects/{team.project.pk}/generated", **auth(team.staff))
    items = {item["format"]: item for item in listing.json()["items"]}
    docx = client.get(items["docx"]["download_url"], **auth(team.staff))
    text = "\n".join(
        p.text for p in DocxDocument(BytesIO(b"".join(docx.streaming_content))).paragraphs
    )
    assert "Rapport till ledningen: Automatisk bevattning" in text
    assert "Nästa beslut" in text
    pdf = client.get(items["pdf"]["download_url"], **auth(team.staff))
    reader = PdfReader(BytesIO(b"".join(pdf.streaming_content)))
    assert "Rapport till ledningen" in " ".join(p.extract_text() for p in reader.pages)
    assert items["pdf"]["template"] == "Levererad mall, version 1"
    assert client.get(items["pdf"]["download_url"], **auth(team.other)).status_code == 404


@pytest.mark.parametrize(
    "payload",
    [{"kind": "contract", "format": "pdf"}, {"kind": "procurement", "format": "html"}, {}],
)
def test_generate_bad_input(client, team, payload: dict) -> None:
    response = client.post(
        f"{BASE}/projects/{team.project.pk}/generate",
        payload,
        content_type="application/json",
        **auth(team.lead),
    )
    assert 400 <= response.status_code < 500
    assert not GeneratedDocument.objects.exists()


def test_templates_copy_edit_and_refuse_unknown_field(client, team) -> None:
    library = client.get(f"{BASE}/templates", **auth(team.staff))
    assert library.status_code == 200
    assert {s["kind"] for s in library.json()["shipped"]} == set(DocumentKind.values)
    assert "need.problem" in library.json()["fields"]
    response = client.post(
        f"{BASE}/templates",
        {"organisation_id": team.organisation.pk, "kind": "procurement"},
        content_type="application/json",
        **auth(team.lead),
    )
    assert response.status_code == 201, response.content
    template_id = response.json()["id"]
    assert response.json()["current"]["number"] == 1
    url = f"{BASE}/templates/{template_id}/versions"
    response = client.post(
        url,
        {"title": "T", "sections": [{"heading": "A", "body": "{{ contract.colour }}"}]},
        content_type="application/json",
        **auth(team.lead),
    )
    assert response.status_code == 400
    assert "contract.colour" in response.json()["detail"] or "contract.colour" in str(
        response.json()["errors"]
    )
    response = client.post(
        url,
        {
            "title": "T {{ project.title }}",
            "sections": [{"heading": "A", "body": "{{ need.problem }}"}],
        },
        content_type="application/json",
        **auth(team.lead),
    )
    assert response.status_code == 201 and response.json()["number"] == 2
    versions = client.get(url, **auth(team.staff)).json()
    assert [v["number"] for v in versions["items"]] == [2, 1]
    assert client.get(f"{BASE}/templates/{template_id}", **auth(team.other)).status_code == 404
    response = client.post(
        url,
        {"title": "T", "sections": [{"heading": "A", "body": ""}]},
        content_type="application/json",
        **auth(team.staff),
    )
    assert response.status_code == 403
    assert DocumentTemplate.objects.get().versions.count() == 2


def test_template_copy_forbidden_cases(client, team) -> None:
    body = {"organisation_id": team.organisation.pk, "kind": "procurement"}
    assert client.get(f"{BASE}/templates", **auth(team.supplier)).status_code == 403
    for user, status in ((team.staff, 403), (team.other, 404), (team.supplier, 403)):
        response = client.post(
            f"{BASE}/templates", body, content_type="application/json", **auth(user)
        )
        assert response.status_code == status
    response = client.post(
        f"{BASE}/templates",
        {"organisation_id": team.organisation.pk, "kind": "nope"},
        content_type="application/json",
        **auth(team.lead),
    )
    assert response.status_code == 400
    assert not DocumentTemplate.objects.exists()
