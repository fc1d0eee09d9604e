"""Blind individual scoring and the team's consensus scores."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from handslag.accounts.models import User
from handslag.audit.services import audit_record
from handslag.core.permissions import forbidden
from handslag.evaluation import results
from handslag.evaluation.audit_actions import EvaluationAction
from handslag.evaluation.models import Award, Criterion, Score
from handslag.evaluation.permissions import can_record_consensus, can_score
from handslag.market.models import Call
from handslag.tendering.models import Tender, TenderStatus
from handslag.tendering.opening import current_round, is_opened, latest_opened_round
from handslag.tendering.permissions import require_declaration
from handslag.tendering.services._common import _lock_call


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
    if not 0 <= score <= results.MAX_SCORE:
        raise ValidationError({"score": message})
    return score


def _check_scorable(tender: Tender, criterion: Criterion) -> None:
    if not is_opened(tender.call):
        raise ValidationError(_("Scoring starts after the opening."))
    if criterion.call_id != tender.call_id:
        raise ValidationError(_("The criterion does not belong to this call."))
    if tender.status != TenderStatus.SUBMITTED:
        raise ValidationError(_("Only tenders that are still submitted are evaluated."))
    _check_final_round(tender)
    if Award.objects.filter(call_id=tender.call_id).exists():
        raise ValidationError(_("The award decision has been made; the evaluation is closed."))


def _check_final_round(tender: Tender) -> None:
    """Only the final tenders are scored: none while a negotiation round is still sealed,
    and none from a round that a later opened round has superseded."""
    pending = current_round(tender.call)
    if pending is not None and pending.opened_at is None:
        raise ValidationError(
            _("A negotiation round is under way: the evaluation waits for its opening.")
        )
    if tender.round != latest_opened_round(tender.call):
        raise ValidationError(_("Only the tenders of the latest opened round are evaluated."))


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
    require_declaration(user=actor, call=call)
    if not is_opened(call):
        raise ValidationError(_("Scoring starts after the opening."))
    if results.evaluator_done(call=call, user=actor):
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
        action=EvaluationAction.TENDER_SCORE,
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
    require_declaration(user=actor, call=call)
    if not is_opened(call):
        raise ValidationError(_("Scoring starts after the opening."))
    progress = results.progress_of(call=call)
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
        action=EvaluationAction.TENDER_CONSENSUS,
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
