"""Writes: submitting, replacing and withdrawing tenders, the opening, evaluation and award.

Every service takes the acting person, checks the rule it enforces, changes state in one
transaction and writes its own audit entry. Services that depend on the clock take
``now`` so tests and the historical demo data can pass a time; views never do.
"""

import datetime as dt
import secrets
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from handslag.accounts.models import Organisation, User
from handslag.audit.services import audit_record
from handslag.core.permissions import forbidden
from handslag.market.models import Call, CallStatus
from handslag.tendering import evaluation, legal_clock, sealing
from handslag.tendering.models import (
    Award,
    CallKey,
    Criterion,
    CriterionKind,
    OpeningConfirmation,
    Score,
    Tender,
    TenderStatus,
)
from handslag.tendering.permissions import (
    can_award,
    can_confirm_opening,
    can_manage_criteria,
    can_record_consensus,
    can_score,
    is_opened,
    is_tender_supplier,
    tendering_organisations,
)

MAX_CONTENT_CHARS = 100_000
MAX_PRICE = Decimal("1000000000000")
OPENING_QUORUM = 2
BEST_PRICE_QUALITY_PROCEDURES = frozenset({"innovation_partnership"})


def _local(value: dt.datetime) -> str:
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


def _lock_call(call: Call) -> Call:
    """Lock the call's row: submissions, withdrawals and the opening of one call are serialised."""
    return Call.objects.select_for_update().select_related("project").get(pk=call.pk)


def _new_receipt() -> str:
    raw = secrets.token_hex(16).upper()
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


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


def opening_record(*, call: Call) -> dict[str, Any]:
    """What the opening record lists: every tender of the call and who confirmed, when.

    Call only after the opening (the opening service and post-opening selectors do).
    """
    tenders = (
        Tender.objects.filter(call=call).select_related("supplier").order_by("submitted_at", "pk")
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


def default_criteria() -> list[dict[str, Any]]:
    """The criteria the seeds use (Växjö): three quality criteria and price."""
    return [
        {
            "name": _("Feasibility"),
            "description": _("How likely the proposed solution is to be developed and work."),
            "kind": CriterionKind.QUALITY,
            "weight": 30,
        },
        {
            "name": _("Effect"),
            "description": _("How far the solution reaches the expected effects of the need."),
            "kind": CriterionKind.QUALITY,
            "weight": 30,
        },
        {
            "name": _("Business viability"),
            "description": _(
                "Whether the business model and terms are sustainable for both parties."
            ),
            "kind": CriterionKind.QUALITY,
            "weight": 20,
        },
        {
            "name": _("Price"),
            "description": _("The price or life-cycle cost, scored on the absolute 0–5 scale."),
            "kind": CriterionKind.PRICE,
            "weight": 20,
        },
    ]


@transaction.atomic
def criteria_set(
    *, actor: User, call: Call, criteria: list[dict[str, Any]], now: dt.datetime | None = None
) -> list[Criterion]:
    """Replace the call's award criteria; the weights must add up to exactly 100."""
    now = now or timezone.now()
    call = _lock_call(call)
    if not can_manage_criteria(user=actor, call=call):
        raise forbidden(_("Only the project lead and procurement officers can set award criteria."))
    if (call.tender_deadline is not None and now >= call.tender_deadline) or is_opened(call):
        raise ValidationError(
            _("The award criteria are locked: the deadline for tenders has passed.")
        )
    if not criteria:
        raise ValidationError({"criteria": _("Add at least one award criterion.")})
    cleaned, names, total = [], set(), 0
    for position, item in enumerate(criteria):
        name = str(item.get("name") or "").strip()
        if not name:
            raise ValidationError({"criteria": _("Every criterion needs a name.")})
        if len(name) > 200:
            raise ValidationError(
                {"criteria": _("A criterion's name can be at most 200 characters.")}
            )
        if name.casefold() in names:
            raise ValidationError(
                {"criteria": _("Two criteria have the same name: %(name)s.") % {"name": name}}
            )
        names.add(name.casefold())
        kind = item.get("kind") or CriterionKind.QUALITY
        if kind not in CriterionKind.values:
            raise ValidationError(
                {"criteria": _("Unknown kind of criterion: %(kind)s.") % {"kind": kind}}
            )
        try:
            weight = int(item.get("weight"))
        except (TypeError, ValueError):
            raise ValidationError({"criteria": _("Every weight must be a whole number.")}) from None
        if not 1 <= weight <= 100:
            raise ValidationError({"criteria": _("Every weight must be between 1 and 100.")})
        total += weight
        cleaned.append(
            Criterion(
                call=call,
                name=name,
                description=str(item.get("description") or "").strip(),
                kind=kind,
                weight=weight,
                order=position,
            )
        )
    if total != 100:
        raise ValidationError(
            {
                "criteria": _("The weights must add up to exactly 100 (now %(total)s).")
                % {"total": total}
            }
        )
    kinds = {c.kind for c in cleaned}
    if call.legal_procedure in BEST_PRICE_QUALITY_PROCEDURES and kinds != {
        CriterionKind.QUALITY,
        CriterionKind.PRICE,
    }:
        raise ValidationError(
            {
                "criteria": _(
                    "An innovation partnership is always awarded on the best price–quality "
                    "ratio: include both quality criteria and a price or cost criterion."
                )
            }
        )
    Criterion.objects.filter(call=call).delete()
    for criterion in cleaned:
        criterion.full_clean()
        criterion.save()
    audit_record(
        actor=actor,
        action="tender.criteria_set",
        target=call,
        data={"criteria": [{"name": c.name, "kind": c.kind, "weight": c.weight} for c in cleaned]},
        organisation_id=call.project.organisation_id,
    )
    return cleaned


def _clean_score(value: Any) -> int:
    message = _("A score must be a whole number from 0 to 5.")
    if isinstance(value, bool):
        raise ValidationError({"score": message})
    if isinstance(value, int):
        score = value
    else:
        text = str(value).strip()
        if not text.isdigit():
            raise ValidationError({"score": message})
        score = int(text)
    if not 0 <= score <= evaluation.MAX_SCORE:
        raise ValidationError({"score": message})
    return score


def _check_scorable(tender: Tender, criterion: Criterion) -> None:
    if not is_opened(tender.call):
        raise ValidationError(_("Scoring starts after the opening."))
    if criterion.call_id != tender.call_id:
        raise ValidationError(_("The criterion does not belong to this call."))
    if tender.status != TenderStatus.SUBMITTED:
        raise ValidationError(_("Only tenders that are still submitted are evaluated."))
    if Award.objects.filter(call_id=tender.call_id).exists():
        raise ValidationError(_("The award decision has been made; the evaluation is closed."))


def _suffixed(error: ValidationError, suffix: str) -> ValidationError:
    """Re-key a field error to one criterion's form field (score -> score_12)."""
    if hasattr(error, "error_dict"):
        return ValidationError(
            {f"{field}_{suffix}": messages for field, messages in error.error_dict.items()}
        )
    return error


def _check_can_score(actor: User, tender: Tender) -> Call:
    call = _lock_call(tender.call)
    tender.call = call
    if not can_score(user=actor, call=call):
        raise forbidden(_("Only the project's evaluators can score tenders."))
    if not is_opened(call):
        raise ValidationError(_("Scoring starts after the opening."))
    if evaluation.evaluator_done(call=call, user=actor):
        raise ValidationError(
            _(
                "Your scores are locked: you have scored every tender and can see the other "
                "evaluators' scores."
            )
        )
    return call


def _score_write(
    actor: User, tender: Tender, criterion: Criterion, score: Any, justification: str
) -> Score:
    _check_scorable(tender, criterion)
    value = _clean_score(score)
    justification = (justification or "").strip()
    if not justification:
        raise ValidationError({"justification": _("Justify the score.")})
    existing = Score.objects.filter(
        tender=tender, criterion=criterion, evaluator=actor, is_consensus=False
    ).first()
    record = existing or Score(tender=tender, criterion=criterion, evaluator=actor)
    record.score, record.justification = value, justification
    record.full_clean()
    record.save()
    audit_record(
        actor=actor,
        action="tender.score",
        target=tender,
        data={"criterion": criterion.name, "score": value, "changed": existing is not None},
        organisation_id=tender.call.project.organisation_id,
    )
    return record


@transaction.atomic
def score_record(
    *,
    actor: User,
    tender: Tender,
    criterion: Criterion,
    score: int,
    justification: str,
) -> Score:
    """An evaluator's blind score of one tender on one criterion, with a justification.

    Once an evaluator has scored everything they may see the others' scores, so their own
    are locked from then on.
    """
    _check_can_score(actor, tender)
    return _score_write(actor, tender, criterion, score, justification)


@transaction.atomic
def scores_record(
    *, actor: User, tender: Tender, scores: list[tuple[Criterion, Any, str]]
) -> list[Score]:
    """One evaluator's scores of one tender on several criteria: all saved, or none."""
    _check_can_score(actor, tender)
    saved = []
    for criterion, value, justification in scores:
        try:
            saved.append(_score_write(actor, tender, criterion, value, justification))
        except ValidationError as error:
            raise _suffixed(error, str(criterion.pk)) from None
    return saved


def _check_can_consensus(actor: User, tender: Tender) -> Call:
    call = _lock_call(tender.call)
    tender.call = call
    if not can_record_consensus(user=actor, call=call):
        raise forbidden(
            _("Only the project lead and procurement officers can record consensus scores.")
        )
    if not is_opened(call):
        raise ValidationError(_("Scoring starts after the opening."))
    progress = evaluation.progress_of(call=call)
    if not progress.all_done:
        raise ValidationError(
            _(
                "Consensus can be recorded once every evaluator has scored every tender "
                "(%(done)s of %(total)s evaluators done)."
            )
            % {"done": progress.done_count, "total": progress.total}
        )
    return call


def _consensus_write(
    actor: User,
    tender: Tender,
    criterion: Criterion,
    score: Any,
    justification: str,
    external_justification: str,
) -> Score:
    _check_scorable(tender, criterion)
    value = _clean_score(score)
    justification = (justification or "").strip()
    external_justification = (external_justification or "").strip()
    errors = {}
    if not justification:
        errors["justification"] = _("Write the internal justification.")
    if not external_justification:
        errors["external_justification"] = _("Write the justification to the tenderer.")
    if errors:
        raise ValidationError(errors)
    record = Score.objects.filter(tender=tender, criterion=criterion, is_consensus=True).first()
    changed = record is not None
    record = record or Score(tender=tender, criterion=criterion, is_consensus=True)
    record.evaluator = actor
    record.score = value
    record.justification = justification
    record.external_justification = external_justification
    record.full_clean()
    record.save()
    audit_record(
        actor=actor,
        action="tender.consensus",
        target=tender,
        data={"criterion": criterion.name, "score": value, "changed": changed},
        organisation_id=tender.call.project.organisation_id,
    )
    return record


@transaction.atomic
def consensus_record(
    *,
    actor: User,
    tender: Tender,
    criterion: Criterion,
    score: int,
    justification: str,
    external_justification: str,
) -> Score:
    """The team's agreed score, recorded by a project manager once every evaluator is done."""
    _check_can_consensus(actor, tender)
    return _consensus_write(actor, tender, criterion, score, justification, external_justification)


@transaction.atomic
def consensus_record_many(
    *, actor: User, tender: Tender, scores: list[tuple[Criterion, Any, str, str]]
) -> list[Score]:
    """Consensus scores of one tender on several criteria: all saved, or none."""
    _check_can_consensus(actor, tender)
    saved = []
    for criterion, value, justification, external in scores:
        try:
            saved.append(_consensus_write(actor, tender, criterion, value, justification, external))
        except ValidationError as error:
            raise _suffixed(error, str(criterion.pk)) from None
    return saved


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
    if tender.call_id != call.pk or tender.status != TenderStatus.SUBMITTED:
        raise ValidationError({"tender": _("Choose one of the call's submitted tenders.")})
    ranking = evaluation.ranking_of(call=call)
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
        action="tender.award",
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
    return award


@transaction.atomic
def award_record_contract(
    *, actor: User, award: Award, signed_on: dt.date, now: dt.datetime | None = None
) -> Award:
    """Record the date the contract was signed; refused inside the standstill (LOU 20 kap. 1 §)."""
    now = now or timezone.now()
    award = Award.objects.select_for_update().select_related("call__project").get(pk=award.pk)
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
        action="tender.contract",
        target=award,
        data={"signed_on": signed_on.isoformat()},
        organisation_id=award.call.project.organisation_id,
    )
    return award
