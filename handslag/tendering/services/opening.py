"""The opening by two appointed officials, and the record it produces."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handslag.accounts.models import User
from handslag.audit.services import audit_record
from handslag.core.permissions import forbidden
from handslag.market.models import Call
from handslag.tendering import sealing
from handslag.tendering.audit_actions import TenderingAction
from handslag.tendering.models import (
    NegotiationRound,
    OpeningConfirmation,
)
from handslag.tendering.opening import round_opened_at
from handslag.tendering.permissions import can_confirm_opening
from handslag.tendering.selectors.opening import opening_record
from handslag.tendering.services._common import _lock_call

OPENING_QUORUM = 2


@transaction.atomic
def opening_confirm(
    *, actor: User, call: Call, round_number: int = 1, now: dt.datetime | None = None
) -> OpeningConfirmation:
    """One appointed official confirms a round's opening; the second distinct one opens it.

    Round 1 is the original call (opened on its key); later rounds are negotiation rounds.
    """
    now = now or timezone.now()
    call = _lock_call(call)
    if not can_confirm_opening(user=actor, call=call):
        raise forbidden(
            _(
                "Only the officials appointed to open tenders in this project can confirm the opening."
            )
        )
    negotiation = None
    if round_number == 1:
        deadline = call.tender_deadline
    else:
        negotiation = (
            NegotiationRound.objects.select_for_update()
            .filter(call=call, number=round_number)
            .first()
        )
        if negotiation is None:
            raise ValidationError(_("The call has no such round."))
        deadline = negotiation.deadline
    if deadline is None or now < deadline:
        raise ValidationError(
            _("The tenders cannot be opened before the deadline for tenders has passed.")
        )
    if round_opened_at(call, round_number) is not None:
        raise ValidationError(_("The tenders have already been opened."))
    if OpeningConfirmation.objects.filter(call=call, round=round_number, official=actor).exists():
        raise ValidationError(
            _(
                "You have already confirmed this opening. A second appointed official must confirm it."
            )
        )
    confirmation = OpeningConfirmation(call=call, round=round_number, official=actor)
    confirmation.full_clean()
    confirmation.save()
    # created_at is the record's own time; historical demo data passes an earlier one.
    OpeningConfirmation.objects.filter(pk=confirmation.pk).update(created_at=now)
    confirmation.created_at = now
    confirmed = (
        OpeningConfirmation.objects.filter(call=call, round=round_number)
        .values("official_id")
        .distinct()
        .count()
    )
    opens = confirmed >= OPENING_QUORUM
    if opens:
        if negotiation is None:
            key = sealing.call_key_get_or_create(call=call)
            key.opened_at = now
            key.save(update_fields=["opened_at", "updated_at"])
        else:
            negotiation.opened_at = now
            negotiation.save(update_fields=["opened_at", "updated_at"])
    # The entries come last, once every row is written (the audit lock is taken last).
    audit_record(
        actor=actor,
        action=TenderingAction.TENDER_OPENING_CONFIRM,
        target=call,
        data={"call_id": call.pk, "round": round_number},
        organisation_id=call.project.organisation_id,
    )
    if opens:
        audit_record(
            actor=actor,
            action=TenderingAction.TENDER_OPEN,
            target=call,
            data=opening_record(call=call, round_number=round_number),
            organisation_id=call.project.organisation_id,
        )
    return confirmation
