"""Challenges: submission, triage and publication."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handslag.accounts.models import Organisation, User
from handslag.accounts.notifications import NotificationKind, notify
from handslag.audit.services import audit_record
from handslag.core.permissions import forbidden
from handslag.needs import similarity
from handslag.needs.audit_actions import NeedsAction
from handslag.needs.models import (
    Challenge,
    ChallengeStatus,
    NeedStatement,
    Visibility,
)
from handslag.needs.permissions import (
    can_submit_challenge,
    can_triage_challenge,
)
from handslag.needs.services.common import _clean


class TriageOutcome:
    """The triage decisions a challenge can get (DESIGN §4.2)."""

    REFINE = "refine"
    MERGE = "merge"
    PARK = "park"
    MOVE = "move"
    DECLINE = "decline"
    ALL = (REFINE, MERGE, PARK, MOVE, DECLINE)


# A challenge can be triaged while it waits; one parked in the idea bank can be taken out again.
TRIAGEABLE = (ChallengeStatus.SUBMITTED, ChallengeStatus.PARKED)
# Only a challenge that is still alive may be shown to the market.
PUBLISHABLE = (ChallengeStatus.SUBMITTED, ChallengeStatus.REFINED)


@transaction.atomic
def challenge_submit(
    *,
    actor: User,
    organisation: Organisation,
    title: str,
    description: str,
    affected: str = "",
    frequency: str = "",
    cost_today: str = "",
    area: str = "",
    unit: str = "",
    visibility: str = Visibility.ORGANISATION,
) -> Challenge:
    """Raise a challenge for one of the actor's buyer organisations."""
    if not can_submit_challenge(user=actor, organisation_id=organisation.pk):
        raise forbidden(_("You can only submit challenges for your own organisation."))
    challenge = Challenge(
        organisation=organisation,
        title=_clean(title),
        description=_clean(description),
        affected=_clean(affected),
        frequency=_clean(frequency),
        cost_today=_clean(cost_today),
        area=_clean(area),
        unit=_clean(unit),
        visibility=visibility,
        submitted_by=actor,
    )
    challenge.full_clean()
    challenge.save()
    similarity.index_challenge(challenge)
    audit_record(
        actor=actor,
        action=NeedsAction.CHALLENGE_SUBMIT,
        target=challenge,
        organisation_id=organisation.pk,
        data={
            "title": challenge.title,
            "area": challenge.area,
            "unit": challenge.unit,
            "visibility": challenge.visibility,
        },
    )
    return challenge


def _check_triage(*, actor: User, challenge: Challenge, reason: str, reason_required: bool) -> str:
    if not can_triage_challenge(user=actor, challenge=challenge):
        raise forbidden(_("Only need owners and procurement officers can triage challenges."))
    if challenge.status not in TRIAGEABLE:
        raise ValidationError(
            _("This challenge has already been triaged (%(status)s).")
            % {"status": challenge.get_status_display()},
            code="wrong_state",
        )
    reason = _clean(reason or "")
    if reason_required and not reason:
        raise ValidationError({"reason": _("Give a reason, so the submitter understands why.")})
    return reason


def _notify_submitter(challenge: Challenge) -> None:
    """Tell the person who raised the challenge what became of it, once the change is saved."""
    status = ChallengeStatus(challenge.status).label
    notify(
        user=challenge.submitted_by,
        kind=NotificationKind.CHALLENGE,
        subject=gettext_lazy("Your challenge “%(title)s”: %(status)s"),
        body=gettext_lazy("Outcome: %(status)s\nReason: %(reason)s"),
        params={
            "title": challenge.title[:80],
            "status": status,
            "reason": challenge.triage_reason or "–",
        },
        link=reverse("needs:challenge_detail", args=[challenge.pk]),
    )


# What the log calls each outcome of the triage.
TRIAGE_ACTIONS = {
    ChallengeStatus.REFINED: NeedsAction.CHALLENGE_REFINED,
    ChallengeStatus.MERGED: NeedsAction.CHALLENGE_MERGED,
    ChallengeStatus.PARKED: NeedsAction.CHALLENGE_PARKED,
    ChallengeStatus.MOVED: NeedsAction.CHALLENGE_MOVED,
    ChallengeStatus.DECLINED: NeedsAction.CHALLENGE_DECLINED,
}


def _apply_triage(
    *,
    actor: User,
    challenge: Challenge,
    status: str,
    reason: str,
    data: dict[str, Any] | None = None,
) -> Challenge:
    previous = challenge.status
    challenge.status = status
    challenge.triage_reason = reason
    challenge.triaged_by = actor
    challenge.triaged_at = timezone.now()
    was_published = challenge.is_published
    if status not in PUBLISHABLE and challenge.is_published:
        # A challenge that is no longer pursued is taken off the market.
        challenge.is_published = False
    challenge.full_clean()
    challenge.save()
    similarity.index_challenge(challenge)
    audit_record(
        actor=actor,
        action=TRIAGE_ACTIONS[status],
        target=challenge,
        organisation_id=challenge.organisation_id,
        data={
            "from": previous,
            "to": status,
            "reason": reason,
            "unpublished": was_published and not challenge.is_published,
            **(data or {}),
        },
    )
    _notify_submitter(challenge)
    return challenge


def _need_from_challenge(challenge: Challenge) -> dict[str, str]:
    problem = challenge.description
    extra = []
    if challenge.frequency:
        extra.append(_("How often: %(value)s") % {"value": challenge.frequency})
    if challenge.cost_today:
        extra.append(_("What it costs today: %(value)s") % {"value": challenge.cost_today})
    if extra:
        problem = problem + "\n\n" + "\n".join(extra)
    return {
        "title": challenge.title,
        "problem": problem[:5000],
        "target_group": challenge.affected,
    }


@transaction.atomic
def challenge_refine(*, actor: User, challenge: Challenge, reason: str = "") -> NeedStatement:
    """Turn the challenge into a need statement, prefilled from what the submitter wrote."""
    reason = _check_triage(actor=actor, challenge=challenge, reason=reason, reason_required=False)
    need = NeedStatement(
        organisation=challenge.organisation,
        challenge=challenge,
        created_by=actor,
        **_need_from_challenge(challenge),
    )
    need.full_clean()
    need.save()
    # The triage saves the challenge, so it goes first: no row lock after an audit entry.
    _apply_triage(
        actor=actor,
        challenge=challenge,
        status=ChallengeStatus.REFINED,
        reason=reason,
        data={"need_id": need.pk},
    )
    audit_record(
        actor=actor,
        action=NeedsAction.NEED_CREATE,
        target=need,
        organisation_id=need.organisation_id,
        data={"challenge_id": challenge.pk, "title": need.title},
    )
    return need


@transaction.atomic
def challenge_merge(
    *, actor: User, challenge: Challenge, into: Challenge, reason: str
) -> Challenge:
    """Fold a challenge into another of the same organisation that describes the same problem."""
    reason = _check_triage(actor=actor, challenge=challenge, reason=reason, reason_required=True)
    if into.pk == challenge.pk:
        raise ValidationError({"merge_into": _("A challenge cannot be merged into itself.")})
    if into.organisation_id != challenge.organisation_id:
        raise ValidationError({"merge_into": _("Choose a challenge from the same organisation.")})
    if into.status in (ChallengeStatus.MERGED, ChallengeStatus.DECLINED):
        raise ValidationError(
            {"merge_into": _("You cannot merge into a challenge that is merged or declined.")}
        )
    challenge.merged_into = into
    return _apply_triage(
        actor=actor,
        challenge=challenge,
        status=ChallengeStatus.MERGED,
        reason=reason,
        data={"merged_into": into.pk},
    )


@transaction.atomic
def challenge_park(*, actor: User, challenge: Challenge, reason: str) -> Challenge:
    """Keep a good idea outside the current scope in the idea bank, for a later project."""
    reason = _check_triage(actor=actor, challenge=challenge, reason=reason, reason_required=True)
    if challenge.status == ChallengeStatus.PARKED:
        raise ValidationError(_("This challenge is already in the idea bank."), code="wrong_state")
    return _apply_triage(
        actor=actor, challenge=challenge, status=ChallengeStatus.PARKED, reason=reason
    )


@transaction.atomic
def challenge_move(*, actor: User, challenge: Challenge, reason: str) -> Challenge:
    """Hand the challenge to another process (ordinary procurement, IT, operations)."""
    reason = _check_triage(actor=actor, challenge=challenge, reason=reason, reason_required=True)
    return _apply_triage(
        actor=actor, challenge=challenge, status=ChallengeStatus.MOVED, reason=reason
    )


@transaction.atomic
def challenge_decline(*, actor: User, challenge: Challenge, reason: str) -> Challenge:
    reason = _check_triage(actor=actor, challenge=challenge, reason=reason, reason_required=True)
    return _apply_triage(
        actor=actor, challenge=challenge, status=ChallengeStatus.DECLINED, reason=reason
    )


def challenge_triage(
    *,
    actor: User,
    challenge: Challenge,
    outcome: str,
    reason: str = "",
    merge_into: Challenge | None = None,
) -> Challenge | NeedStatement:
    """One entry point for the form and the API; returns the need statement when refined."""
    if outcome == TriageOutcome.REFINE:
        return challenge_refine(actor=actor, challenge=challenge, reason=reason)
    if outcome == TriageOutcome.MERGE:
        if merge_into is None:
            raise ValidationError({"merge_into": _("Choose the challenge to merge this one into.")})
        return challenge_merge(actor=actor, challenge=challenge, into=merge_into, reason=reason)
    if outcome == TriageOutcome.PARK:
        return challenge_park(actor=actor, challenge=challenge, reason=reason)
    if outcome == TriageOutcome.MOVE:
        return challenge_move(actor=actor, challenge=challenge, reason=reason)
    if outcome == TriageOutcome.DECLINE:
        return challenge_decline(actor=actor, challenge=challenge, reason=reason)
    raise ValidationError({"outcome": _("Choose what should happen to the challenge.")})


def _check_publisher(*, actor: User, challenge: Challenge) -> None:
    if not can_triage_challenge(user=actor, challenge=challenge):
        raise forbidden(_("Only need owners and procurement officers can publish challenges."))


@transaction.atomic
def challenge_publish(*, actor: User, challenge: Challenge) -> Challenge:
    """Show the challenge to the market: title, description, for whom, area and buyer only."""
    _check_publisher(actor=actor, challenge=challenge)
    if challenge.status not in PUBLISHABLE:
        raise ValidationError(
            _("Only a submitted or refined challenge can be published."), code="wrong_state"
        )
    if challenge.is_published:
        raise ValidationError(_("The challenge is already published."), code="wrong_state")
    challenge.is_published = True
    challenge.published_at = timezone.now()
    challenge.full_clean()
    challenge.save()
    audit_record(
        actor=actor,
        action=NeedsAction.CHALLENGE_PUBLISH,
        target=challenge,
        organisation_id=challenge.organisation_id,
    )
    return challenge


@transaction.atomic
def challenge_unpublish(*, actor: User, challenge: Challenge) -> Challenge:
    _check_publisher(actor=actor, challenge=challenge)
    if not challenge.is_published:
        raise ValidationError(_("The challenge is not published."), code="wrong_state")
    challenge.is_published = False
    challenge.full_clean()
    challenge.save()
    audit_record(
        actor=actor,
        action=NeedsAction.CHALLENGE_UNPUBLISH,
        target=challenge,
        organisation_id=challenge.organisation_id,
    )
    return challenge
