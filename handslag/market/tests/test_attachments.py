"""Application attachments: checked like tender files, secret like the application."""

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from handslag.accounts.roles import ProjectRole
from handslag.accounts.services import api_token_create
from handslag.accounts.tests.factories import buyer, member
from handslag.audit.models import AuditEntry
from handslag.market import services
from handslag.market.audit_actions import MarketAction
from handslag.market.models import Application, ApplicationAttachment
from handslag.testing.factories import ProjectMemberFactory

pytestmark = pytest.mark.django_db

BASE = "/api/v1/market"
PDF = b"%PDF-1.7\n" + b"ESPD-svar: vi uppfyller kraven\n" * 40 + b"%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 300
ESPD = "ESPD-svar Sensor A – 2026.pdf"


def auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=user, name='t').raw}"}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and ".upload-spool" not in p.parts]


def pdf(name: str = ESPD, data: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def apply(cast, attachments=()):
    return services.application_create(
        actor=cast.user_a,
        call=cast.call,
        supplier=cast.supplier_a,
        text="Vi har kapacitet.",
        attachments=attachments,
    )


def close_applications(call):
    call.application_deadline = timezone.now() - dt.timedelta(minutes=1)
    call.tender_deadline = timezone.now() + dt.timedelta(days=20)
    call.save()


def test_apply_with_espd_reference_and_certificate(cast, media):
    application = apply(
        cast,
        [
            ("espd", pdf()),
            ("reference", SimpleUploadedFile("Referens Kommun X.txt", b"Bra leverans")),
            ("certificate", pdf("ISO 14001.pdf")),
        ],
    )
    rows = list(application.attachments.order_by("created_at", "pk"))
    assert [(a.kind, a.name) for a in rows] == [
        ("espd", ESPD),
        ("reference", "Referens Kommun X.txt"),
        ("certificate", "ISO 14001.pdf"),
    ]
    assert rows[0].sha256 == hashlib.sha256(PDF).hexdigest() and rows[0].size == len(PDF)
    # Stored under a random name: the supplier's file name is never a storage path.
    assert all("ESPD" not in a.blob and "ISO" not in a.blob for a in rows)
    assert len(stored(media)) == 3
    entries = AuditEntry.objects.filter(action=MarketAction.APPLICATION_ATTACHMENT_ADD)
    assert entries.count() == 3 and ESPD not in str([e.data for e in entries])


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("program.exe", EXE, "Program och skript"),
        ("espd.pdf", EXE, "Program och skript"),  # an executable disguised as a PDF
        ("installera.sh", b"#!/bin/sh\nrm -rf /\n", "Program och skript"),
        ("skript.txt", b"#!/usr/bin/env python\nprint(1)\n", "Program och skript"),
        ("sida.pdf", b"<html><script>alert(1)</script></html>", "tas inte emot"),
        ("bild.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "PNG"),
        ("tom.pdf", b"", "tom"),
        ("utan-typ", PDF, "sluta med"),
    ],
)
def test_a_bad_attachment_refuses_the_whole_application(cast, media, name, data, message):
    with pytest.raises(ValidationError) as error:
        apply(cast, [("espd", pdf("ok.pdf")), ("certificate", SimpleUploadedFile(name, data))])
    assert message in str(error.value)
    assert not Application.objects.exists() and not ApplicationAttachment.objects.exists()
    assert stored(media) == []


def test_a_too_large_attachment_is_refused(cast, settings, media):
    settings.DOCUMENT_MAX_BYTES = 1000
    with pytest.raises(ValidationError) as error:
        apply(cast, [("espd", pdf())])
    assert "för stor" in str(error.value)
    assert not Application.objects.exists() and stored(media) == []


def test_add_and_remove_before_the_deadline_only(cast, media, django_capture_on_commit_callbacks):
    application = apply(cast)
    attachment = services.application_attachment_add(
        actor=cast.user_a, application=application, kind="reference", upload=pdf()
    )
    assert attachment.name == ESPD
    with django_capture_on_commit_callbacks(execute=True):
        services.application_attachment_remove(actor=cast.user_a, attachment=attachment)
    assert not ApplicationAttachment.objects.exists() and stored(media) == []
    close_applications(cast.call)
    with pytest.raises(ValidationError):
        services.application_attachment_add(
            actor=cast.user_a, application=application, kind="reference", upload=pdf()
        )
    assert not ApplicationAttachment.objects.exists() and stored(media) == []


def test_others_cannot_add_or_remove(cast):
    application = apply(cast, [("espd", pdf())])
    attachment = application.attachments.get()
    for person in (cast.user_b, cast.manager, cast.lead):
        with pytest.raises(PermissionDenied):
            services.application_attachment_add(
                actor=person, application=application, kind="espd", upload=pdf("x.pdf")
            )
        with pytest.raises(PermissionDenied):
            services.application_attachment_remove(actor=person, attachment=attachment)
    assert application.attachments.count() == 1


def test_bad_kind_is_refused(cast):
    application = apply(cast)
    with pytest.raises(ValidationError):
        services.application_attachment_add(
            actor=cast.user_a, application=application, kind="virus", upload=pdf()
        )
    assert not ApplicationAttachment.objects.exists()


def test_who_sees_the_files_before_and_after_the_deadline(client, cast):
    application = apply(cast, [("espd", pdf())])
    attachment = application.attachments.get()
    download = reverse("market:application_attachment", args=[attachment.public_id])
    page = reverse("market:application_detail", args=[application.pk])
    # The applicant: always, with its own file name.
    client.force_login(cast.user_a)
    assert ESPD in client.get(page).content.decode()
    response = client.get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/octet-stream"
    assert "attachment" in response["Content-Disposition"]
    # The buyer's team before the deadline: neither the file nor its name.
    for person in (cast.manager, cast.lead, cast.team_member):
        client.force_login(person)
        body = client.get(page).content.decode()
        assert "ESPD-svar" not in body
        assert client.get(download).status_code == 404
    # Other suppliers, other buyers, staff outside the team, anonymous: never.
    for person in (cast.user_b, cast.outsider, cast.colleague):
        client.force_login(person)
        assert client.get(download).status_code == 404
    client.logout()
    assert client.get(download).status_code == 302
    close_applications(cast.call)
    for person in (cast.manager, cast.lead):
        client.force_login(person)
        assert ESPD in client.get(page).content.decode()
        assert client.get(download).status_code == 200
    for person in (cast.user_b, cast.outsider, cast.colleague):
        client.force_login(person)
        assert client.get(download).status_code == 404


def test_external_advisor_never_sees_the_files(client, cast):
    advisor = member(buyer())  # from outside the owning buyer, in the team as an advisor
    ProjectMemberFactory(project=cast.project, user=advisor, role=ProjectRole.EXTERNAL_ADVISOR)
    application = apply(cast, [("espd", pdf())])
    close_applications(cast.call)
    client.force_login(advisor)
    url = reverse("market:application_attachment", args=[application.attachments.get().public_id])
    assert client.get(url).status_code == 404


def test_apply_form_takes_files_and_refuses_an_executable(client, cast, media):
    client.force_login(cast.user_a)
    url = reverse("market:application_create", args=[cast.call.pk])
    assert 'type="file"' in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "supplier": cast.supplier_a.pk,
            "text": "Vi kan.",
            "espd": SimpleUploadedFile("a.exe", EXE),
        },
    )
    assert response.status_code == 400
    assert "Program och skript" in response.content.decode()
    assert not Application.objects.exists() and stored(media) == []
    response = client.post(
        url,
        {
            "supplier": cast.supplier_a.pk,
            "text": "Vi kan.",
            "espd": pdf(),
            "references": [pdf("Referens 1.pdf"), pdf("Referens 2.pdf")],
        },
    )
    assert response.status_code == 302
    application = Application.objects.get()
    assert sorted(application.attachments.values_list("kind", flat=True)) == [
        "espd",
        "reference",
        "reference",
    ]


def test_detail_page_adds_and_removes(client, cast, media):
    application = apply(cast)
    client.force_login(cast.user_a)
    add = reverse("market:application_attachment_add", args=[application.pk])
    response = client.post(add, {"kind": "certificate", "file": pdf("Intyg.pdf")})
    assert response.status_code == 302
    attachment = application.attachments.get()
    response = client.post(add, {"kind": "certificate", "file": SimpleUploadedFile("x.exe", EXE)})
    assert application.attachments.count() == 1
    page = client.get(reverse("market:application_detail", args=[application.pk])).content
    assert "Intyg.pdf" in page.decode()
    client.force_login(cast.manager)
    assert client.post(add, {"kind": "espd", "file": pdf()}).status_code == 403
    client.force_login(cast.user_b)
    assert client.post(add, {"kind": "espd", "file": pdf()}).status_code == 404
    remove = reverse("market:application_attachment_remove", args=[attachment.public_id])
    assert client.post(remove).status_code == 404
    client.force_login(cast.user_a)
    assert client.post(remove).status_code == 302
    assert not application.attachments.exists()


def test_api_attachments(client, cast, media):
    application = apply(cast)
    url = f"{BASE}/applications/{application.pk}/attachments"
    response = client.post(url, {"kind": "espd", "file": pdf()}, **auth(cast.user_a))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["name"] == ESPD and body["sha256"] == hashlib.sha256(PDF).hexdigest()
    bad = client.post(
        url, {"kind": "espd", "file": SimpleUploadedFile("a.pdf", EXE)}, **auth(cast.user_a)
    )
    assert bad.status_code == 400 and "Program och skript" in bad.content.decode()
    assert client.post(url, {"kind": "espd", "file": pdf()}, **auth(cast.user_b)).status_code == 404
    assert [a["name"] for a in client.get(url, **auth(cast.user_a)).json()] == [ESPD]
    assert client.get(url, **auth(cast.manager)).status_code == 403
    assert client.get(url, **auth(cast.user_b)).status_code == 404
    file_url = f"{BASE}/attachments/{body['id']}"
    assert client.get(file_url, **auth(cast.manager)).status_code == 404
    close_applications(cast.call)
    assert [a["name"] for a in client.get(url, **auth(cast.manager)).json()] == [ESPD]
    assert client.get(file_url, **auth(cast.manager)).status_code == 200
    # After the deadline the supplier can no longer remove it.
    assert client.delete(file_url, **auth(cast.user_a)).status_code == 400
    assert ApplicationAttachment.objects.count() == 1


def test_api_remove_before_the_deadline(client, cast, media):
    application = apply(cast, [("espd", pdf())])
    file_url = f"{BASE}/attachments/{application.attachments.get().public_id}"
    assert client.delete(file_url, **auth(cast.user_b)).status_code == 404
    assert client.delete(file_url, **auth(cast.user_a)).status_code == 204
    assert not ApplicationAttachment.objects.exists()
