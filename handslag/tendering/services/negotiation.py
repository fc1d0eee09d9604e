"""Negotiation rounds and the confidential channel with each tenderer (DESIGN §4.4).

Equal treatment: a round's changes to the documents and its new deadline go to every
tenderer of the previous round at once, in the same words. The award criteria and the
minimum requirements are not part of a round: nothing here touches them, and the criteria
service refuses changes once the first deadline has passed.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handslag.accounts.models import Membership, Organisation, User
from handslag.accounts.notifications import NotificationKind, notify_each
from handslag.audit.services import audit_record
from handslag.core.permissions import forbidden
from handslag.market.models import Call
from handslag.projects.permissions import MANAGER_ROLES
from handslag.tendering import registry
from handslag.tendering.audit_actions import TenderingAction
from handslag.tendering.models import NegotiationMessage, NegotiationRound
from handslag.tendering.opening import current_round, is_round_opened
from handslag.tendering.permissions import (
    access_channel,
    can_start_round,
    is_channel_buyer,
    round_supplier_ids,
)
from handslag.tendering.services._common import _lock_call

MAX_CHANGE_CHARS = 20_000
MAX_MESSAGE_CHARS = 10_000


def _supplier_people(call: Call, supplier_ids: set[int]) -> list[User]:
    """The people at those suppliers: whoever submitted for them in the call, and members."""
    submitters = call.tenders.filter(supplier_id__in=supplier_ids).values("submitted_by")
    members = Membership.objects.filter(organisation_id__in=supplier_ids, is_active=True).values(
        "user"
    )
    return list(
        User.objects.filter(Q(pk__in=submitters) | Q(pk__in=members), is_active=True)
        .exclude(email="")
        .order_by("pk")
    )


@transaction.atomic
def round_start(
    *,
    actor: User,
    call: Call,
    deadline: dt.datetime,
    change_text: str,
    now: dt.datetime | None = None,
) -> NegotiationRound:
    """Invite revised tenders from everyone with a standing tender in the previous round."""
    now = now or timezone.now()
    call = _lock_call(call)
    if not can_start_round(user=actor, call=call):
        raise forbidden(
            _("Only the project lead and procurement officers can start a negotiation round.")
        )
    if registry.is_awarded(call):
        raise ValidationError(_("The award decision has been made; negotiation is closed."))
    previous = current_round(call)
    previous_number = previous.number if previous else 1
    if not is_round_opened(call, previous_number):
        raise ValidationError(
            _("A new round can start only after round %(round)s has been opened.")
            % {"round": previous_number}
        )
    change_text = (change_text or "").strip()
    errors = {}
    if not change_text:
        errors["change_text"] = _("Describe what changed in the procurement documents.")
    elif len(change_text) > MAX_CHANGE_CHARS:
        errors["change_text"] = _("The description can be at most %(max)s characters.") % {
            "max": MAX_CHANGE_CHARS
        }
    if not isinstance(deadline, dt.datetime) or timezone.is_naive(deadline):
        errors["deadline"] = _("Enter the date and time of the new deadline.")
    elif deadline <= now:
        errors["deadline"] = _("The new deadline must be in the future.")
    if errors:
        raise ValidationError(errors)
    tenderers = round_supplier_ids(call=call, number=previous_number)
    if not tenderers:
        raise ValidationError(
            _("Nobody has a standing tender in round %(round)s to negotiate with.")
            % {"round": previous_number}
        )
    negotiation = NegotiationRound(
        call=call,
        number=previous_number + 1,
        deadline=deadline,
        change_text=change_text,
        created_by=actor,
    )
    negotiation.full_clean()
    negotiation.save()
    NegotiationRound.objects.filter(pk=negotiation.pk).update(created_at=now)
    audit_record(
        actor=actor,
        action=TenderingAction.TENDER_ROUND_START,
        target=call,
        data={
            "call_id": call.pk,
            "round": negotiation.number,
            "deadline": deadline.isoformat(),
            "change_text": change_text,
            "tenderers": sorted(tenderers),
        },
        organisation_id=call.project.organisation_id,
    )
    # The same words to every tenderer at once (equal treatment).
    notify_each(
        users=_supplier_people(call, tenderers),
        kind=NotificationKind.NEGOTIATION_ROUND,
        subject=gettext_lazy("Round %(round)s of negotiation in %(reference)s"),
        body=gettext_lazy(
            "The buyer invites revised tenders in %(reference)s %(title)s (round %(round)s).\n\n"
            "What changed in the procurement documents:\n%(changes)s\n\n"
            "The award criteria and the minimum requirements are unchanged. Submit your "
            "revised tender before %(deadline)s:"
        ),
        params={
            "reference": call.reference,
            "title": call.title,
            "round": negotiation.number,
            "changes": change_text,
            "deadline": deadline,
        },
        link=reverse("tendering:negotiation_supplier", kwargs={"pk": call.pk}),
    )
    return negotiation


@transaction.atomic
def channel_post(
    *,
    actor: User,
    call: Call,
    supplier: Organisation,
    body: str,
    now: dt.datetime | None = None,
) -> NegotiationMessage:
    """A message in the confidential channel between the buyer's team and one tenderer."""
    call, supplier = access_channel(user=actor, call_id=call.pk, supplier_id=supplier.pk)
    from_buyer = is_channel_buyer(user=actor, call=call)
    if not from_buyer and supplier.pk not in actor.supplier_organisation_ids:
        raise forbidden()
    if registry.is_awarded(call):
        raise ValidationError(_("The award decision has been made; negotiation is closed."))
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write a message.")})
    if len(body) > MAX_MESSAGE_CHARS:
        raise ValidationError(
            {"body": _("A message can be at most %(max)s characters.") % {"max": MAX_MESSAGE_CHARS}}
        )
    message = NegotiationMessage.objects.create(
        call=call, supplier=supplier, author=actor, from_buyer=from_buyer, body=body
    )
    if now is not None:
        # Historical demo data passes the time the message was written.
        NegotiationMessage.objects.filter(pk=message.pk).update(created_at=now)
        message.created_at = now
    # The entry says who wrote to whom, never what: the log is read more widely.
    audit_record(
        actor=actor,
        action=TenderingAction.TENDER_CHANNEL_MESSAGE,
        target=message,
        data={"call_id": call.pk, "supplier_id": supplier.pk, "from_buyer": from_buyer},
        organisation_id=supplier.pk if not from_buyer else call.project.organisation_id,
    )
    path = reverse("tendering:channel", kwargs={"pk": call.pk, "supplier_id": supplier.pk})
    if from_buyer:
        people = _supplier_people(call, {supplier.pk})
        subject = gettext_lazy("A message from the buyer in %(reference)s")
    else:
        people = list(
            User.objects.filter(
                project_memberships__project=call.project,
                project_memberships__role__in=MANAGER_ROLES,
                is_active=True,
            )
            .exclude(email="")
            .distinct()
            .order_by("pk")
        )
        subject = gettext_lazy("A message from %(supplier)s in %(reference)s")
    notify_each(
        users=people,
        exclude=actor,
        kind=NotificationKind.NEGOTIATION_MESSAGE,
        subject=subject,
        body=gettext_lazy(
            "A new message is waiting in the confidential negotiation channel of "
            "%(reference)s. Read it here:"
        ),
        params={"reference": call.reference, "supplier": supplier.name},
        link=path,
    )
    return message
