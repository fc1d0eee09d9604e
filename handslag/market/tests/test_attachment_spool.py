"""Application attachments are read from the request encrypted, like tender files."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from handslag.accounts.services import api_token_create
from handslag.market import services
from handslag.market.models import Application, ApplicationAttachment
from handslag.tendering.upload_spool import ATTACHMENT_UPLOAD_VIEWS, SpooledUpload

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n" + b"hemlig bilaga\n" * 30 + b"%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.UPLOAD_SPOOL_DIR = tmp_path / "spool"
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # every file would go to a temporary file
    return tmp_path


def test_attachment_view_names_resolve():
    kwargs = {
        "market:application_create": {"call_pk": 1},
        "market:application_attachment_add": {"pk": 1},
        "api-1.0.0:application_attachments": {"application_id": 1},
    }
    assert set(kwargs) == ATTACHMENT_UPLOAD_VIEWS
    for name, args in kwargs.items():
        assert reverse(name, kwargs=args)


@pytest.mark.parametrize("where", ["apply", "add", "api"])
def test_attachment_views_receive_spooled_files(client, cast, monkeypatch, where):
    seen: list[type] = []
    real_create, real_add = services.application_create, services.application_attachment_add

    def spy_create(**kwargs):
        seen.extend(type(upload) for _kind, upload in kwargs.get("attachments") or [])
        return real_create(**kwargs)

    def spy_add(**kwargs):
        seen.append(type(kwargs["upload"]))
        return real_add(**kwargs)

    monkeypatch.setattr(services, "application_create", spy_create)
    monkeypatch.setattr(services, "application_attachment_add", spy_add)
    client.force_login(cast.user_a)
    if where == "apply":
        url = reverse("market:application_create", args=[cast.call.pk])
        data = {
            "supplier": cast.supplier_a.pk,
            "text": "Vi kan.",
            "espd": SimpleUploadedFile("e.pdf", PDF),
        }
        assert client.post(url, data).status_code == 302
    else:
        application = real_create(
            actor=cast.user_a, call=cast.call, supplier=cast.supplier_a, text="Vi kan."
        )
        data = {"kind": "certificate", "file": SimpleUploadedFile("c.pdf", PDF)}
        if where == "add":
            url = reverse("market:application_attachment_add", args=[application.pk])
            assert client.post(url, data).status_code == 302
        else:
            token = api_token_create(actor=cast.user_a, name="t").raw
            url = f"/api/v1/market/applications/{application.pk}/attachments"
            response = client.post(url, data, HTTP_AUTHORIZATION=f"Bearer {token}")
            assert response.status_code == 201
    assert seen == [SpooledUpload]
    assert Application.objects.count() == 1
    assert ApplicationAttachment.objects.get().size == len(PDF)
