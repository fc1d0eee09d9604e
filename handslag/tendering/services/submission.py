"""Submitting, replacing and withdrawing sealed tenders before the deadline."""

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handslag.accounts.models import Organisation, User
from handslag.audit.services import audit_record
from handslag.core.permissions import forbidden
from handslag.market.models import Call, CallStatus
from handslag.tendering import crypto, sealing
from handslag.tendering import files as tender_files
from handslag.tendering.audit_actions import TenderingAction
from handslag.tendering.models import CallKey, Tender, TenderFile, TenderStatus
from handslag.tendering.opening import current_round, is_opened
from handslag.tendering.permissions import (
    VISIBLE_CALL_STATUSES,
    is_tender_supplier,
    tendering_organisations,
)
from handslag.tendering.services._common import _local, _lock_call, _new_receipt
from handslag.tendering.tasks import send_tender_receipt

MAX_CONTENT_CHARS = 100_000
MAX_PRICE = Decimal("1000000000000")


def cancelled_message() -> str:
    return _("The procurement has been cancelled, so it takes no tenders.")


def _check_tender_period(call: Call, now: dt.datetime, round_number: int | None = None) -> int:
    """Refuse unless the call's current round takes tenders; returns that round's number.

    `round_number`, when given, is the round the tender belongs to (a withdrawal, or a
    submission made for a particular round): only the current round takes changes.
    """
    if call.status == CallStatus.CANCELLED:
        raise ValidationError(cancelled_message())
    negotiation = current_round(call)
    if negotiation is not None:
        if round_number is not None and round_number != negotiation.number:
            raise ValidationError(_("That round is closed: only the current round takes tenders."))
        if call.status not in VISIBLE_CALL_STATUSES:
            raise ValidationError(_("The call is not open for tenders."))
        if now >= negotiation.deadline:
            raise ValidationError(
                _(
                    "The deadline for revised tenders in round %(round)s passed at "
                    "%(deadline)s. Late tenders are refused."
                )
                % {"round": negotiation.number, "deadline": _local(negotiation.deadline)}
            )
        if negotiation.opened_at is not None:
            raise ValidationError(_("The tenders have already been opened."))
        return negotiation.number
    if round_number not in (None, 1):
        raise ValidationError(_("That round is closed: only the current round takes tenders."))
    if call.status != CallStatus.PUBLISHED:
        raise ValidationError(_("The call is not open for tenders."))
    if call.tender_deadline is None:
        raise ValidationError(_("The call has no deadline for tenders yet."))
    if now >= call.tender_deadline:
        raise ValidationError(
            _("The deadline for tenders passed at %(deadline)s. Late tenders are refused.")
            % {"deadline": _local(call.tender_deadline)}
        )
    if is_opened(call):
        raise ValidationError(_("The tenders have already been opened."))
    return 1


def tender_period_closed(*, call: Call, now: dt.datetime | None = None) -> str | None:
    """Why the call takes no tenders now (deadline passed, opened, not open), or None.

    The submit page shows this instead of the form, so nobody writes a tender only to be
    told on sending it that it is too late; the submission checks the same rule again.
    """
    try:
        _check_tender_period(call, now or timezone.now())
    except ValidationError as error:
        return " ".join(error.messages)
    return None


def _clean_price(price: Any) -> Decimal:
    try:
        value = Decimal(str(price).strip().replace(" ", "").replace(",", "."))
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError({"price": _("Enter the price as a number.")}) from None
    if not value.is_finite():
        raise ValidationError({"price": _("Enter the price as a number.")})
    if value < 0:
        raise ValidationError({"price": _("The price cannot be negative.")})
    if value >= MAX_PRICE:
        raise ValidationError({"price": _("The price is too large.")})
    if value.as_tuple().exponent < -2:
        raise ValidationError({"price": _("Give the price with at most two decimals.")})
    return value


def _choose_supplier(actor: User, call: Call, supplier: Organisation | None) -> Organisation:
    organisations = tendering_organisations(user=actor, call=call)
    if not organisations:
        raise forbidden(_("Your organisation has not been invited to tender in this call."))
    if supplier is None:
        if len(organisations) > 1:
            raise ValidationError(
                {"supplier": _("Choose which of your organisations submits the tender.")}
            )
        return organisations[0]
    if supplier.pk not in {o.pk for o in organisations}:
        raise forbidden(_("Your organisation has not been invited to tender in this call."))
    return supplier


def _clean_content(content: str) -> str:
    content = (content or "").strip()
    if not content:
        raise ValidationError({"content": _("Write your tender.")})
    if len(content) > MAX_CONTENT_CHARS:
        raise ValidationError(
            {
                "content": _("The tender can be at most %(max)s characters.")
                % {"max": MAX_CONTENT_CHARS}
            }
        )
    return content


def _key_for(call: Call) -> CallKey:
    key = CallKey.objects.filter(call=call).first()
    if key is not None:
        return key
    with transaction.atomic():
        return sealing.call_key_get_or_create(call=_lock_call(call))


def tender_submit(
    *,
    actor: User,
    call: Call,
    content: str,
    price: Decimal,
    supplier: Organisation | None = None,
    files: Sequence[tender_files.Upload] = (),
    round_number: int | None = None,
    now: dt.datetime | None = None,
) -> Tender:
    """Seal and store a supplier's tender and its files; a new submission replaces the last.

    The files are streamed, hashed and sealed into storage first; then one transaction
    checks the deadline again under the call's lock and records the tender, its files and
    the audit entry. If anything fails, the written blobs are deleted and nothing is
    recorded, so no tender is ever marked submitted without all of its files.
    """
    now = now or timezone.now()
    call = Call.objects.select_related("project").get(pk=call.pk)
    supplier = _choose_supplier(actor, call, supplier)
    _check_tender_period(call, now, round_number)
    content = _clean_content(content)
    price = _clean_price(price)
    payload = sealing.canonical_payload(content=content, price=price)
    limit = tender_files.max_tender_bytes()
    if len(payload) > limit:
        raise ValidationError({"content": _("The tender is larger than the limit.")})
    uploads = list(files or ())
    if len(uploads) > tender_files.MAX_FILES:
        raise ValidationError(
            {
                "files": _("Send at most %(max)s files with a tender.")
                % {"max": tender_files.MAX_FILES}
            }
        )
    for upload in uploads:
        tender_files.clean_name(upload.name)
    declared = sum(getattr(upload, "size", 0) or 0 for upload in uploads)
    if len(payload) + declared > limit:
        raise tender_files.too_large()

    key = _key_for(call)
    written: list[tender_files.SealedBlob] = []
    try:
        data_key = sealing.data_key(key=key)
        used = len(payload)
        for upload in uploads:
            sealed = tender_files.seal_to_storage(
                data_key=data_key,
                call_id=call.pk,
                upload=upload,
                budget=limit - used,
                written=written,
            )
            used += sealed.size
        return _record(actor, call, supplier, key, payload, written, now, round_number)
    except BaseException:
        tender_files.delete_blobs(written)
        raise


@transaction.atomic
def _record(
    actor: User,
    call: Call,
    supplier: Organisation,
    key: CallKey,
    payload: bytes,
    written: list[tender_files.SealedBlob],
    now: dt.datetime,
    requested_round: int | None = None,
) -> Tender:
    call = _lock_call(call)
    # Checked again under the lock: the deadline, the opening and the invitation rule
    # (in a negotiation round: only those who tendered in the previous round).
    _choose_supplier(actor, call, supplier)
    round_number = _check_tender_period(call, now, requested_round)
    receipt = _new_receipt()
    previous = list(
        Tender.objects.select_for_update().filter(
            call=call, supplier=supplier, round=round_number, status=TenderStatus.SUBMITTED
        )
    )
    for old in previous:
        old.status = TenderStatus.REPLACED
        old.save(update_fields=["status", "updated_at"])
    tender = Tender(
        call=call,
        supplier=supplier,
        submitted_by=actor,
        round=round_number,
        status=TenderStatus.SUBMITTED,
        submitted_at=now,
        ciphertext=sealing.seal(key=key, payload=payload, receipt=receipt),
        content_sha256=sealing.sha256_hex(payload),
        receipt=receipt,
    )
    tender.full_clean()
    tender.save()
    data_key = sealing.data_key(key=key)
    for position, sealed in enumerate(written):
        TenderFile.objects.create(
            tender=tender,
            file_id=sealed.file_id,
            position=position,
            sealed_name=crypto.encrypt_name(
                data_key=data_key, name=sealed.name, call_id=call.pk, file_id=sealed.file_id
            ),
            blob=sealed.blob,
            size=sealed.size,
            sha256=sealed.sha256,
        )
    # The entry names the supplier's organisation, never the content, the price or names.
    audit_record(
        actor=actor,
        action=TenderingAction.TENDER_SUBMIT,
        target=tender,
        data={
            "call_id": call.pk,
            "round": round_number,
            "receipt": receipt,
            "sha256": tender.content_sha256,
            "files": [{"sha256": f.sha256, "size": f.size} for f in written],
            "replaces": [old.receipt for old in previous],
        },
        organisation_id=supplier.pk,
    )
    # The receipt goes to the submitter alone; the buyer hears nothing until the opening.
    public_id = str(tender.public_id)
    transaction.on_commit(lambda: send_tender_receipt.enqueue(tender_id=public_id))
    return tender


@transaction.atomic
def tender_withdraw(*, actor: User, tender: Tender, now: dt.datetime | None = None) -> Tender:
    """Withdraw a tender before the deadline; the supplier may still submit a new one."""
    now = now or timezone.now()
    call = _lock_call(tender.call)
    tender = Tender.objects.select_for_update().get(pk=tender.pk)
    if not is_tender_supplier(user=actor, tender=tender):
        raise forbidden()
    if tender.status != TenderStatus.SUBMITTED:
        raise ValidationError(_("Only a tender that is still submitted can be withdrawn."))
    _check_tender_period(call, now, tender.round)
    tender.status = TenderStatus.WITHDRAWN
    tender.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action=TenderingAction.TENDER_WITHDRAW,
        target=tender,
        data={"call_id": call.pk, "round": tender.round, "receipt": tender.receipt},
        organisation_id=tender.supplier_id,
    )
    return tender
