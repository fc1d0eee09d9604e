"""Submitting, replacing and withdrawing sealed tenders before the deadline."""

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handslag.accounts.models import Organisation, User
from handslag.audit.services import audit_record
from handslag.core.permissions import forbidden
from handslag.market.models import Call, CallStatus
from handslag.tendering import sealing
from handslag.tendering.models import (
    Tender,
    TenderStatus,
)
from handslag.tendering.permissions import (
    is_opened,
    is_tender_supplier,
    tendering_organisations,
)
from handslag.tendering.services._common import _local, _lock_call, _new_receipt

MAX_CONTENT_CHARS = 100_000
MAX_PRICE = Decimal("1000000000000")


def _check_tender_period(call: Call, now: dt.datetime) -> None:
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


@transaction.atomic
def tender_submit(
    *,
    actor: User,
    call: Call,
    content: str,
    price: Decimal,
    supplier: Organisation | None = None,
    now: dt.datetime | None = None,
) -> Tender:
    """Seal and store a supplier's tender; a new submission replaces the previous one."""
    now = now or timezone.now()
    call = _lock_call(call)
    organisations = tendering_organisations(user=actor, call=call)
    if not organisations:
        raise forbidden(_("Your organisation has not been invited to tender in this call."))
    if supplier is None:
        if len(organisations) > 1:
            raise ValidationError(
                {"supplier": _("Choose which of your organisations submits the tender.")}
            )
        supplier = organisations[0]
    elif supplier.pk not in {o.pk for o in organisations}:
        raise forbidden(_("Your organisation has not been invited to tender in this call."))
    _check_tender_period(call, now)

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
    price = _clean_price(price)
    payload = sealing.canonical_payload(content=content, price=price)
    if len(payload) > settings.TENDER_MAX_BYTES:
        raise ValidationError({"content": _("The tender is larger than the limit.")})

    key = sealing.call_key_get_or_create(call=call)
    receipt = _new_receipt()
    previous = list(
        Tender.objects.select_for_update().filter(
            call=call, supplier=supplier, round=1, status=TenderStatus.SUBMITTED
        )
    )
    for old in previous:
        old.status = TenderStatus.REPLACED
        old.save(update_fields=["status", "updated_at"])
    tender = Tender(
        call=call,
        supplier=supplier,
        submitted_by=actor,
        round=1,
        status=TenderStatus.SUBMITTED,
        submitted_at=now,
        ciphertext=sealing.seal(key=key, payload=payload, receipt=receipt),
        content_sha256=sealing.sha256_hex(payload),
        receipt=receipt,
    )
    tender.full_clean()
    tender.save()
    # The entry names the supplier's organisation, never the content or the price.
    audit_record(
        actor=actor,
        action="tender.submit",
        target=tender,
        data={
            "call_id": call.pk,
            "receipt": receipt,
            "sha256": tender.content_sha256,
            "replaces": [old.receipt for old in previous],
        },
        organisation_id=supplier.pk,
    )
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
    _check_tender_period(call, now)
    tender.status = TenderStatus.WITHDRAWN
    tender.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="tender.withdraw",
        target=tender,
        data={"call_id": call.pk, "receipt": tender.receipt},
        organisation_id=tender.supplier_id,
    )
    return tender
