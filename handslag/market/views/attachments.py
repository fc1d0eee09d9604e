"""An application's files: the supplier adds and removes them before the deadline; the
supplier, and the buyer's team once the deadline has passed, download them."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from handslag.market import services
from handslag.market.forms import AttachmentForm
from handslag.market.models import Application, ApplicationAttachment
from handslag.market.permissions import (
    access_application,
    access_attachment,
    applications_closed,
    can_edit_attachments,
    can_see_attachments,
)


def attachments_context(
    request: HttpRequest, application: Application, form: AttachmentForm | None = None
) -> dict:
    """What the application page shows of its files: the list to those who may see it."""
    visible = can_see_attachments(user=request.user, application=application)
    editable = can_edit_attachments(user=request.user, application=application)
    return {
        "attachments": list(application.attachments.all()) if visible else [],
        "attachments_visible": visible,
        "attachments_sealed": not visible and not applications_closed(call=application.call),
        "can_edit_attachments": editable,
        "attachment_form": form or (AttachmentForm() if editable else None),
    }


@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    application = access_application(user=request.user, application_id=pk, withdraw=True)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.application_attachment_add(
                actor=request.user,
                application=application,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The attachment was added to your application."))
            return redirect("market:application_detail", pk=application.pk)
    for message in [m for errors in form.errors.values() for m in errors]:
        messages.error(request, message)
    response = redirect("market:application_detail", pk=application.pk)
    return response


@require_POST
def attachment_remove(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    attachment = access_attachment(user=request.user, public_id=pk)
    try:
        services.application_attachment_remove(actor=request.user, attachment=attachment)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The attachment was removed."))
    return redirect("market:application_detail", pk=attachment.application_id)


def download(attachment: ApplicationAttachment) -> HttpResponse:
    """Always a download with a neutral type, so nothing uploaded is shown as our page."""
    response = FileResponse(
        default_storage.open(attachment.blob, "rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type="application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def attachment_download(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    return download(access_attachment(user=request.user, public_id=pk))
