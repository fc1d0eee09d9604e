"""Writes for the documents app: attachments and their versions, templates, generation.

Files go to Django's default storage (a folder on disk, or S3-compatible object storage),
under names we choose; the person's file name is only kept as a label. A file is written
and hashed before its record is saved, and removed again if the record cannot be saved,
so a failed upload leaves neither a record nor a file behind.
"""

import hashlib
import uuid
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from handslag.accounts.models import Organisation, User
from handslag.audit.services import audit_record
from handslag.core import render
from handslag.core.files import Upload, check_upload, rewound, store_then_record
from handslag.core.permissions import forbidden
from handslag.documents import library, selectors
from handslag.documents.audit_actions import DocumentsAction
from handslag.documents.models import (
    Attachment,
    AttachmentVersion,
    DocumentFormat,
    DocumentKind,
    DocumentTemplate,
    DocumentTemplateVersion,
    GeneratedDocument,
)
from handslag.documents.permissions import can_add_documents, can_edit_templates
from handslag.projects.models import Project


def _storage_name(folder: str, project: Project, extension: str) -> str:
    """A name of our own: never a path or a name the uploader chose."""
    return f"documents/{folder}/{project.pk}/{uuid.uuid4().hex}.{extension}"


def _ensure_can_add(actor: User, project: Project) -> None:
    if not can_add_documents(user=actor, project=project):
        raise forbidden(_("Only the project team can add documents."))


def attachment_upload(
    *,
    actor: User,
    project: Project,
    upload: Upload,
    description: str = "",
    max_bytes: int | None = None,
) -> AttachmentVersion:
    """A new attachment with its first version."""
    _ensure_can_add(actor, project)
    description = (description or "").strip()
    if len(description) > 500:
        raise ValidationError(
            {"description": [_("The description can be at most 500 characters.")]}
        )
    checked = check_upload(upload, max_bytes=max_bytes)

    def record(stored: str) -> AttachmentVersion:
        attachment = Attachment(
            project=project, name=checked.filename, description=description, created_by=actor
        )
        attachment.full_clean()
        attachment.save()
        version = _version(attachment, 1, stored, checked, actor)
        audit_record(
            actor=actor,
            action=DocumentsAction.ATTACHMENT_UPLOAD,
            target=attachment,
            data=_version_data(version),
            organisation_id=project.organisation_id,
        )
        return version

    return store_then_record(
        name=_storage_name("attachments", project, checked.extension),
        content=rewound(upload),
        record=record,
    )


def attachment_version_add(
    *, actor: User, attachment: Attachment, upload: Upload, max_bytes: int | None = None
) -> AttachmentVersion:
    """A new version of an attachment; the earlier versions are kept."""
    project = attachment.project
    _ensure_can_add(actor, project)
    checked = check_upload(upload, max_bytes=max_bytes)

    def record(stored: str) -> AttachmentVersion:
        locked = Attachment.objects.select_for_update().get(pk=attachment.pk)
        number = (locked.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        locked.name = checked.filename
        locked.full_clean()
        locked.save(update_fields=["name", "updated_at"])
        version = _version(locked, number, stored, checked, actor)
        audit_record(
            actor=actor,
            action=DocumentsAction.ATTACHMENT_VERSION_ADD,
            target=locked,
            data=_version_data(version),
            organisation_id=project.organisation_id,
        )
        return version

    return store_then_record(
        name=_storage_name("attachments", project, checked.extension),
        content=rewound(upload),
        record=record,
    )


def _version(attachment: Attachment, number: int, stored: str, checked, actor: User):
    version = AttachmentVersion(
        attachment=attachment,
        number=number,
        file=stored,
        filename=checked.filename,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor,
    )
    version.full_clean()
    version.save()
    return version


def _version_data(version: AttachmentVersion) -> dict[str, Any]:
    return {
        "version": version.number,
        "filename": version.filename,
        "content_type": version.content_type,
        "size": version.size,
        "sha256": version.sha256,
    }


# --- Template library ---------------------------------------------------------------------


def _ensure_kind(kind: str) -> None:
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": [_("There is no template of this kind.")]})


@transaction.atomic
def template_copy(*, actor: User, organisation: Organisation, kind: str) -> DocumentTemplate:
    """The organisation's own copy of a shipped template, as its version 1."""
    _ensure_kind(kind)
    if not can_edit_templates(user=actor, organisation_id=organisation.pk):
        raise forbidden(_("Only procurement officers and administrators can copy templates."))
    if DocumentTemplate.objects.filter(organisation=organisation, kind=kind).exists():
        raise ValidationError(
            {"kind": [_("The organisation already has its own copy of this template.")]}
        )
    shipped = library.shipped(kind)
    title, sections = shipped.resolved()
    template = DocumentTemplate(
        organisation=organisation, kind=kind, shipped_version=shipped.version, created_by=actor
    )
    template.full_clean()
    template.save()
    version = _template_version(
        template, 1, title, sections, _("Copied from the shipped template."), actor
    )
    audit_record(
        actor=actor,
        action=DocumentsAction.DOCUMENT_TEMPLATE_COPY,
        target=template,
        data={"kind": kind, "shipped_version": shipped.version, "version": version.number},
        organisation_id=organisation.pk,
    )
    return template


@transaction.atomic
def template_version_save(
    *,
    actor: User,
    template: DocumentTemplate,
    title: str,
    sections: Sequence[dict[str, str]] | object,
    note: str = "",
) -> DocumentTemplateVersion:
    """A new version of the organisation's template; refused if a field does not exist."""
    if not can_edit_templates(user=actor, organisation_id=template.organisation_id):
        raise forbidden(_("Only procurement officers and administrators can edit templates."))
    cleaned = library.validate_template(title=title, sections=sections)
    note = (note or "").strip()
    if len(note) > 500:
        raise ValidationError({"note": [_("The note can be at most 500 characters.")]})
    locked = DocumentTemplate.objects.select_for_update().get(pk=template.pk)
    number = (locked.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = _template_version(locked, number, title.strip(), cleaned, note, actor)
    locked.save(update_fields=["updated_at"])
    audit_record(
        actor=actor,
        action=DocumentsAction.DOCUMENT_TEMPLATE_VERSION_SAVE,
        target=locked,
        data={"version": number, "note": note},
        organisation_id=locked.organisation_id,
    )
    return version


def _template_version(template, number, title, sections, note, actor):
    version = DocumentTemplateVersion(
        template=template,
        number=number,
        title=title,
        sections=sections,
        note=note[:500],
        created_by=actor,
    )
    version.full_clean()
    version.save()
    return version


# --- Generated documents ------------------------------------------------------------------


def document_build(*, project: Project, kind: str) -> tuple[render.Document, Any, str]:
    """The document for the project from its template (no side effects)."""
    _ensure_kind(kind)
    title, sections, version, label = selectors.template_for_project(project=project, kind=kind)
    values = selectors.project_fields(project=project)
    document = library.build_document(
        title=title,
        subtitle=values["project.buyers"],
        sections=sections,
        values=values,
    )
    return document, version, label


def document_generate(
    *, actor: User, project: Project, kind: str, fmt: str, now: Any = None
) -> GeneratedDocument:
    """Generate the document as DOCX or PDF and keep it as the next version."""
    _ensure_can_add(actor, project)
    if fmt not in DocumentFormat.values:
        raise ValidationError({"fmt": [_("Choose DOCX or PDF.")]})
    document, template_version, label = document_build(project=project, kind=kind)
    content = render.to_docx(document) if fmt == "docx" else render.to_pdf(document)
    sha256 = hashlib.sha256(content).hexdigest()
    filename = f"{document.filename_stem}.{fmt}"

    def record(stored: str) -> GeneratedDocument:
        # Numbers the project's documents one at a time. FOR NO KEY UPDATE: an upload's
        # new row refers to the project (a key-share lock) and need not wait for it.
        Project.objects.select_for_update(no_key=True).filter(pk=project.pk).first()
        number = (
            GeneratedDocument.objects.filter(project=project, kind=kind, fmt=fmt).aggregate(
                n=Max("number")
            )["n"]
            or 0
        ) + 1
        generated = GeneratedDocument(
            project=project,
            kind=kind,
            fmt=fmt,
            number=number,
            template_version=template_version,
            template_label=label[:300],
            title=document.title[:300],
            file=stored,
            filename=filename[:255],
            size=len(content),
            sha256=sha256,
            created_by=actor,
            created_at=now or timezone.now(),
        )
        generated.full_clean()
        generated.save()
        audit_record(
            actor=actor,
            action=DocumentsAction.DOCUMENT_GENERATE,
            target=generated,
            data={
                "kind": kind,
                "format": fmt,
                "version": number,
                "template": label,
                "template_version_id": template_version.pk if template_version else None,
                "sha256": sha256,
            },
            organisation_id=project.organisation_id,
        )
        return generated

    name = f"documents/generated/{project.pk}/{slugify(kind)}-{uuid.uuid4().hex}.{fmt}"
    return store_then_record(name=name, content=ContentFile(content), record=record)
