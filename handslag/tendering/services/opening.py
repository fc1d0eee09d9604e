"""The opening by two appointed officials, in one sitting, and the record it produces.

The tenders are opened together at one opening (LOU 12 kap. 10 §): the two confirmations
must both fall within the call's opening window (OpeningSettings, 60 minutes by default).
A first confirmation not followed by a second in time lapses; it is kept, marked expired,
with its own audit entry, and the opening starts again.
"""

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
    OPENING_WINDOW_MAX_MINUTES,
    OPENING_WINDOW_MIN_MINUTES,
    NegotiationRound,
    OpeningConfirmation,
    OpeningSettings,
)
from handslag.tendering.opening import opening_window, round_opened_at
from handslag.tendering.permissions import can_confirm_opening, can_set_opening_window
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
    window = opening_window(call)
    lapsed = _expire_lapsed(call=call, round_number=round_number, now=now, window=window)
    active = OpeningConfirmation.objects.filter(
        call=call, round=round_number, expired_at__isnull=True
    )
    if active.filter(official=actor).exists():
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
    confirmed = active.values("official_id").distinct().count()
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
    for old in lapsed:
        audit_record(
            actor=actor,
            action=TenderingAction.TENDER_OPENING_EXPIRE,
            target=call,
            data={
                "call_id": call.pk,
                "round": round_number,
                "official_id": old.official_id,
                "official": str(old.official),
                "confirmed_at": old.created_at.isoformat(),
                "expired_at": old.expired_at.isoformat(),
                "window_minutes": int(window.total_seconds() // 60),
            },
            organisation_id=call.project.organisation_id,
        )
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


def _expire_lapsed(
    *, call: Call, round_number: int, now: dt.datetime, window: dt.timedelta
) -> list[OpeningConfirmation]:
    """Mark the round's confirmations older than the window expired; returns them.

    A confirmation lapses at its time plus the window: a second confirmation at that
    moment or later no longer makes one sitting with it."""
    lapsed = list(
        OpeningConfirmation.objects.select_for_update()
        .select_related("official")
        .filter(
            call=call, round=round_number, expired_at__isnull=True, created_at__lte=now - window
        )
        .order_by("created_at", "pk")
    )
    for confirmation in lapsed:
        confirmation.expired_at = confirmation.created_at + window
        confirmation.save(update_fields=["expired_at", "updated_at"])
    return lapsed


@transaction.atomic
def opening_window_set(
    *, actor: User, call: Call, minutes: int, now: dt.datetime | None = None
) -> OpeningSettings:
    """Set the minutes allowed between the two confirmations of the call's opening.

    The project's managers, until the deadline for tenders: the officials then know the
    rule of the sitting before it starts, and it cannot be stretched once tenders are due.
    """
    now = now or timezone.now()
    call = _lock_call(call)
    if not can_set_opening_window(user=actor, call=call):
        raise forbidden(
            _("Only the project lead and procurement officers can change how the opening is held.")
        )
    if call.tender_deadline is not None and now >= call.tender_deadline:
        raise ValidationError(
            _("The opening window can only be changed before the deadline for tenders.")
        )
    try:
        value = int(minutes)
    except (TypeError, ValueError):
        value = None
    if value is None or not OPENING_WINDOW_MIN_MINUTES <= value <= OPENING_WINDOW_MAX_MINUTES:
        raise ValidationError(
            {
                "window_minutes": _(
                    "Give the time between the two confirmations in whole minutes, from "
                    "%(min)s to %(max)s."
                )
                % {"min": OPENING_WINDOW_MIN_MINUTES, "max": OPENING_WINDOW_MAX_MINUTES}
            }
        )
    opening_settings, created = OpeningSettings.objects.get_or_create(call=call)
    previous = None if created else opening_settings.window_minutes
    opening_settings.window_minutes = value
    opening_settings.full_clean()
    opening_settings.save()
    audit_record(
        actor=actor,
        action=TenderingAction.TENDER_OPENING_WINDOW_SET,
        target=call,
        data={"call_id": call.pk, "window_minutes": value, "previous": previous},
        organisation_id=call.project.organisation_id,
    )
    return opening_settings
