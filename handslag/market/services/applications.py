"""Changes to applications: apply, withdraw, qualify, invite.

Every service checks who may act and in which state, runs in one transaction and writes
its own audit entry. Deadlines are enforced by the server's clock; `now=` exists only so
tests and the historical demo data can pass a time.
"""

import contextlib
import datetime as dt
import secrets
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handslag.accounts.models import Organisation, User
from handslag.accounts.notifications import NotificationKind
from handslag.audit.services import audit_record
from handslag.core.files import CheckedFile, Upload, check_upload, display_name, rewound
from handslag.core.permissions import forbidden
from handslag.market.audit_actions import MarketAction
from handslag.market.models import (
    Application,
    ApplicationAttachment,
    ApplicationStatus,
    AttachmentKind,
    Call,
    CallStatus,
)
from handslag.market.permissions import (
    can_decide_applications,
    can_edit_attachments,
    is_own_application,
)
from handslag.market.services.call_drafting import _now, _save
from handslag.market.services.notify import notify_call_managers, notify_supplier


def cancelled_message() -> str:
    return _("The procurement has been cancelled, so it takes no applications.")


def _open_for_applications(call: Call, current: dt.datetime) -> None:
    if call.status == CallStatus.CANCELLED:
        raise ValidationError(cancelled_message())
    if call.status != CallStatus.PUBLISHED:
        raise ValidationError(_("The call is not open for applications."))
    if call.application_deadline is None or current >= call.application_deadline:
        raise ValidationError(_("The deadline for applications has passed."))


MAX_ATTACHMENTS = 20
ATTACHMENT_PREFIX = "application-attachments"


def _check_attachment(kind: str, upload: Upload) -> CheckedFile:
    """The same checks as a tender's files: a name, the size limit, the type read from the
    content (never the name or the browser's word), no programs; the name kept safely."""
    if kind not in AttachmentKind.values:
        raise ValidationError({"kind": _("Choose what kind of attachment the file is.")})
    name = display_name(upload.name)
    if not name:
        raise ValidationError({"file": [_("The file has no name.")]})
    # An ESPD response is often the XML file the ESPD service saves; only that kind may be.
    return check_upload(upload, filename=name, espd_xml=kind == AttachmentKind.ESPD)


def _store_attachment(
    *,
    actor: User,
    application: Application,
    kind: str,
    upload: Upload,
    checked: CheckedFile,
    written: list[str],
) -> ApplicationAttachment:
    """Write the file under a random name of its own, then record it; `written` collects
    what is in storage, so the caller can remove it if the transaction fails."""
    stored = default_storage.save(
        f"{ATTACHMENT_PREFIX}/{application.call_id}/{secrets.token_hex(16)}.bin", rewound(upload)
    )
    written.append(stored)
    attachment = ApplicationAttachment.objects.create(
        application=application,
        kind=kind,
        name=checked.filename,
        blob=stored,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor,
    )
    # The entry names the kind, size and hash, never the file's name or content.
    audit_record(
        actor=actor,
        action=MarketAction.APPLICATION_ATTACHMENT_ADD,
        target=attachment,
        organisation_id=application.supplier_id,
        data={
            "application": application.pk,
            "kind": kind,
            "size": checked.size,
            "sha256": checked.sha256,
        },
    )
    return attachment


def _delete_stored(names: list[str]) -> None:
    for name in names:
        # Best effort: a file left behind is one that no row points to.
        with contextlib.suppress(Exception):
            default_storage.delete(name)


def _check_attachments(attachments: Sequence[tuple[str, Upload]]) -> list[CheckedFile]:
    if len(attachments) > MAX_ATTACHMENTS:
        raise ValidationError(
            {"file": [_("Send at most %(max)s attachments.") % {"max": MAX_ATTACHMENTS}]}
        )
    return [_check_attachment(kind, upload) for kind, upload in attachments]


def application_create(
    *,
    actor: User,
    call: Call,
    supplier: Organisation,
    text: str,
    attachments: Sequence[tuple[str, Upload]] = (),
    now: dt.datetime | None = None,
) -> Application:
    """A supplier's application to take part; one per supplier organisation and call.

    A supplier that withdrew may apply again before the deadline; its earlier application
    is reopened with the new text, so the one-per-supplier rule still holds. Attachments
    are (kind, upload) pairs: all are checked before anything is kept, and the application
    is recorded with all of them or not at all.
    """
    attachments = list(attachments or ())
    checked = _check_attachments(attachments)
    written: list[str] = []
    try:
        return _application_create(
            actor=actor,
            call=call,
            supplier=supplier,
            text=text,
            attachments=list(zip(attachments, checked, strict=True)),
            written=written,
            now=now,
        )
    except BaseException:
        _delete_stored(written)
        raise


@transaction.atomic
def _application_create(
    *,
    actor: User,
    call: Call,
    supplier: Organisation,
    text: str,
    attachments: list[tuple[tuple[str, Upload], CheckedFile]],
    written: list[str],
    now: dt.datetime | None,
) -> Application:
    if supplier.pk not in actor.supplier_organisation_ids:
        raise forbidden(_("You can only apply on behalf of a supplier organisation you belong to."))
    call = Call.objects.select_for_update(of=("self",)).select_related("project").get(pk=call.pk)
    current = _now(now)
    _open_for_applications(call, current)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Describe how you meet the selection criteria.")})
    application = Application.objects.filter(call=call, supplier=supplier).first()
    if application is not None and application.status != ApplicationStatus.WITHDRAWN:
        raise ValidationError(_("Your organisation has already applied to this call."))
    reopened = application is not None
    if application is None:
        application = Application(call=call, supplier=supplier)
    application.submitted_by = actor
    application.text = text
    application.status = ApplicationStatus.SUBMITTED
    application.withdrawn_at = None
    application.decision_reason = ""
    application.decided_by = None
    application.decided_at = None
    _save(application)
    if reopened:
        # A withdrawn application's files went with it; the new one brings its own.
        old_blobs = list(application.attachments.values_list("blob", flat=True))
        application.attachments.all().delete()
        transaction.on_commit(lambda: _delete_stored(old_blobs))
    audit_record(
        actor=actor,
        action=MarketAction.APPLICATION_CREATE,
        target=application,
        organisation_id=supplier.pk,
        data={"call": call.pk, "submitted_at": current, "reopened": reopened},
    )
    for (kind, upload), checked in attachments:
        _store_attachment(
            actor=actor,
            application=application,
            kind=kind,
            upload=upload,
            checked=checked,
            written=written,
        )
    notify_call_managers(
        call=call,
        kind=NotificationKind.APPLICATION,
        subject=gettext_lazy("New application in %(reference)s"),
        body=gettext_lazy(
            "%(supplier)s has applied to take part in %(reference)s %(title)s. Qualify or "
            "reject the application against the selection criteria:"
        ),
        params={"supplier": supplier.name, "reference": call.reference, "title": call.title},
        link=reverse("market:application_detail", args=[application.pk]),
    )
    return application


def application_attachment_add(
    *,
    actor: User,
    application: Application,
    kind: str,
    upload: Upload,
    now: dt.datetime | None = None,
) -> ApplicationAttachment:
    """The supplier adds a file to its application, until the application deadline."""
    if not is_own_application(user=actor, application=application):
        raise forbidden()
    checked = _check_attachment(kind, upload)
    written: list[str] = []
    try:
        with transaction.atomic():
            application = _lock_own(application)
            _require_editable(actor, application, now)
            if application.attachments.count() >= MAX_ATTACHMENTS:
                raise ValidationError(
                    {"file": [_("Send at most %(max)s attachments.") % {"max": MAX_ATTACHMENTS}]}
                )
            return _store_attachment(
                actor=actor,
                application=application,
                kind=kind,
                upload=upload,
                checked=checked,
                written=written,
            )
    except BaseException:
        _delete_stored(written)
        raise


@transaction.atomic
def application_attachment_remove(
    *, actor: User, attachment: ApplicationAttachment, now: dt.datetime | None = None
) -> None:
    """The supplier removes a file from its application, until the application deadline."""
    if not is_own_application(user=actor, application=attachment.application):
        raise forbidden()
    application = _lock_own(attachment.application)
    _require_editable(actor, application, now)
    data = {
        "application": application.pk,
        "kind": attachment.kind,
        "sha256": attachment.sha256,
    }
    blob = attachment.blob
    ApplicationAttachment.objects.filter(pk=attachment.pk).delete()
    audit_record(
        actor=actor,
        action=MarketAction.APPLICATION_ATTACHMENT_REMOVE,
        target=attachment,
        organisation_id=application.supplier_id,
        data=data,
    )
    transaction.on_commit(lambda: _delete_stored([blob]))


def _lock_own(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("call", "call__project")
        .get(pk=application.pk)
    )


def _require_editable(actor: User, application: Application, now: dt.datetime | None) -> None:
    current = _now(now)
    _open_for_applications(application.call, current)
    if not can_edit_attachments(user=actor, application=application, now=current):
        raise ValidationError(
            _("Attachments can only be changed on an application that is still open.")
        )


@transaction.atomic
def application_withdraw(
    *, actor: User, application: Application, now: dt.datetime | None = None
) -> Application:
    """The supplier takes its application back; possible until the application deadline."""
    if not is_own_application(user=actor, application=application):
        raise forbidden()
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("call")
        .get(pk=application.pk)
    )
    current = _now(now)
    if application.status not in (ApplicationStatus.SUBMITTED, ApplicationStatus.QUALIFIED):
        raise ValidationError(_("This application can no longer be withdrawn."))
    call = application.call
    if call.application_deadline is None or current >= call.application_deadline:
        raise ValidationError(
            _(
                "The deadline for applications has passed; the application can no longer be withdrawn."
            )
        )
    application.status = ApplicationStatus.WITHDRAWN
    application.withdrawn_at = current
    application.save()
    audit_record(
        actor=actor,
        action=MarketAction.APPLICATION_WITHDRAW,
        target=application,
        organisation_id=application.supplier_id,
        data={"call": call.pk},
    )
    return application


DECIDABLE = (ApplicationStatus.SUBMITTED, ApplicationStatus.QUALIFIED, ApplicationStatus.REJECTED)


@transaction.atomic
def application_decide(
    *,
    actor: User,
    application: Application,
    qualified: bool,
    reason: str,
    now: dt.datetime | None = None,
) -> Application:
    """Qualify or reject an application against the selection criteria, with a reason.

    The decision can be changed until the supplier is invited to tender.
    """
    if not can_decide_applications(user=actor, call=application.call):
        raise forbidden()
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("call", "call__project")
        .get(pk=application.pk)
    )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the decision.")})
    if application.status not in DECIDABLE:
        raise ValidationError(
            _("A withdrawn application, or one already invited to tender, cannot be decided on.")
        )
    if application.call.status != CallStatus.PUBLISHED:
        raise ValidationError(_("Applications can only be decided on while the call is published."))
    current = _now(now)
    application.status = ApplicationStatus.QUALIFIED if qualified else ApplicationStatus.REJECTED
    application.decision_reason = reason
    application.decided_by = actor
    application.decided_at = current
    application.full_clean()
    application.save()
    audit_record(
        actor=actor,
        action=MarketAction.APPLICATION_QUALIFY if qualified else MarketAction.APPLICATION_REJECT,
        target=application,
        organisation_id=application.call.project.organisation_id,
        data={"reason": reason, "supplier": application.supplier_id},
    )
    call = application.call
    notify_supplier(
        organisation=application.supplier,
        also=application.submitted_by,
        kind=NotificationKind.QUALIFICATION,
        subject=gettext_lazy("Your application in %(reference)s: qualified")
        if qualified
        else gettext_lazy("Your application in %(reference)s: not qualified"),
        body=(
            gettext_lazy(
                "Your application to %(reference)s %(title)s meets the selection criteria: "
                "it is qualified. The invitations to tender are sent after the deadline for "
                "applications.\n\nReason: %(reason)s"
            )
            if qualified
            else gettext_lazy(
                "Your application to %(reference)s %(title)s does not meet the selection "
                "criteria and is not qualified.\n\nReason: %(reason)s"
            )
        ),
        params={"reference": call.reference, "title": call.title, "reason": reason},
        link=reverse("market:application_detail", args=[application.pk]),
    )
    return application


@transaction.atomic
def application_invite(
    *, actor: User, application: Application, now: dt.datetime | None = None
) -> Application:
    """Invite a qualified supplier to tender.

    Only after the application deadline, when every application is in and none can be
    withdrawn, so all qualified suppliers can be invited on equal terms.
    """
    if not can_decide_applications(user=actor, call=application.call):
        raise forbidden()
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("call", "call__project")
        .get(pk=application.pk)
    )
    call = application.call
    current = _now(now)
    if application.status != ApplicationStatus.QUALIFIED:
        raise ValidationError(_("Only a qualified application can be invited to tender."))
    if call.status != CallStatus.PUBLISHED:
        raise ValidationError(_("Suppliers can only be invited while the call is published."))
    if call.application_deadline is None or current < call.application_deadline:
        raise ValidationError(
            _("Invite suppliers to tender after the deadline for applications has passed.")
        )
    if call.tender_deadline is not None and current >= call.tender_deadline:
        raise ValidationError(_("The deadline for tenders has passed."))
    application.status = ApplicationStatus.INVITED
    application.invited_at = current
    application.save()
    audit_record(
        actor=actor,
        action=MarketAction.APPLICATION_INVITE,
        target=application,
        organisation_id=call.project.organisation_id,
        data={"supplier": application.supplier_id, "call": call.pk},
    )
    notify_supplier(
        organisation=application.supplier,
        also=application.submitted_by,
        kind=NotificationKind.INVITATION,
        subject=gettext_lazy("Invitation to tender in %(reference)s"),
        body=gettext_lazy(
            "You are invited to tender in %(reference)s %(title)s. Submit your tender before "
            "%(deadline)s; a tender that arrives later is refused."
        ),
        params={
            "reference": call.reference,
            "title": call.title,
            "deadline": call.tender_deadline or "–",
        },
        link=reverse("tendering:tender_submit", kwargs={"call_id": call.pk}),
    )
    return application


def application_invite_qualified(
    *, actor: User, call: Call, now: dt.datetime | None = None
) -> list[Application]:
    """Invite every qualified supplier of the call at once (equal treatment), in one transaction."""
    with transaction.atomic():
        return [
            application_invite(actor=actor, application=application, now=now)
            for application in call.applications.filter(status=ApplicationStatus.QUALIFIED)
        ]
