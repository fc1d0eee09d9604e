"""Applications to calls: apply, withdraw, decide, invite."""

from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import File, Form
from ninja.files import UploadedFile
from ninja.pagination import paginate

from handslag.accounts.models import Organisation
from handslag.core.permissions import forbidden
from handslag.market import selectors, services
from handslag.market.api.base import router
from handslag.market.models import Application, ApplicationAttachment
from handslag.market.permissions import (
    access_application,
    access_attachment,
    access_public_call,
    can_apply,
    can_see_attachments,
)
from handslag.market.schemas import (
    ApplicationIn,
    ApplicationOut,
    AttachmentOut,
    DecisionIn,
    ErrorOut,
)
from handslag.market.views.attachments import download


@router.post(
    "/calls/{call_id}/applications",
    response={201: ApplicationOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Apply to a published call on behalf of your supplier organisation",
)
def application_create(
    request: HttpRequest, call_id: int, payload: ApplicationIn
) -> tuple[int, Application]:
    call = access_public_call(call_id=call_id)
    user = request.user
    if not can_apply(user=user):
        raise forbidden()
    own = user.supplier_organisation_ids
    if payload.supplier_id is None:
        if len(own) != 1:
            raise ValidationError(
                {"supplier_id": _("You belong to several suppliers; say which one applies.")}
            )
        supplier_id = next(iter(own))
    else:
        supplier_id = payload.supplier_id
    if supplier_id not in own:
        raise forbidden()
    supplier = get_object_or_404(Organisation, pk=supplier_id)
    application = services.application_create(
        actor=user, call=call, supplier=supplier, text=payload.text
    )
    return 201, application


@router.get(
    "/applications",
    response=list[ApplicationOut],
    summary="Your supplier organisation's own applications",
)
@paginate
def my_applications(request: HttpRequest):
    return selectors.application_list_for_supplier(user=request.user)


@router.get(
    "/applications/{application_id}",
    response={200: ApplicationOut, 404: ErrorOut},
    summary="One application (its supplier and the project team only)",
)
def application_get(request: HttpRequest, application_id: int) -> Application:
    return access_application(user=request.user, application_id=application_id)


@router.post(
    "/applications/{application_id}/withdraw",
    response={200: ApplicationOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Withdraw your application before the deadline",
)
def application_withdraw(request: HttpRequest, application_id: int) -> Application:
    application = access_application(
        user=request.user, application_id=application_id, withdraw=True
    )
    return services.application_withdraw(actor=request.user, application=application)


@router.post(
    "/applications/{application_id}/decide",
    response={200: ApplicationOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Qualify or reject an application, with the reason",
)
def application_decide(
    request: HttpRequest, application_id: int, payload: DecisionIn
) -> Application:
    application = access_application(user=request.user, application_id=application_id, decide=True)
    return services.application_decide(
        actor=request.user,
        application=application,
        qualified=payload.qualified,
        reason=payload.reason,
    )


@router.post(
    "/applications/{application_id}/invite",
    response={200: ApplicationOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Invite a qualified supplier to tender",
)
def application_invite(request: HttpRequest, application_id: int) -> Application:
    application = access_application(user=request.user, application_id=application_id, decide=True)
    return services.application_invite(actor=request.user, application=application)


# --- attachments ----------------------------------------------------------------------


@router.get(
    "/applications/{application_id}/attachments",
    response={200: list[AttachmentOut], 403: ErrorOut, 404: ErrorOut},
    summary="An application's files (its supplier; the team after the application deadline)",
)
def application_attachments(request: HttpRequest, application_id: int):
    application = access_application(user=request.user, application_id=application_id)
    if not can_see_attachments(user=request.user, application=application):
        raise forbidden(
            _(
                "The applicants' files are shown to the buyer's team once the deadline for "
                "applications has passed."
            )
        )
    return list(application.attachments.all())


@router.post(
    "/applications/{application_id}/attachments",
    response={201: AttachmentOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Add a file to your application (multipart: kind, file) before the deadline",
)
def application_attachment_add(
    request: HttpRequest, application_id: int, kind: Form[str], file: File[UploadedFile]
) -> tuple[int, ApplicationAttachment]:
    application = access_application(
        user=request.user, application_id=application_id, withdraw=True
    )
    attachment = services.application_attachment_add(
        actor=request.user, application=application, kind=kind, upload=file
    )
    return 201, attachment


@router.get(
    "/attachments/{uuid:attachment_id}",
    summary="Download an application's file",
    response={200: None, 404: ErrorOut},
)
def application_attachment_download(request: HttpRequest, attachment_id: UUID) -> HttpResponse:
    return download(access_attachment(user=request.user, public_id=attachment_id))


@router.delete(
    "/attachments/{uuid:attachment_id}",
    response={204: None, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Remove a file from your application before the deadline",
)
def application_attachment_remove(request: HttpRequest, attachment_id: UUID):
    attachment = access_attachment(user=request.user, public_id=attachment_id)
    services.application_attachment_remove(actor=request.user, attachment=attachment)
    return 204, None
