"""The award decision, its standstill period and the contract date."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handslag.accounts.models import User
from handslag.accounts.notifications import NotificationKind, notify_each
from handslag.audit.services import audit_record
from handslag.core.permissions import forbidden
from handslag.evaluation import results
from handslag.evaluation.audit_actions import EvaluationAction
from handslag.evaluation.models import Award
from handslag.evaluation.permissions import can_award, can_record_consensus
from handslag.market.models import Call
from handslag.rules import legal_clock
from handslag.tendering.models import Tender, TenderStatus
from handslag.tendering.opening import current_round, is_opened
from handslag.tendering.services._common import _lock_call


@transaction.atomic
def award_decide(
    *,
    actor: User,
    call: Call,
    tender: Tender,
    justification: str,
    notice_sent_on: dt.date,
    sent_electronically: bool = True,
    now: dt.datetime | None = None,
) -> Award:
    """The award decision by the project lead, with the standstill computed by the legal clock."""
    now = now or timezone.now()
    call = _lock_call(call)
    if not can_award(user=actor, call=call):
        raise forbidden(_("Only the project lead can make the award decision."))
    if not is_opened(call):
        raise ValidationError(_("The tenders have not been opened yet."))
    if Award.objects.filter(call=call).exists():
        raise ValidationError(_("The award decision for this call has already been made."))
    pending = current_round(call)
    if pending is not None and pending.opened_at is None:
        raise ValidationError(
            _("A negotiation round is under way: the award waits for its opening.")
        )
    if tender.call_id != call.pk or tender.status != TenderStatus.SUBMITTED:
        raise ValidationError({"tender": _("Choose one of the call's submitted tenders.")})
    ranking = results.ranking_of(call=call)
    if not ranking or not all(row.complete for row in ranking):
        raise ValidationError(
            _("The award decision needs consensus scores for every tender on every criterion.")
        )
    if tender.pk not in {row.tender.pk for row in ranking if row.rank == 1}:
        raise ValidationError(
            {"tender": _("The award must go to the tender ranked first by the evaluation.")}
        )
    justification = (justification or "").strip()
    if not justification:
        raise ValidationError({"justification": _("Give the reasons for the decision.")})
    if not isinstance(notice_sent_on, dt.date) or isinstance(notice_sent_on, dt.datetime):
        raise ValidationError({"notice_sent_on": _("Enter the date the award notice was sent.")})
    if notice_sent_on < timezone.localdate(now):
        raise ValidationError(
            {"notice_sent_on": _("The award notice cannot be sent before the decision is made.")}
        )
    award = Award(
        call=call,
        tender=tender,
        decided_by=actor,
        decided_at=now,
        justification=justification,
        notice_sent_on=notice_sent_on,
        sent_electronically=sent_electronically,
        standstill_end=legal_clock.standstill_end(notice_sent_on, electronic=sent_electronically),
    )
    award.full_clean()
    award.save()
    audit_record(
        actor=actor,
        action=EvaluationAction.TENDER_AWARD,
        target=award,
        data={
            "call_id": call.pk,
            "tender_receipt": tender.receipt,
            "supplier": tender.supplier.name,
            "notice_sent_on": notice_sent_on.isoformat(),
            "sent_electronically": sent_electronically,
            "standstill_end": award.standstill_end.isoformat(),
        },
        organisation_id=call.project.organisation_id,
    )
    _notify_tenderers(call, award, now)
    return award


def notice_moment(notice_sent_on: dt.date) -> dt.datetime:
    """The first moment of the notice date in Stockholm: the award e-mail leaves then."""
    return timezone.make_aware(dt.datetime.combine(notice_sent_on, dt.time.min))


def _notify_tenderers(call: Call, award: Award, now: dt.datetime) -> None:
    """One e-mail per tenderer (no one sees the others' addresses), sent on the notice date.

    The standstill period runs from the day the notice is sent, so the e-mail does not
    leave before that date: a later date waits as a notification for
    `send_due_notifications`. Every tenderer is told, also one that sent no revised tender
    in a negotiation round: its tender of an earlier round was still a tender in the
    procurement.
    """
    standing = Tender.objects.filter(call=call, status=TenderStatus.SUBMITTED).select_related(
        "submitted_by"
    )
    notify_each(
        users=sorted({t.submitted_by for t in standing}, key=lambda user: user.pk),
        kind=NotificationKind.AWARD,
        subject=gettext_lazy("Award decision in %(reference)s"),
        body=gettext_lazy(
            "The award decision in %(reference)s %(title)s has been made: the contract is "
            "awarded to %(winner)s.\n\nReasons: %(reasons)s\n\nThe standstill period ends "
            "on %(end)s. The decision with the evaluation of your tender:"
        ),
        params={
            "reference": call.reference,
            "title": call.title,
            "winner": award.tender.supplier.name,
            "reasons": award.justification,
            "end": award.standstill_end,
        },
        link=reverse("evaluation:award_document", kwargs={"pk": call.pk, "kind": "pdf"}),
        send_after=notice_moment(award.notice_sent_on),
        now=now,
    )


@transaction.atomic
def award_record_contract(
    *, actor: User, award: Award, signed_on: dt.date, now: dt.datetime | None = None
) -> Award:
    """Record the date the contract was signed; refused inside the standstill (LOU 20 kap. 1 §)."""
    now = now or timezone.now()
    award = (
        Award.objects.select_for_update(of=("self",))
        .select_related("call__project")
        .get(pk=award.pk)
    )
    if not can_award(user=actor, call=award.call) and not can_record_consensus(
        user=actor, call=award.call
    ):
        raise forbidden(
            _("Only the project lead and procurement officers can record the contract.")
        )
    if award.contract_signed_on is not None:
        raise ValidationError(_("The contract date has already been recorded."))
    if not isinstance(signed_on, dt.date) or isinstance(signed_on, dt.datetime):
        raise ValidationError({"signed_on": _("Enter the date the contract was signed.")})
    if signed_on > timezone.localdate(now):
        raise ValidationError({"signed_on": _("The contract date cannot be in the future.")})
    if not legal_clock.contract_allowed(
        award.notice_sent_on, signed_on, electronic=award.sent_electronically
    ):
        raise ValidationError(
            {
                "signed_on": _(
                    "The contract cannot be signed on %(date)s: the standstill period runs "
                    "until %(end)s inclusive (LOU 20 kap. 1 §). The earliest lawful date is "
                    "%(earliest)s."
                )
                % {
                    "date": formats.date_format(signed_on),
                    "end": formats.date_format(award.standstill_end),
                    "earliest": formats.date_format(
                        legal_clock.earliest_contract_date(
                            award.notice_sent_on, electronic=award.sent_electronically
                        )
                    ),
                }
            }
        )
    award.contract_signed_on = signed_on
    award.full_clean()
    award.save(update_fields=["contract_signed_on", "updated_at"])
    audit_record(
        actor=actor,
        action=EvaluationAction.TENDER_CONTRACT,
        target=award,
        data={"signed_on": signed_on.isoformat()},
        organisation_id=award.call.project.organisation_id,
    )
    return award
