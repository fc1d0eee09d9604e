"""Shapes of the documents API's requests and answers."""

import datetime as dt

from ninja import Field, Schema

from handslag.documents import library, selectors
from handslag.documents.models import (
    Attachment,
    AttachmentVersion,
    DocumentTemplate,
    DocumentTemplateVersion,
    GeneratedDocument,
)


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class VersionOut(Schema):
    id: int
    attachment_id: int
    number: int
    filename: str
    content_type: str
    size: int
    sha256: str
    uploaded_by: str
    uploaded_at: dt.datetime
    download_url: str

    @staticmethod
    def resolve_uploaded_by(obj: AttachmentVersion) -> str:
        return str(obj.uploaded_by)

    @staticmethod
    def resolve_download_url(obj: AttachmentVersion) -> str:
        return f"/api/v1/documents/versions/{obj.pk}/download"


class AttachmentOut(Schema):
    id: int
    project_id: int
    name: str
    description: str
    created_at: dt.datetime
    updated_at: dt.datetime
    latest: VersionOut | None

    @staticmethod
    def resolve_latest(obj: Attachment) -> AttachmentVersion | None:
        return max(obj.versions.all(), key=lambda v: v.number, default=None)


class GeneratedOut(Schema):
    id: int
    project_id: int
    kind: str
    format: str
    number: int
    title: str
    filename: str
    size: int
    sha256: str
    template: str
    template_version_id: int | None
    created_by: str
    created_at: dt.datetime
    download_url: str

    @staticmethod
    def resolve_format(obj: GeneratedDocument) -> str:
        return obj.fmt

    @staticmethod
    def resolve_template(obj: GeneratedDocument) -> str:
        return obj.template_label

    @staticmethod
    def resolve_created_by(obj: GeneratedDocument) -> str:
        return str(obj.created_by)

    @staticmethod
    def resolve_download_url(obj: GeneratedDocument) -> str:
        return f"/api/v1/documents/generated/{obj.pk}/download"


class GenerateIn(Schema):
    kind: str = Field(..., max_length=30)
    format: str = Field(..., max_length=10)


class SectionIO(Schema):
    heading: str = Field(..., max_length=200)
    body: str = Field("", max_length=10000)


class TemplateVersionOut(Schema):
    id: int
    number: int
    title: str
    sections: list[SectionIO]
    note: str
    created_by: str
    created_at: dt.datetime

    @staticmethod
    def resolve_created_by(obj: DocumentTemplateVersion) -> str:
        return str(obj.created_by)


class TemplateOut(Schema):
    id: int
    organisation_id: int
    organisation: str
    kind: str
    shipped_version: int
    current: TemplateVersionOut | None

    @staticmethod
    def resolve_organisation(obj: DocumentTemplate) -> str:
        return obj.organisation.name

    @staticmethod
    def resolve_current(obj: DocumentTemplate) -> DocumentTemplateVersion | None:
        return selectors.template_current(template=obj)


class ShippedOut(Schema):
    kind: str
    label: str
    version: int
    title: str
    sections: list[SectionIO]


class LibraryOut(Schema):
    shipped: list[ShippedOut]
    templates: list[TemplateOut]
    fields: dict[str, str]


class TemplateCopyIn(Schema):
    organisation_id: int
    kind: str = Field(..., max_length=30)


class TemplateVersionIn(Schema):
    title: str = Field(..., max_length=300)
    sections: list[SectionIO] = Field(..., max_length=library.MAX_SECTIONS)
    note: str = Field("", max_length=500)
