"""Files attached to a challenge: checked like documents, internal, downloaded only as files."""

import hashlib
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from handslag.audit.models import AuditEntry
from handslag.needs import services
from handslag.needs.audit_actions import NeedsAction
from handslag.needs.models import ChallengeAttachment
from handslag.needs.tests.factories import ChallengeFactory
from handslag.testing.personas import LOGIN, login_or_status

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


@pytest.fixture
def challenge(world):
    return ChallengeFactory(
        organisation=world.org, submitted_by=world.need_owner, title="Halka vid skolor"
    )


def _xlsx() -> bytes:
    book = Workbook()
    book.active.append(["Skola", "Olyckor"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _stored_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_colleague_attaches_a_spreadsheet(world, challenge, settings) -> None:
    content = _xlsx()
    attachment = services.challenge_attachment_add(
        actor=world.staff,
        challenge=challenge,
        upload=SimpleUploadedFile("olyckor vinter.xlsx", content),
    )
    assert attachment.filename == "olyckor_vinter.xlsx"
    assert attachment.size == len(content)
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    assert attachment.content_type.endswith("spreadsheetml.sheet")
    assert attachment.file.name.startswith(f"needs/challenges/{challenge.pk}/")
    assert "olyckor" not in attachment.file.name
    entry = AuditEntry.objects.get(action=NeedsAction.CHALLENGE_ATTACH)
    assert entry.data["sha256"] == attachment.sha256
    assert len(_stored_files(settings)) == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("sida.html", b"<html><script>alert(1)</script></html>", "HTML, SVG"),
        ("program.exe", b"MZ\x90\x00" + b"\x00" * 200, "tas inte emot"),
        ("tom.png", b"", "Filen är tom"),
        ("bild.pdf", PNG, "innehåll är PNG"),
    ],
)
def test_refused_files_leave_nothing(world, challenge, settings, name, content, message) -> None:
    with pytest.raises(ValidationError) as excinfo:
        services.challenge_attachment_add(
            actor=world.staff, challenge=challenge, upload=SimpleUploadedFile(name, content)
        )
    assert message in " ".join(excinfo.value.message_dict["file"])
    assert not ChallengeAttachment.objects.exists()
    assert not AuditEntry.objects.exists()
    assert _stored_files(settings) == []


def test_oversize_is_refused(world, challenge, settings) -> None:
    settings.DOCUMENT_MAX_BYTES = 1024 * 1024
    with pytest.raises(ValidationError) as excinfo:
        services.challenge_attachment_add(
            actor=world.staff,
            challenge=challenge,
            upload=SimpleUploadedFile("stor.png", PNG + b"\x00" * (1024 * 1024)),
        )
    assert "för stor" in excinfo.value.message_dict["file"][0]
    assert not ChallengeAttachment.objects.exists()
    assert _stored_files(settings) == []


def test_other_organisation_cannot_attach(world, challenge) -> None:
    for outsider in (world.other_officer, world.supplier_user):
        with pytest.raises(PermissionDenied):
            services.challenge_attachment_add(
                actor=outsider, challenge=challenge, upload=SimpleUploadedFile("a.png", PNG)
            )
    assert not ChallengeAttachment.objects.exists()


def test_upload_and_download_through_views(client, world, challenge) -> None:
    client.force_login(world.staff)
    url = reverse("needs:challenge_attachment_upload", args=[challenge.pk])
    response = client.post(url, {"file": SimpleUploadedFile("halka.png", PNG)})
    assert response.status_code == 302
    attachment = ChallengeAttachment.objects.get()
    detail = client.get(reverse("needs:challenge_detail", args=[challenge.pk])).content.decode()
    assert "halka.png" in detail
    download_url = reverse("needs:challenge_attachment_download", args=[attachment.pk])
    download = client.get(download_url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PNG
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    # A refused file re-renders the form with the message, in Swedish.
    refused = client.post(url, {"file": SimpleUploadedFile("tom.png", b"")})
    assert refused.status_code == 400
    assert "Filen är tom" in refused.content.decode()
    assert ChallengeAttachment.objects.count() == 1
    # Another organisation, a supplier and anonymous visitors never reach the file.
    for outsider in (world.other_officer, world.supplier_user):
        client.force_login(outsider)
        assert client.get(download_url).status_code == 404
        assert client.post(url, {"file": SimpleUploadedFile("a.png", PNG)}).status_code == 404
    client.logout()
    assert login_or_status(client.get(download_url)) == LOGIN
    assert ChallengeAttachment.objects.count() == 1


def test_published_page_shows_no_attachments(client, world, challenge) -> None:
    services.challenge_attachment_add(
        actor=world.staff, challenge=challenge, upload=SimpleUploadedFile("halka.png", PNG)
    )
    services.challenge_publish(actor=world.officer, challenge=challenge)
    attachment = ChallengeAttachment.objects.get()
    html = client.get(reverse("needs:public_challenge_detail", args=[challenge.pk]))
    assert html.status_code == 200
    page = html.content.decode()
    assert "halka.png" not in page
    download_url = reverse("needs:challenge_attachment_download", args=[attachment.pk])
    assert download_url not in page
    # Published or not, an attachment is for signed-in people of the buyer only.
    assert login_or_status(client.get(download_url)) == LOGIN


def _bearer(user) -> dict:
    from handslag.accounts.services import api_token_create

    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=user, name='t').raw}"}


def test_api_uploads_lists_and_downloads(client, world, challenge) -> None:
    url = f"/api/v1/needs/challenges/{challenge.pk}/attachments"
    headers = _bearer(world.staff)
    upload = SimpleUploadedFile("bild.png", PNG, content_type="image/png")
    response = client.post(url, {"file": upload}, **headers)
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["sha256"] == hashlib.sha256(PNG).hexdigest()
    assert [a["id"] for a in client.get(url, **headers).json()] == [data["id"]]
    download = client.get(f"/api/v1/needs/challenge-attachments/{data['id']}", **headers)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PNG
    assert download["Content-Disposition"].startswith("attachment")


def test_api_refuses_disguised_files_and_other_organisations(client, world, challenge) -> None:
    url = f"/api/v1/needs/challenges/{challenge.pk}/attachments"
    disguised = SimpleUploadedFile("rapport.pdf", b"<html><script>x</script></html>")
    response = client.post(url, {"file": disguised}, **_bearer(world.staff))
    assert response.status_code == 400
    assert not ChallengeAttachment.objects.exists()
    outsider = _bearer(world.other_officer)
    assert client.get(url, **outsider).status_code == 404
    png = SimpleUploadedFile("bild.png", PNG, content_type="image/png")
    assert client.post(url, {"file": png}, **outsider).status_code == 404
    assert client.get(url).status_code == 401
    assert not ChallengeAttachment.objects.exists()
