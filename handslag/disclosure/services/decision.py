"""The decision on each requested tender, and on the request as a whole with its appeal notice."""

import datetime as dt
import os
import secrets
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from handslag.accounts.models import User
from handslag.audit.services import audit_record
from handslag.core.links import absolute_url
from handslag.core.permissions import forbidden
from handslag.core.tasks import send_email
from handslag.disclosure import selectors
from handslag.disclosure.audit_actions import DisclosureAction
from handslag.disclosure.models import (
    CaseStatus,
    DocumentRequest,
    FileDecision,
    Outcome,
    RedactionCase,
    RequestStatus,
)
from handslag.disclosure.permissions import (
    TOKEN_PREFIX,
    can_decide_requests,
    token_digest,
    under_absolute_secrecy,
)
from handslag.disclosure.services.requests import _open_case

MAX_REDACTED_COPY_BYTES = 50 * 1024 * 1024
OUTCOMES = {choice.value for choice in Outcome}


def _require_decider(actor: User, case_or_request: Any) -> None:
    call = (
        case_or_request.call if hasattr(case_or_request, "call") else case_or_request.request.call
    )
    if not can_decide_requests(user=actor, call=call):
        raise forbidden(_("Only the project lead or a procurement officer decides on the release."))


def _store_copy(upload: Any) -> tuple[str, str]:
    size = getattr(upload, "size", None) or 0
    if size > MAX_REDACTED_COPY_BYTES:
        raise ValidationError({"files": _("The redacted copy is too large.")})
    name = os.path.basename(getattr(upload, "name", "") or "") or "copy"
    blob = default_storage.save(f"disclosure/{secrets.token_hex(16)}", upload)
    return blob, name[:255]


@transaction.atomic
def case_decide(
    *,
    actor: User,
    case: RedactionCase,
    text_outcome: str,
    reason: str = "",
    files: Mapping[int, Mapping[str, Any]] | None = None,
    now: dt.datetime | None = None,
) -> RedactionCase:
    """Decide on one tender: its text and each of its files.

    `files` maps each TenderFile's pk to {"outcome", "reason", "copy"}; a file released
    redacted needs the redacted copy. The rulings must agree with the masks: a text with
    masked passages cannot be released whole, and a redacted release needs a mask.
    """
    now = now or timezone.now()
    case = _open_case(actor, case)
    _require_decider(actor, case)
    if (
        case.consultation_sent_at
        and not case.supplier_commented_at
        and timezone.localdate(now) <= case.consultation_deadline
    ):
        raise ValidationError(
            _("The supplier may comment until %(date)s. Decide after that, or once it has.")
            % {"date": formats.date_format(case.consultation_deadline)}
        )
    view = selectors.case_view(case=case)
    if view.unruled:
        raise ValidationError(_("Rule on every one of the supplier's claims first."))
    if text_outcome not in OUTCOMES:
        raise ValidationError({"text_outcome": _("Choose a decision for the tender text.")})
    if text_outcome == Outcome.RELEASE and view.masked_passages:
        raise ValidationError(
            {"text_outcome": _("Passages are masked: release the text redacted, or refuse.")}
        )
    if text_outcome == Outcome.RELEASE_REDACTED and not view.masked_passages:
        raise ValidationError(
            {"text_outcome": _("Nothing is masked: release the text, or mask a passage first.")}
        )
    reason = (reason or "").strip()
    if text_outcome != Outcome.RELEASE and not reason:
        raise ValidationError({"reason": _("Give the reasons for the secrecy.")})
    files = files or {}
    rows = []
    for item in view.files:
        record = item["record"]
        given = files.get(record.pk) or {}
        outcome = given.get("outcome", "")
        if outcome not in OUTCOMES:
            raise ValidationError({"files": _("Choose a decision for every file.")})
        file_reason = (given.get("reason") or "").strip()
        if outcome == Outcome.RELEASE and record.file_id in view.masked_file_ids:
            raise ValidationError(
                {"files": _("A file you ruled confidential cannot be released whole.")}
            )
        if outcome != Outcome.RELEASE and not file_reason:
            raise ValidationError({"files": _("Give the reasons for the secrecy of each file.")})
        copy = given.get("copy")
        if outcome == Outcome.RELEASE_REDACTED and copy is None:
            raise ValidationError(
                {"files": _("Attach the redacted copy of each file released redacted.")}
            )
        rows.append((record, outcome, file_reason, copy))
    stored = []
    try:
        for record, outcome, file_reason, copy in rows:
            blob, name = ("", "")
            if outcome == Outcome.RELEASE_REDACTED:
                blob, name = _store_copy(copy)
                stored.append(blob)
            FileDecision.objects.create(
                case=case,
                tender_file=record,
                outcome=outcome,
                reason=file_reason,
                redacted_blob=blob,
                redacted_name=name,
            )
        case.text_outcome = text_outcome
        case.reason = reason
        case.status = CaseStatus.DECIDED
        case.decided_at = now
        case.full_clean()
        case.save()
        audit_record(
            actor=actor,
            action=DisclosureAction.DISCLOSURE_CASE_DECIDE,
            target=case,
            data={
                "receipt": case.tender.receipt,
                "text": text_outcome,
                "files": {str(r[0].public_id): r[1] for r in rows},
            },
            organisation_id=case.request.call.project.organisation_id,
        )
    except BaseException:
        for blob in stored:
            default_storage.delete(blob)
        raise
    return case


OUTCOME_WORDS = {
    Outcome.RELEASE: lambda: _("released"),
    Outcome.RELEASE_REDACTED: lambda: _("released with passages masked under OSL 31 kap. 16 §"),
    Outcome.REFUSE: lambda: _("not released (secret under OSL 31 kap. 16 §)"),
}


def appeal_notice(*, buyer: str) -> str:
    return _(
        "How to appeal: you may appeal this decision to the administrative court of appeal "
        "(kammarrätten). Write to %(buyer)s within three weeks from the day you received "
        "the decision. Say which decision you appeal and how you want it changed. "
        "%(buyer)s sends the appeal on to the court."
    ) % {"buyer": buyer}


def refusal_text(*, request: DocumentRequest) -> str:
    """The refusal of a request made while the tenders are under absolute secrecy.

    It is built from the request and the call alone, never from the tenders, so its words
    are the same whether there are none, one or many: the secrecy covers that too.
    """
    buyer = request.call.project.organisation.name
    return "\n\n".join(
        [
            _(
                "Decision on the request for public documents from %(name)s, received "
                "%(received)s, concerning: %(subject)s"
            )
            % {
                "name": request.requester_name,
                "received": formats.date_format(request.received_on),
                "subject": request.subject,
            },
            _(
                "%(buyer)s refuses the request. In the procurement %(reference)s %(title)s the "
                "decision on the award has not been made and the procurement has not been "
                "cancelled. Until then information relating to applications and tenders is "
                "under absolute secrecy under the Public Access to Information and Secrecy "
                "Act (offentlighets- och sekretesslagen, OSL) 19 kap. 3 § andra stycket. The "
                "secrecy also covers whether any application or tender has been made and how "
                "many, so this decision says nothing about it."
            )
            % {
                "buyer": buyer,
                "reference": request.call.reference,
                "title": request.call.title,
            },
            _(
                "You may ask again once the award decision is made; the request is then "
                "tried under OSL 31 kap. 16 §."
            ),
            appeal_notice(buyer=buyer),
            _(
                "The right to appeal follows from OSL 6 kap. 7–8 §§; the appeal must reach "
                "%(buyer)s within three weeks (förvaltningslagen 44 §)."
            )
            % {"buyer": buyer},
        ]
    )


def decision_text(*, request: DocumentRequest) -> str:
    if request.before_award:
        return refusal_text(request=request)
    buyer = request.call.project.organisation.name
    parts = [
        _(
            "Decision on the request for public documents from %(name)s, received "
            "%(received)s, concerning: %(subject)s"
        )
        % {
            "name": request.requester_name,
            "received": formats.date_format(request.received_on),
            "subject": request.subject,
        }
    ]
    for case in request.cases.select_related("tender__supplier").prefetch_related("file_rulings"):
        line = _("The tender from %(supplier)s (receipt %(receipt)s): the text is %(outcome)s.") % {
            "supplier": case.tender.supplier.name,
            "receipt": case.tender.receipt,
            "outcome": OUTCOME_WORDS[case.text_outcome](),
        }
        if case.reason:
            line += " " + _("Reasons: %(reason)s") % {"reason": case.reason}
        parts.append(line)
        for number, ruling in enumerate(
            sorted(case.file_rulings.all(), key=lambda r: r.tender_file.position), start=1
        ):
            file_line = _("File %(n)s: %(outcome)s.") % {
                "n": number,
                "outcome": OUTCOME_WORDS[ruling.outcome](),
            }
            if ruling.reason:
                file_line += " " + _("Reasons: %(reason)s") % {"reason": ruling.reason}
            parts.append(file_line)
    parts.append(appeal_notice(buyer=buyer))
    return "\n\n".join(parts)


@transaction.atomic
def request_decide(
    *, actor: User, request: DocumentRequest, now: dt.datetime | None = None
) -> tuple[DocumentRequest, str]:
    """Decide the request once every tender is decided; send the requester its link.

    Returns the request and the link token in clear, which is never stored: only its
    SHA-256 is kept, so the link works for whoever holds the e-mail and nobody else.
    A request made before the award is refused instead (OSL 19 kap. 3 § andra stycket):
    no link, and the token returned is empty.
    """
    now = now or timezone.now()
    request = (
        DocumentRequest.objects.select_for_update(of=("self",))
        .select_related("call__project__organisation")
        .get(pk=request.pk)
    )
    _require_decider(actor, request)
    if request.status == RequestStatus.DECIDED:
        raise ValidationError(_("The request has already been decided."))
    if request.before_award:
        return _refuse_before_award(actor, request, now), ""
    if request.cases.exclude(status=CaseStatus.DECIDED).exists():
        raise ValidationError(_("Decide on every requested tender first."))
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    request.decision_text = decision_text(request=request)
    request.status = RequestStatus.DECIDED
    request.decided_at = now
    request.decided_by = actor
    request.token_digest = token_digest(raw)
    request.save()
    audit_record(
        actor=actor,
        action=DisclosureAction.DISCLOSURE_REQUEST_DECIDE,
        target=request,
        data={"request_id": request.pk},
        organisation_id=request.call.project.organisation_id,
    )
    _send_link(request, raw)
    return request, raw


def _refuse_before_award(
    actor: User, request: DocumentRequest, now: dt.datetime
) -> DocumentRequest:
    if not under_absolute_secrecy(request.call):
        # The secrecy ended after the request came in: it is tried as a request after
        # the award, tender by tender, not refused on a ground that no longer holds.
        raise ValidationError(
            _(
                "The tenders are no longer under absolute secrecy: the award decision has "
                "been made or the procurement cancelled since the request came in. Register "
                "it again with the tenders asked for."
            )
        )
    request.decision_text = refusal_text(request=request)
    request.status = RequestStatus.DECIDED
    request.decided_at = now
    request.decided_by = actor
    request.save()
    audit_record(
        actor=actor,
        action=DisclosureAction.DISCLOSURE_REQUEST_REFUSE,
        target=request,
        data={"request_id": request.pk, "ground": "OSL 19:3 2 st"},
        organisation_id=request.call.project.organisation_id,
    )
    email = request.requester_email
    if email:
        subject = _("Decision on your request for documents (%(reference)s)") % {
            "reference": request.call.reference
        }
        body = str(request.decision_text)
        transaction.on_commit(
            lambda: send_email.enqueue(subject=str(subject), body=body, recipients=[email])
        )
    return request


def _send_link(request: DocumentRequest, raw: str) -> None:
    # The requester has no account: the e-mail is in the language of the decision.
    path = absolute_url(reverse("disclosure:requester", kwargs={"token": raw}))
    subject = _("Decision on your request for documents (%(reference)s)") % {
        "reference": request.call.reference
    }
    body = _("%(decision)s\n\nThe released documents: %(path)s") % {
        "decision": request.decision_text,
        "path": path,
    }
    email = request.requester_email
    transaction.on_commit(
        lambda: send_email.enqueue(subject=str(subject), body=str(body), recipients=[email])
    )


@transaction.atomic
def request_link_renew(*, actor: User, request: DocumentRequest) -> tuple[DocumentRequest, str]:
    """Send the requester a new link (say, the e-mail was lost); the old link stops working."""
    request = (
        DocumentRequest.objects.select_for_update(of=("self",))
        .select_related("call__project__organisation")
        .get(pk=request.pk)
    )
    _require_decider(actor, request)
    if request.status != RequestStatus.DECIDED:
        raise ValidationError(_("The request has not been decided yet."))
    if request.before_award:
        raise ValidationError(_("The request was refused: there is no link to documents."))
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    request.token_digest = token_digest(raw)
    request.save(update_fields=["token_digest", "updated_at"])
    audit_record(
        actor=actor,
        action=DisclosureAction.DISCLOSURE_LINK_RENEW,
        target=request,
        data={"request_id": request.pk},
        organisation_id=request.call.project.organisation_id,
    )
    _send_link(request, raw)
    return request, raw
