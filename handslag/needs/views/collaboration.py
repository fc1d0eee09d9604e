"""Pages for supporting, commenting on, attaching to and sharing challenges."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from handslag.core.files import download_response
from handslag.core.forms import form_page, submit_form
from handslag.needs import services
from handslag.needs.forms import (
    AttachmentForm,
    CommentForm,
    VisibilityForm,
)
from handslag.needs.permissions import (
    access_challenge,
    access_challenge_attachment,
)

# --- Support, comments, visibility --------------------------------------------------------


@require_POST
def challenge_support(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = access_challenge(user=request.user, challenge_id=pk)
    try:
        services.challenge_support(actor=request.user, challenge=challenge)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Thank you. Your support is counted."))
    return redirect("needs:challenge_detail", pk=challenge.pk)


@require_POST
def challenge_unsupport(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = access_challenge(user=request.user, challenge_id=pk)
    try:
        services.challenge_unsupport(actor=request.user, challenge=challenge)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your support was withdrawn."))
    return redirect("needs:challenge_detail", pk=challenge.pk)


@require_http_methods(["GET", "POST"])
def challenge_comment(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = access_challenge(user=request.user, challenge_id=pk)
    form = CommentForm(request.POST or None)
    done = submit_form(
        request,
        form,
        lambda data: services.challenge_comment_add(
            actor=request.user, challenge=challenge, text=data["text"]
        ),
        message=_("Your comment was added."),
        to=reverse("needs:challenge_detail", args=[challenge.pk]),
    )
    return done or form_page(request, "needs/comment_form.html", {"challenge": challenge}, form)


@require_http_methods(["GET", "POST"])
def challenge_attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = access_challenge(user=request.user, challenge_id=pk)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    done = submit_form(
        request,
        form,
        lambda data: services.challenge_attachment_add(
            actor=request.user, challenge=challenge, upload=data["file"]
        ),
        message=lambda attachment: (
            _("“%(name)s” was attached. Checksum (SHA-256): %(sha)s")
            % {"name": attachment.filename, "sha": attachment.sha256}
        ),
        to=reverse("needs:challenge_detail", args=[challenge.pk]),
    )
    return done or form_page(request, "needs/attachment_form.html", {"challenge": challenge}, form)


@require_GET
def challenge_attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = access_challenge_attachment(user=request.user, attachment_id=pk)
    return download_response(
        attachment.file, filename=attachment.filename, content_type=attachment.content_type
    )


@require_POST
def challenge_visibility(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = access_challenge(user=request.user, challenge_id=pk)
    form = VisibilityForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose who may find it."))
        return redirect("needs:challenge_detail", pk=challenge.pk)
    services.challenge_set_visibility(
        actor=request.user, challenge=challenge, visibility=form.cleaned_data["visibility"]
    )
    messages.success(
        request, _("Visibility saved: %(v)s.") % {"v": challenge.get_visibility_display()}
    )
    return redirect("needs:challenge_detail", pk=challenge.pk)
