"""JSON API for project documents and the template library (mounted at /api/v1/documents/).

The operations call the same permissions, selectors and services as the pages. Downloads
answer with the file itself, as an attachment that is never rendered as a page.
"""

from django.http import FileResponse, HttpRequest
from ninja import File, Form, Router
from ninja.files import UploadedFile
from ninja.pagination import paginate

from handslag.accounts.models import Organisation
from handslag.core.files import download_response
from handslag.core.permissions import forbidden, not_found
from handslag.documents import library, selectors, services
from handslag.documents.models import (
    AttachmentVersion,
    DocumentTemplate,
    DocumentTemplateVersion,
    GeneratedDocument,
)
from handslag.documents.permissions import (
    access_attachment,
    access_attachment_version,
    access_generated,
    access_project_documents,
    access_template,
    access_template_library,
    can_edit_templates,
)
from handslag.documents.schemas import (
    AttachmentOut,
    ErrorOut,
    GeneratedOut,
    GenerateIn,
    LibraryOut,
    TemplateCopyIn,
    TemplateOut,
    TemplateVersionIn,
    TemplateVersionOut,
    VersionOut,
)

router = Router(tags=["documents"])


# --- Attachments --------------------------------------------------------------------------


@router.get(
    "/projects/{project_id}/attachments",
    response=list[AttachmentOut],
    summary="The project's attachments, newest first",
)
@paginate
def attachment_list(request: HttpRequest, project_id: int):
    project = access_project_documents(user=request.user, project_id=project_id)
    return list(selectors.attachment_list(project=project))


@router.post(
    "/projects/{project_id}/attachments",
    response={201: VersionOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Upload an attachment (multipart: file, description)",
)
def attachment_upload(
    request: HttpRequest,
    project_id: int,
    file: File[UploadedFile],
    description: Form[str] = "",
) -> tuple[int, AttachmentVersion]:
    project = access_project_documents(user=request.user, project_id=project_id, add=True)
    version = services.attachment_upload(
        actor=request.user, project=project, upload=file, description=description
    )
    return 201, version


@router.get(
    "/attachments/{attachment_id}/versions",
    response={200: list[VersionOut], 404: ErrorOut},
    summary="Every version of an attachment, newest first",
)
@paginate
def version_list(request: HttpRequest, attachment_id: int):
    attachment = access_attachment(user=request.user, attachment_id=attachment_id)
    return list(selectors.attachment_versions(attachment=attachment))


@router.post(
    "/attachments/{attachment_id}/versions",
    response={201: VersionOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Upload a new version of an attachment (multipart: file)",
)
def version_add(
    request: HttpRequest, attachment_id: int, file: File[UploadedFile]
) -> tuple[int, AttachmentVersion]:
    attachment = access_attachment(user=request.user, attachment_id=attachment_id, add=True)
    version = services.attachment_version_add(
        actor=request.user, attachment=attachment, upload=file
    )
    return 201, version


@router.get(
    "/versions/{version_id}/download",
    response={200: None, 404: ErrorOut},
    summary="Download one version of an attachment",
)
def version_download(request: HttpRequest, version_id: int) -> FileResponse:
    version = access_attachment_version(user=request.user, version_id=version_id)
    return download_response(
        version.file, filename=version.filename, content_type=version.content_type
    )


# --- Generated documents ------------------------------------------------------------------


@router.get(
    "/projects/{project_id}/generated",
    response=list[GeneratedOut],
    summary="Every generated document version of the project, newest first",
)
@paginate
def generated_list(request: HttpRequest, project_id: int):
    project = access_project_documents(user=request.user, project_id=project_id)
    return list(selectors.generated_list(project=project))


@router.post(
    "/projects/{project_id}/generate",
    response={201: GeneratedOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Generate a document (need_statement, procurement, leadership_report) as docx or pdf",
)
def generate(
    request: HttpRequest, project_id: int, payload: GenerateIn
) -> tuple[int, GeneratedDocument]:
    project = access_project_documents(user=request.user, project_id=project_id, add=True)
    document = services.document_generate(
        actor=request.user, project=project, kind=payload.kind, fmt=payload.format
    )
    return 201, document


@router.get(
    "/generated/{document_id}/download",
    response={200: None, 404: ErrorOut},
    summary="Download a generated document",
)
def generated_download(request: HttpRequest, document_id: int) -> FileResponse:
    document = access_generated(user=request.user, document_id=document_id)
    content_type = (
        "application/pdf"
        if document.fmt == "pdf"
        else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    return download_response(document.file, filename=document.filename, content_type=content_type)


# --- Template library ---------------------------------------------------------------------


@router.get(
    "/templates",
    response={200: LibraryOut, 403: ErrorOut},
    summary="The shipped templates and your organisations' copies",
)
def template_library(request: HttpRequest) -> dict:
    access_template_library(user=request.user)
    shipped = []
    for entry in selectors.template_library(user=request.user):
        title, sections = entry["shipped"].resolved()
        shipped.append(
            {
                "kind": entry["kind"],
                "label": str(entry["label"]),
                "version": entry["shipped"].version,
                "title": title,
                "sections": sections,
            }
        )
    templates = selectors.template_list_for_organisations(
        organisation_ids=request.user.buyer_organisation_ids
    )
    return {
        "shipped": shipped,
        "templates": list(templates),
        "fields": {name: str(text) for name, text in library.FIELDS.items()},
    }


@router.post(
    "/templates",
    response={201: TemplateOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Copy a shipped template to your organisation",
)
def template_copy(request: HttpRequest, payload: TemplateCopyIn) -> tuple[int, DocumentTemplate]:
    access_template_library(user=request.user)
    if payload.organisation_id not in request.user.buyer_organisation_ids:
        raise not_found()
    organisation = Organisation.objects.get(pk=payload.organisation_id)
    if not can_edit_templates(user=request.user, organisation_id=organisation.pk):
        raise forbidden()
    template = services.template_copy(
        actor=request.user, organisation=organisation, kind=payload.kind
    )
    return 201, template


@router.get(
    "/templates/{template_id}",
    response={200: TemplateOut, 404: ErrorOut},
    summary="One of your organisation's templates, with its latest version",
)
def template_detail(request: HttpRequest, template_id: int) -> DocumentTemplate:
    return access_template(user=request.user, template_id=template_id)


@router.get(
    "/templates/{template_id}/versions",
    response={200: list[TemplateVersionOut], 404: ErrorOut},
    summary="Every version of a template, newest first",
)
@paginate
def template_versions(request: HttpRequest, template_id: int):
    template = access_template(user=request.user, template_id=template_id)
    return template.versions.select_related("created_by").order_by("-number")


@router.post(
    "/templates/{template_id}/versions",
    response={201: TemplateVersionOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Save a new version of a template (refused if it names an unknown field)",
)
def template_version_save(
    request: HttpRequest, template_id: int, payload: TemplateVersionIn
) -> tuple[int, DocumentTemplateVersion]:
    template = access_template(user=request.user, template_id=template_id, edit=True)
    version = services.template_version_save(
        actor=request.user,
        template=template,
        title=payload.title,
        sections=[s.dict() for s in payload.sections],
        note=payload.note,
    )
    return 201, version
