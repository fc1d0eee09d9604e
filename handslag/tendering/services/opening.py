"""The opening by two appointed officials, and the record it produces."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handslag.accounts.models import User
from handslag.audit.services import audit_record
from handslag.core.permissions import forbidden
from handslag.market.models import Call
from handslag.tendering import sealing
from handslag.tendering.models import (
    CallKey,
    OpeningConfirmation,
    Tender,
)
from handslag.tendering.permissions import (
    can_confirm_opening,
    is_opened,
)
from handslag.tendering.services._common import _lock_call

OPENING_QUORUM = 2


def opening_record(*, call: Call) -> dict[str, Any]:
    """What the opening record lists: every tender of the call and who confirmed, when.

    Call only after the opening (the opening service and post-opening selectors do).
    """
    tenders = (
        Tender.objects.filter(call=call)
        .select_related("supplier")
        .prefetch_related("files")
        .order_by("round", "submitted_at", "pk")
    )
    confirmations = OpeningConfirmation.objects.filter(call=call).select_related("official")
    return {
        "call_id": call.pk,
        "reference": call.reference,
        "opened_at": call_key.opened_at.isoformat()
        if (call_key := CallKey.objects.filter(call=call).first()) and call_key.opened_at
        else None,
        "tenders": [
            {
                "supplier": t.supplier.name,
                "supplier_id": t.supplier_id,
                "submitted_at": t.submitted_at.isoformat(),
                "sha256": t.content_sha256,
                "receipt": t.receipt,
                "status": t.status,
                "round": t.round,
                # Sizes and hashes only: file names stay out of the permanent log.
                "files": [{"sha256": f.sha256, "size": f.size} for f in t.files.all()],
            }
            for t in tenders
        ],
        "confirmations": [
            {
                "official": str(c.official),
                "official_id": c.official_id,
                "at": c.created_at.isoformat(),
            }
            for c in confirmations.order_by("created_at", "pk")
        ],
    }


@transaction.atomic
def opening_confirm(
    *, actor: User, call: Call, now: dt.datetime | None = None
) -> OpeningConfirmation:
    """One appointed official confirms the opening; the second distinct official opens the call."""
    now = now or timezone.now()
    call = _lock_call(call)
    if not can_confirm_opening(user=actor, call=call):
        raise forbidden(
            _(
                "Only the officials appointed to open tenders in this project can confirm the opening."
            )
        )
    if call.tender_deadline is None or now < call.tender_deadline:
        raise ValidationError(
            _("The tenders cannot be opened before the deadline for tenders has passed.")
        )
    if is_opened(call):
        raise ValidationError(_("The tenders have already been opened."))
    if OpeningConfirmation.objects.filter(call=call, official=actor).exists():
        raise ValidationError(
            _(
                "You have already confirmed this opening. A second appointed official must confirm it."
            )
        )
    confirmation = OpeningConfirmation(call=call, official=actor)
    confirmation.full_clean()
    confirmation.save()
    # created_at is the record's own time; historical demo data passes an earlier one.
    OpeningConfirmation.objects.filter(pk=confirmation.pk).update(created_at=now)
    confirmation.created_at = now
    audit_record(
        actor=actor,
        action="tender.opening_confirm",
        target=call,
        data={"call_id": call.pk},
        organisation_id=call.project.organisation_id,
    )
    confirmed = (
        OpeningConfirmation.objects.filter(call=call).values("official_id").distinct().count()
    )
    if confirmed >= OPENING_QUORUM:
        key = sealing.call_key_get_or_create(call=call)
        key.opened_at = now
        key.save(update_fields=["opened_at", "updated_at"])
        audit_record(
            actor=actor,
            action="tender.open",
            target=call,
            data=opening_record(call=call),
            organisation_id=call.project.organisation_id,
        )
    return confirmation
