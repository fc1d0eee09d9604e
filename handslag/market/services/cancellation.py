"""Cancelling a procurement (avbrytande): the decision, its reasons and the notices.

LOU 12 kap. 12 §: the buyer tells every candidate and tenderer as soon as possible of
the decision to cancel and of its reasons. The decision is kept on the call (when, on
which ground, why), written to the audit log, shown on the call's public page and sent by
e-mail, one message per person, after the transaction commits.

Cancelling also ends the absolute secrecy of the tenders (OSL 19 kap. 3 § andra
stycket: "... eller ärendet dessförinnan har slutförts"); how that changes who may know
of them is the tendering app's rule (`tendering.permissions.visible_tenders`).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handslag.accounts.models import User
from handslag.accounts.notifications import NotificationKind, notify_each
from handslag.audit.services import audit_record
from handslag.core.links import absolute_url
from handslag.core.permissions import forbidden
from handslag.market import extensions
from handslag.market.audit_actions import MarketAction
from handslag.market.models import (
    Application,
    ApplicationStatus,
    Call,
    CallStatus,
    CancelGround,
)
from handslag.market.permissions import can_manage_call
from handslag.market.selectors.questions import call_interested_people

__all__ = ["call_cancel", "cancellation_recipients"]

MAX_REASON_CHARS = 5000


def cancellation_recipients(*, call: Call) -> list[User]:
    """Who is told: the people of every candidate (an application not withdrawn) and of
    every tenderer (LOU 12 kap. 12 §), and those who follow the call or asked about it.

    Never shown to anyone, nor counted on a page: before the opening even the number of
    tenderers is secret, and a count of recipients would tell it.
    """
    candidates = set(
        Application.objects.filter(call=call)
        .exclude(status=ApplicationStatus.WITHDRAWN)
        .values_list("supplier_id", flat=True)
    )
    organisations = candidates | extensions.call_tenderer_ids(call=call)
    people = {
        user.pk: user
        for user in User.objects.filter(
            memberships__organisation_id__in=organisations,
            memberships__is_active=True,
            is_active=True,
        ).exclude(email="")
    }
    for user in call_interested_people(call=call):
        people.setdefault(user.pk, user)
    return [people[pk] for pk in sorted(people)]


def _notify(*, call: Call) -> None:
    """One e-mail per person, in that person's language, at once (never held for a digest:
    every candidate and tenderer learns of the decision at the same time)."""
    notify_each(
        users=cancellation_recipients(call=call),
        kind=NotificationKind.CALL_CHANGE,
        subject=gettext_lazy("The procurement %(reference)s has been cancelled"),
        body=gettext_lazy(
            "%(buyer)s has decided to cancel the procurement %(reference)s “%(title)s”.\n\n"
            "Decided: %(when)s\nGround: %(ground)s\nReasons: %(reason)s\n\n"
            "No further applications or tenders are taken in this procurement. The call "
            "and the decision: %(link)s"
        ),
        params={
            "buyer": call.project.organisation.name,
            "reference": call.reference,
            "title": call.title,
            "when": call.cancelled_at,
            "ground": CancelGround(call.cancel_ground).label,
            "reason": call.cancel_reason,
            "link": absolute_url(reverse("market:public_call_detail", args=[call.pk])),
        },
    )


@transaction.atomic
def call_cancel(
    *,
    actor: User,
    call: Call,
    reason: str,
    ground: str = CancelGround.OTHER,
    now: dt.datetime | None = None,
) -> Call:
    """Cancel the procurement (avbryta upphandlingen) on a ground, with its reasons.

    Refused, with nothing changed, without reasons, on an unknown ground, for a call
    already cancelled and for one whose award is decided.
    """
    if not can_manage_call(user=actor, call=call):
        raise forbidden()
    call = (
        Call.objects.select_for_update(of=("self",))
        .select_related("project__organisation")
        .get(pk=call.pk)
    )
    reason = (reason or "").strip()
    errors: dict[str, list[str]] = {}
    if not reason:
        errors["reason"] = [_("Give the reasons for cancelling the call.")]
    elif len(reason) > MAX_REASON_CHARS:
        errors["reason"] = [
            _("Write the reasons in at most %(count)s characters.") % {"count": MAX_REASON_CHARS}
        ]
    if ground not in CancelGround.values:
        errors["ground"] = [_("Choose one of the grounds in the list.")]
    if errors:
        raise ValidationError(errors)
    if call.status == CallStatus.CANCELLED:
        raise ValidationError(_("The call has already been cancelled."))
    if extensions.call_decided(call=call):
        raise ValidationError(
            _("An award decision has been made; the call can no longer be cancelled here.")
        )
    was_public = call.is_public
    call.status = CallStatus.CANCELLED
    call.cancelled_at = now or timezone.now()
    call.cancel_reason = reason
    call.cancel_ground = ground
    call.full_clean()
    call.save()
    audit_record(
        actor=actor,
        action=MarketAction.CALL_CANCEL,
        target=call,
        organisation_id=call.project.organisation_id,
        data={"ground": ground, "reason": reason, "cancelled_at": call.cancelled_at},
    )
    if was_public:
        _notify(call=call)
    return call
