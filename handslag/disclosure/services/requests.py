"""Requests for public documents: their registration, and the redaction of each tender."""

import datetime as dt
import secrets
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handslag.accounts.models import User
from handslag.accounts.notifications import NotificationKind, notify
from handslag.audit.services import audit_record
from handslag.core.permissions import forbidden
from handslag.disclosure import sealing
from handslag.disclosure.audit_actions import DisclosureAction
from handslag.disclosure.models import (
    CaseStatus,
    ClaimDecision,
    DocumentRequest,
    OfficialMask,
    RedactionCase,
    RequestStatus,
)
from handslag.disclosure.permissions import (
    can_handle_requests,
    under_absolute_secrecy,
)
from handslag.disclosure.services.claims import claim_list
from handslag.market.models import Call
from handslag.tendering.gateway import open_for_disclosure
from handslag.tendering.models import Tender, TenderStatus
from handslag.tendering.permissions import is_tender_supplier, visible_tenders

MAX_TEXT = 5_000


def _text(value: str, field: str, message: str, max_chars: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    if len(value) > max_chars:
        raise ValidationError({field: _("At most %(max)s characters.") % {"max": max_chars}})
    return value


def _require_handler(actor: User, call: Call) -> None:
    if not can_handle_requests(user=actor, call=call):
        raise forbidden(_("Only the project team handles requests for documents."))


@transaction.atomic
def request_register(
    *,
    actor: User,
    call: Call,
    requester_name: str,
    requester_email: str = "",
    subject: str,
    received_on: dt.date,
    tenders: Sequence[Tender] | None = None,
    now: dt.datetime | None = None,
) -> DocumentRequest:
    """Register a request for the call's tenders, one case per tender asked for.

    Every request is registered (TF 2 kap.; OSL 4 kap. 1 §). Until the award decision the
    tenders are under absolute secrecy (OSL 19 kap. 3 § andra stycket): such a request
    names no tender and is refused in whole (request_decide), with the same words whether
    there are tenders or not.
    """
    now = now or timezone.now()
    _require_handler(actor, call)
    secret = under_absolute_secrecy(call)
    requester_name = _text(requester_name, "requester_name", _("Enter the requester's name."), 200)
    requester_email = (requester_email or "").strip()
    if requester_email or not secret:
        try:
            validate_email(requester_email)
        except ValidationError:
            raise ValidationError(
                {"requester_email": _("Enter the requester's e-mail address.")}
            ) from None
    subject = _text(subject, "subject", _("Describe what is asked for."))
    if not isinstance(received_on, dt.date) or isinstance(received_on, dt.datetime):
        raise ValidationError({"received_on": _("Enter the date the request arrived.")})
    if received_on > timezone.localdate(now):
        raise ValidationError({"received_on": _("The date cannot be in the future.")})
    if secret:
        request = DocumentRequest.objects.create(
            call=call,
            requester_name=requester_name,
            requester_email=requester_email,
            subject=subject,
            received_on=received_on,
            registered_by=actor,
            before_award=True,
        )
        audit_record(
            actor=actor,
            action=DisclosureAction.DISCLOSURE_REQUEST_REGISTER,
            target=request,
            data={"call_id": call.pk, "before_award": True},
            organisation_id=call.project.organisation_id,
        )
        return request
    # Only tenders the handler may know of (none before the opening), by the one rule.
    submitted = visible_tenders(user=actor).filter(call=call, status=TenderStatus.SUBMITTED)
    chosen = list(submitted) if tenders is None else list(tenders)
    allowed = set(submitted.values_list("pk", flat=True))
    if not chosen or any(t.pk not in allowed for t in chosen):
        raise ValidationError({"tenders": _("Choose one or more of the call's tenders.")})
    request = DocumentRequest.objects.create(
        call=call,
        requester_name=requester_name,
        requester_email=requester_email,
        subject=subject,
        received_on=received_on,
        registered_by=actor,
    )
    for tender in sorted(chosen, key=lambda t: t.pk):
        RedactionCase.objects.create(request=request, tender=tender)
    audit_record(
        actor=actor,
        action=DisclosureAction.DISCLOSURE_REQUEST_REGISTER,
        target=request,
        data={"call_id": call.pk, "tenders": [t.receipt for t in chosen]},
        organisation_id=call.project.organisation_id,
    )
    return request


def _open_case(actor: User, case: RedactionCase) -> RedactionCase:
    case = (
        RedactionCase.objects.select_for_update(of=("self",))
        .select_related(
            "request__call__project", "tender__call", "tender__supplier", "tender__submitted_by"
        )
        .get(pk=case.pk)
    )
    _require_handler(actor, case.request.call)
    if case.status == CaseStatus.DECIDED or case.request.status == RequestStatus.DECIDED:
        raise ValidationError(_("The decision on this tender has already been made."))
    return case


@transaction.atomic
def claim_rule(
    *, actor: User, case: RedactionCase, claim_id: str, mask: bool, reason: str
) -> ClaimDecision:
    """Decide whether one of the supplier's claims is masked or released, with a reason."""
    case = _open_case(actor, case)
    if claim_id not in {c["id"] for c in claim_list(tender=case.tender)}:
        raise ValidationError(_("There is no such claim on this tender."))
    reason = _text(reason, "reason", _("Give the reason for the ruling."))
    ruling, _created = ClaimDecision.objects.update_or_create(
        case=case,
        claim_id=claim_id,
        defaults={"mask": bool(mask), "reason": reason, "decided_by": actor},
    )
    audit_record(
        actor=actor,
        action=DisclosureAction.DISCLOSURE_CLAIM_RULE,
        target=case,
        data={"claim_id": claim_id, "mask": bool(mask)},
        organisation_id=case.request.call.project.organisation_id,
    )
    return ruling


@transaction.atomic
def mask_add(*, actor: User, case: RedactionCase, passage: str, reason: str) -> OfficialMask:
    """The official's own mask on an exact passage of the tender (OSL 31 kap. 16 §)."""
    case = _open_case(actor, case)
    if not (passage or "").strip():
        raise ValidationError({"passage": _("Copy the exact passage to mask.")})
    reason = _text(reason, "reason", _("Give the reason for masking."))
    content = open_for_disclosure(tender=case.tender)
    if passage not in content:
        raise ValidationError(
            {"passage": _("The passage does not occur in the tender. Copy it exactly.")}
        )
    mask_id = secrets.token_hex(8)
    mask = OfficialMask.objects.create(
        case=case,
        mask_id=mask_id,
        ciphertext=sealing.seal_mask(
            tender=case.tender, mask_id=mask_id, mask={"passage": passage, "reason": reason}
        ),
        added_by=actor,
    )
    audit_record(
        actor=actor,
        action=DisclosureAction.DISCLOSURE_MASK_ADD,
        target=case,
        data={"mask_id": mask_id},
        organisation_id=case.request.call.project.organisation_id,
    )
    return mask


@transaction.atomic
def mask_remove(*, actor: User, case: RedactionCase, mask_id: str) -> None:
    case = _open_case(actor, case)
    deleted, _rows = OfficialMask.objects.filter(case=case, mask_id=mask_id).delete()
    if not deleted:
        raise ValidationError(_("There is no such mask on this tender."))
    audit_record(
        actor=actor,
        action=DisclosureAction.DISCLOSURE_MASK_REMOVE,
        target=case,
        data={"mask_id": mask_id},
        organisation_id=case.request.call.project.organisation_id,
    )


@transaction.atomic
def consultation_send(
    *,
    actor: User,
    case: RedactionCase,
    message: str,
    deadline: dt.date,
    now: dt.datetime | None = None,
) -> RedactionCase:
    """Ask the supplier for its view before deciding; it may comment until `deadline`."""
    now = now or timezone.now()
    case = _open_case(actor, case)
    message = _text(message, "message", _("Write the message to the supplier."))
    if not isinstance(deadline, dt.date) or isinstance(deadline, dt.datetime):
        raise ValidationError({"deadline": _("Enter the last day for comments.")})
    if deadline <= timezone.localdate(now):
        raise ValidationError({"deadline": _("The last day for comments must be after today.")})
    case.consultation_message = message
    case.consultation_deadline = deadline
    case.consultation_sent_at = now
    case.status = CaseStatus.CONSULTING
    case.save()
    audit_record(
        actor=actor,
        action=DisclosureAction.DISCLOSURE_CONSULTATION_SEND,
        target=case,
        data={"deadline": deadline.isoformat(), "supplier_id": case.tender.supplier_id},
        organisation_id=case.request.call.project.organisation_id,
    )
    notify(
        user=case.tender.submitted_by,
        kind=NotificationKind.DISCLOSURE,
        subject=gettext_lazy("Request for your tender in %(reference)s"),
        body=gettext_lazy(
            "Someone has asked for your tender in %(reference)s as a public document. "
            "Before we decide what is released, you may comment until %(deadline)s.\n\n"
            "%(message)s\n\nComment here:"
        ),
        params={
            "reference": case.tender.call.reference,
            "deadline": deadline,
            "message": message,
        },
        link=reverse("disclosure:consultation", kwargs={"pk": case.public_id}),
    )
    return case


@transaction.atomic
def consultation_comment(
    *, actor: User, case: RedactionCase, comment: str, now: dt.datetime | None = None
) -> RedactionCase:
    """The supplier's comment on the request, until the last day given."""
    now = now or timezone.now()
    case = (
        RedactionCase.objects.select_for_update(of=("self",))
        .select_related("request__call__project")
        .get(pk=case.pk)
    )
    if not is_tender_supplier(user=actor, tender=case.tender) or not case.consultation_sent_at:
        raise forbidden()
    if case.status == CaseStatus.DECIDED:
        raise ValidationError(_("The decision has already been made."))
    if timezone.localdate(now) > case.consultation_deadline:
        raise ValidationError(_("The last day for comments has passed."))
    case.supplier_comment = _text(comment, "comment", _("Write your comment."))
    case.supplier_commented_at = now
    case.save()
    audit_record(
        actor=actor,
        action=DisclosureAction.DISCLOSURE_CONSULTATION_COMMENT,
        target=case,
        data={"case_id": str(case.public_id)},
        organisation_id=case.request.call.project.organisation_id,
    )
    return case
