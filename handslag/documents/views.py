"""Pages for a project's documents and for the organisation's template library."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from handslag.core.files import download_response
from handslag.core.forms import form_page, submit_form
from handslag.core.permissions import not_found
from handslag.documents import library, selectors, services
from handslag.documents.forms import (
    AttachmentForm,
    GenerateForm,
    TemplateCopyForm,
    TemplateEditForm,
    VersionForm,
)
from handslag.documents.models import DocumentFormat, DocumentKind
from handslag.documents.permissions import (
    access_attachment,
    access_attachment_version,
    access_generated,
    access_project_documents,
    access_template,
    access_template_library,
    can_add_documents,
    can_edit_templates,
    template_editor_organisations,
)

PER_PAGE = 25


def _latest_generated(project) -> list:
    """The newest version of each document and format (at most six rows)."""
    latest: dict[tuple[str, str], object] = {}
    for document in selectors.generated_list(project=project)[:200]:
        latest.setdefault((document.kind, document.fmt), document)
    return [
        latest[(kind, fmt)]
        for kind in DocumentKind.values
        for fmt in DocumentFormat.values
        if (kind, fmt) in latest
    ]


def _project_page(request: HttpRequest, project, *, form=None, status: int = 200) -> HttpResponse:
    page = Paginator(selectors.attachment_list(project=project), PER_PAGE).get_page(
        request.GET.get("page")
    )
    can_add = can_add_documents(user=request.user, project=project)
    return render(
        request,
        "documents/project_documents.html",
        {
            "project": project,
            "page_obj": page,
            "latest": _latest_generated(project),
            "kinds": DocumentKind.choices,
            "formats": DocumentFormat.choices,
            "can_add": can_add,
            "form": form or (AttachmentForm() if can_add else None),
        },
        status=status,
    )


@require_GET
def project_documents(request: HttpRequest, pk: int) -> HttpResponse:
    project = access_project_documents(user=request.user, project_id=pk)
    return _project_page(request, project)


@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    project = access_project_documents(user=request.user, project_id=pk, add=True)
    form = AttachmentForm(request.POST, request.FILES)
    done = submit_form(
        request,
        form,
        lambda data: services.attachment_upload(
            actor=request.user,
            project=project,
            upload=data["file"],
            description=data["description"],
        ),
        message=lambda version: (
            _("“%(name)s” was uploaded. Checksum (SHA-256): %(sha)s")
            % {"name": version.filename, "sha": version.sha256}
        ),
        to=reverse("documents:project_documents", args=[project.pk]),
    )
    return done or _project_page(request, project, form=form, status=400)


@require_GET
def attachment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = access_attachment(user=request.user, attachment_id=pk)
    return _attachment_page(request, attachment)


def _attachment_page(
    request: HttpRequest, attachment, *, form=None, status: int = 200
) -> HttpResponse:
    project = attachment.project
    can_add = can_add_documents(user=request.user, project=project)
    page = Paginator(selectors.attachment_versions(attachment=attachment), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "documents/attachment_detail.html",
        {
            "attachment": attachment,
            "project": project,
            "page_obj": page,
            "can_add": can_add,
            "form": form or (VersionForm() if can_add else None),
        },
        status=status,
    )


@require_POST
def attachment_version_add(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = access_attachment(user=request.user, attachment_id=pk, add=True)
    form = VersionForm(request.POST, request.FILES)
    done = submit_form(
        request,
        form,
        lambda data: services.attachment_version_add(
            actor=request.user, attachment=attachment, upload=data["file"]
        ),
        message=lambda version: (
            _("Version %(number)d was uploaded; the earlier versions are kept.")
            % {"number": version.number}
        ),
        to=reverse("documents:attachment_detail", args=[attachment.pk]),
    )
    return done or _attachment_page(request, attachment, form=form, status=400)


@require_GET
def version_download(request: HttpRequest, pk: int) -> FileResponse:
    version = access_attachment_version(user=request.user, version_id=pk)
    return download_response(
        version.file, filename=version.filename, content_type=version.content_type
    )


@require_POST
def document_generate(request: HttpRequest, pk: int) -> HttpResponse:
    project = access_project_documents(user=request.user, project_id=pk, add=True)
    form = GenerateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a document and a format."))
        return _project_page(request, project, status=400)
    generated = services.document_generate(
        actor=request.user,
        project=project,
        kind=form.cleaned_data["kind"],
        fmt=form.cleaned_data["fmt"],
    )
    messages.success(
        request,
        _("%(title)s was generated as version %(number)d (%(format)s).")
        % {"title": generated.title, "number": generated.number, "format": generated.fmt.upper()},
    )
    return redirect("documents:project_documents", project.pk)


@require_GET
def generated_list(request: HttpRequest, pk: int) -> HttpResponse:
    project = access_project_documents(user=request.user, project_id=pk)
    page = Paginator(selectors.generated_list(project=project), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "documents/generated_list.html", {"project": project, "page_obj": page})


@require_GET
def generated_download(request: HttpRequest, pk: int) -> FileResponse:
    document = access_generated(user=request.user, document_id=pk)
    content_type = (
        "application/pdf"
        if document.fmt == "pdf"
        else ("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    )
    return download_response(document.file, filename=document.filename, content_type=content_type)


# --- Template library ---------------------------------------------------------------------


@require_GET
def template_library(request: HttpRequest) -> HttpResponse:
    access_template_library(user=request.user)
    organisations = template_editor_organisations(user=request.user)
    return render(
        request,
        "documents/template_library.html",
        {
            "library": selectors.template_library(user=request.user),
            "copy_form": TemplateCopyForm(organisations=organisations) if organisations else None,
        },
    )


@require_GET
def shipped_template(request: HttpRequest, kind: str) -> HttpResponse:
    access_template_library(user=request.user)
    if kind not in DocumentKind.values:
        raise not_found()
    shipped = library.shipped(kind)
    title, sections = shipped.resolved()
    return render(
        request,
        "documents/shipped_template.html",
        {
            "kind_label": DocumentKind(kind).label,
            "shipped": shipped,
            "title": title,
            "sections": sections,
            "fields": library.FIELDS,
        },
    )


@require_POST
def template_copy(request: HttpRequest) -> HttpResponse:
    access_template_library(user=request.user)
    organisations = template_editor_organisations(user=request.user)
    form = TemplateCopyForm(request.POST, organisations=organisations)
    done = submit_form(
        request,
        form,
        lambda data: services.template_copy(
            actor=request.user,
            organisation=next(o for o in organisations if o.pk == data["organisation"]),
            kind=data["kind"],
        ),
        message=_("The template was copied. Adapt it to your organisation."),
        to=lambda template: reverse("documents:template_edit", args=[template.pk]),
    )
    return done or render(
        request,
        "documents/template_library.html",
        {"library": selectors.template_library(user=request.user), "copy_form": form},
        status=400,
    )


@require_GET
def template_detail(request: HttpRequest, pk: int) -> HttpResponse:
    template = access_template(user=request.user, template_id=pk)
    page = Paginator(template.versions.select_related("created_by"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "documents/template_detail.html",
        {
            "template": template,
            "current": selectors.template_current(template=template),
            "page_obj": page,
            "can_edit": can_edit_templates(
                user=request.user, organisation_id=template.organisation_id
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    template = access_template(user=request.user, template_id=pk, edit=True)
    current = selectors.template_current(template=template)
    initial = {
        "title": current.title if current else "",
        "sections": library.sections_to_text(current.sections if current else []),
    }
    form = TemplateEditForm(request.POST or None, initial=initial)
    detail_url = reverse("documents:template_detail", args=[template.pk])
    done = submit_form(
        request,
        form,
        lambda data: services.template_version_save(
            actor=request.user,
            template=template,
            title=data["title"],
            sections=library.sections_from_text(data["sections"]),
            note=data["note"],
        ),
        message=lambda version: (
            _("Version %(number)d of the template was saved.") % {"number": version.number}
        ),
        to=detail_url,
    )
    return done or form_page(
        request,
        "documents/template_edit.html",
        {"template": template, "fields": library.FIELDS, "cancel_url": detail_url},
        form,
    )
