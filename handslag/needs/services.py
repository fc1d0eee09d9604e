"""Changes to challenges, need statements and expected effects.

Every state change is one transaction with its own audit entry; nothing is deleted
except an expected effect that its editor removes (the audit log keeps what it said).
"""

import uuid
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handslag.accounts.models import Organisation, User
from handslag.audit.services import audit_record
from handslag.core.permissions import forbidden
from handslag.core.tasks import send_email
from handslag.documents.services import rewound, store_then_record
from handslag.documents.uploads import Upload, check_upload
from handslag.needs import similarity
from handslag.needs.models import (
    Challenge,
    ChallengeAttachment,
    ChallengeComment,
    ChallengeStatus,
    ChallengeSupport,
    EffectDirection,
    ExpectedEffect,
    NeedStatement,
    Visibility,
)
from handslag.needs.permissions import (
    can_attach_to_challenge,
    can_edit_need,
    can_set_challenge_visibility,
    can_submit_challenge,
    can_support_challenge,
    can_triage_challenge,
    can_view_challenge,
)


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

NEED_FIELDS = (
    "title",
    "problem",
    "target_group",
    "stakeholders",
    "functional_requirements",
    "constraints",
    "strategy_links",
    "market_check",
    "market_check_notes",
    "visibility",
)
EFFECT_FIELDS = (
    "description",
    "indicator",
    "unit",
    "baseline",
    "target",
    "direction",
    "measurement_method",
    "measurement_frequency",
)


def _clean(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


# --- Challenges ---------------------------------------------------------------------------


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
        action="challenge.submit",
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
    email = challenge.submitted_by.email
    if not email:
        return
    subject = _("Your challenge “%(title)s”: %(status)s") % {
        "title": challenge.title[:80],
        "status": challenge.get_status_display(),
    }
    body = _("Outcome: %(status)s\nReason: %(reason)s") % {
        "status": challenge.get_status_display(),
        "reason": challenge.triage_reason or "–",
    }
    transaction.on_commit(
        lambda: send_email.enqueue(subject=str(subject), body=str(body), recipients=[email])
    )


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
        action=f"challenge.{status}",
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
    audit_record(
        actor=actor,
        action="need.create",
        target=need,
        organisation_id=need.organisation_id,
        data={"challenge_id": challenge.pk, "title": need.title},
    )
    _apply_triage(
        actor=actor,
        challenge=challenge,
        status=ChallengeStatus.REFINED,
        reason=reason,
        data={"need_id": need.pk},
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
        action="challenge.publish",
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
        action="challenge.unpublish",
        target=challenge,
        organisation_id=challenge.organisation_id,
    )
    return challenge


# --- Support, comments and visibility ------------------------------------------------------


@transaction.atomic
def challenge_support(*, actor: User, challenge: Challenge) -> ChallengeSupport:
    """A colleague's "me too": once per person, not by the one who raised it."""
    if not can_view_challenge(user=actor, challenge=challenge):
        raise forbidden(_("Only colleagues in the organisation can support the challenge."))
    if challenge.submitted_by_id == actor.pk:
        raise ValidationError(_("You raised this challenge yourself."), code="own_challenge")
    if not can_support_challenge(user=actor, challenge=challenge):
        raise ValidationError(
            _("Only a challenge that is still open can be supported."), code="wrong_state"
        )
    if ChallengeSupport.objects.filter(challenge=challenge, user=actor).exists():
        raise ValidationError(_("You already support this challenge."), code="duplicate")
    support = ChallengeSupport(challenge=challenge, user=actor)
    support.full_clean()
    support.save()
    audit_record(
        actor=actor,
        action="challenge.support",
        target=challenge,
        organisation_id=challenge.organisation_id,
    )
    return support


@transaction.atomic
def challenge_unsupport(*, actor: User, challenge: Challenge) -> None:
    """Withdraw one's own support."""
    support = ChallengeSupport.objects.filter(challenge=challenge, user=actor).first()
    if support is None:
        raise ValidationError(_("You do not support this challenge."), code="not_supported")
    support.delete()
    audit_record(
        actor=actor,
        action="challenge.unsupport",
        target=challenge,
        organisation_id=challenge.organisation_id,
    )


@transaction.atomic
def challenge_comment_add(*, actor: User, challenge: Challenge, text: str) -> ChallengeComment:
    """A colleague's comment; comments stay inside the organisation and are never deleted."""
    if not can_view_challenge(user=actor, challenge=challenge):
        raise forbidden(_("Only colleagues in the organisation can comment on the challenge."))
    text = _clean(text or "")
    if not text:
        raise ValidationError({"text": _("Write a comment.")})
    comment = ChallengeComment(challenge=challenge, author=actor, text=text)
    comment.full_clean()
    comment.save()
    audit_record(
        actor=actor,
        action="challenge.comment",
        target=challenge,
        organisation_id=challenge.organisation_id,
        data={"comment_id": comment.pk, "text": text},
    )
    return comment


def challenge_attachment_add(
    *, actor: User, challenge: Challenge, upload: Upload, max_bytes: int | None = None
) -> ChallengeAttachment:
    """Check the file (type from its content, size, SHA-256), store it under a name of our
    own, then record it; if recording fails, the stored file is removed again."""
    if not can_attach_to_challenge(user=actor, challenge=challenge):
        raise forbidden(_("Only colleagues in the organisation can attach files."))
    checked = check_upload(upload, max_bytes=max_bytes)

    def record(stored: str) -> ChallengeAttachment:
        attachment = ChallengeAttachment(
            challenge=challenge,
            file=stored,
            filename=checked.filename,
            size=checked.size,
            sha256=checked.sha256,
            content_type=checked.content_type,
            uploaded_by=actor,
        )
        attachment.full_clean()
        attachment.save()
        audit_record(
            actor=actor,
            action="challenge.attach",
            target=challenge,
            organisation_id=challenge.organisation_id,
            data={
                "attachment_id": attachment.pk,
                "filename": checked.filename,
                "size": checked.size,
                "sha256": checked.sha256,
                "content_type": checked.content_type,
            },
        )
        return attachment

    return store_then_record(
        name=f"needs/challenges/{challenge.pk}/{uuid.uuid4().hex}.{checked.extension}",
        content=rewound(upload),
        record=record,
    )


def _check_visibility(value: str) -> None:
    if value not in Visibility.values:
        raise ValidationError({"visibility": _("Choose who may find it.")})


@transaction.atomic
def challenge_set_visibility(*, actor: User, challenge: Challenge, visibility: str) -> Challenge:
    """Share the challenge with other buyers (similar needs), or make it private again."""
    if not can_set_challenge_visibility(user=actor, challenge=challenge):
        raise forbidden(
            _("Only the submitter, need owners and procurement officers can change this.")
        )
    _check_visibility(visibility)
    previous = challenge.visibility
    if previous == visibility:
        return challenge
    challenge.visibility = visibility
    challenge.full_clean()
    challenge.save()
    similarity.index_challenge(challenge)
    audit_record(
        actor=actor,
        action="challenge.visibility",
        target=challenge,
        organisation_id=challenge.organisation_id,
        data={"from": previous, "to": visibility},
    )
    return challenge


# --- Need statements ----------------------------------------------------------------------


def _check_need_editor(*, actor: User, need: NeedStatement) -> None:
    if not can_edit_need(user=actor, need=need):
        raise forbidden(_("Only need owners and procurement officers can edit need statements."))


@transaction.atomic
def need_create(
    *, actor: User, organisation: Organisation, title: str, problem: str, **fields: Any
) -> NeedStatement:
    """A need statement written directly, without a challenge before it."""
    unknown = set(fields) - set(NEED_FIELDS)
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(names)s") % {"names": ", ".join(sorted(unknown))}
        )
    need = NeedStatement(
        organisation=organisation,
        created_by=actor,
        title=_clean(title),
        problem=_clean(problem),
        **{k: _clean(v) for k, v in fields.items()},
    )
    _check_need_editor(actor=actor, need=need)
    need.full_clean()
    need.save()
    similarity.index_need(need)
    audit_record(
        actor=actor,
        action="need.create",
        target=need,
        organisation_id=organisation.pk,
        data={"title": need.title},
    )
    return need


@transaction.atomic
def need_update(*, actor: User, need: NeedStatement, **fields: Any) -> NeedStatement:
    """Change any of the need statement's own fields; the audit entry keeps before and after."""
    _check_need_editor(actor=actor, need=need)
    unknown = set(fields) - set(NEED_FIELDS)
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(names)s") % {"names": ", ".join(sorted(unknown))}
        )
    changes = {}
    for name, value in fields.items():
        value = _clean(value)
        before = getattr(need, name)
        if before != value:
            changes[name] = {"from": before, "to": value}
            setattr(need, name, value)
    if not changes:
        return need
    need.full_clean()
    need.save()
    similarity.index_need(need)
    audit_record(
        actor=actor,
        action="need.update",
        target=need,
        organisation_id=need.organisation_id,
        data={"changes": changes},
    )
    return need


# --- Expected effects ---------------------------------------------------------------------


def _validate_effect(effect: ExpectedEffect) -> None:
    errors: dict[str, list[str]] = {}
    if not effect.unit:
        errors.setdefault("unit", []).append(_("Give the unit the indicator is measured in."))
    if effect.baseline is None:
        errors.setdefault("baseline", []).append(_("Give the baseline: the value today."))
    if effect.target is None:
        errors.setdefault("target", []).append(_("Give the target value."))
    elif effect.baseline is not None and Decimal(effect.baseline) == Decimal(effect.target):
        errors.setdefault("target", []).append(_("The target must differ from the baseline."))
    elif effect.baseline is not None:
        baseline, target = Decimal(effect.baseline), Decimal(effect.target)
        if effect.direction == EffectDirection.INCREASE and target < baseline:
            errors.setdefault("target", []).append(
                _("The effect should increase the indicator: set a target above the baseline.")
            )
        elif effect.direction == EffectDirection.DECREASE and target > baseline:
            errors.setdefault("target", []).append(
                _("The effect should decrease the indicator: set a target below the baseline.")
            )
    if effect.direction not in EffectDirection.values:
        errors.setdefault("direction", []).append(
            _("Choose whether the indicator should increase or decrease.")
        )
    if errors:
        raise ValidationError(errors)
    effect.full_clean()


@transaction.atomic
def effect_add(
    *,
    actor: User,
    need: NeedStatement,
    description: str,
    indicator: str,
    unit: str,
    baseline: Decimal | None,
    target: Decimal | None,
    direction: str | None = None,
    measurement_method: str = "",
    measurement_frequency: str = "",
) -> ExpectedEffect:
    """Add an effect; without a direction, the one the target implies is used."""
    _check_need_editor(actor=actor, need=need)
    if direction is None and baseline is not None and target is not None:
        direction = (
            EffectDirection.INCREASE
            if Decimal(target) > Decimal(baseline)
            else EffectDirection.DECREASE
        )
    last = need.effects.order_by("-order").values_list("order", flat=True).first()
    effect = ExpectedEffect(
        need=need,
        description=_clean(description),
        indicator=_clean(indicator),
        unit=_clean(unit),
        baseline=baseline,
        target=target,
        direction=direction or "",
        measurement_method=_clean(measurement_method),
        measurement_frequency=_clean(measurement_frequency),
        order=(last or 0) + 1,
    )
    _validate_effect(effect)
    effect.save()
    audit_record(
        actor=actor,
        action="effect.add",
        target=effect,
        organisation_id=need.organisation_id,
        data={"need_id": need.pk, **{f: getattr(effect, f) for f in EFFECT_FIELDS}},
    )
    return effect


@transaction.atomic
def effect_update(*, actor: User, effect: ExpectedEffect, **fields: Any) -> ExpectedEffect:
    need = effect.need
    _check_need_editor(actor=actor, need=need)
    unknown = set(fields) - set(EFFECT_FIELDS)
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(names)s") % {"names": ", ".join(sorted(unknown))}
        )
    changes = {}
    for name, value in fields.items():
        value = _clean(value)
        before = getattr(effect, name)
        if before != value:
            changes[name] = {"from": before, "to": value}
            setattr(effect, name, value)
    if not changes:
        return effect
    _validate_effect(effect)
    effect.save()
    audit_record(
        actor=actor,
        action="effect.update",
        target=effect,
        organisation_id=need.organisation_id,
        data={"need_id": need.pk, "changes": changes},
    )
    return effect


@transaction.atomic
def effect_remove(*, actor: User, effect: ExpectedEffect) -> None:
    need = effect.need
    _check_need_editor(actor=actor, need=need)
    snapshot = {f: getattr(effect, f) for f in EFFECT_FIELDS}
    audit_record(
        actor=actor,
        action="effect.remove",
        target=effect,
        organisation_id=need.organisation_id,
        data={"need_id": need.pk, **snapshot},
    )
    effect.delete()


# --- Joint projects -------------------------------------------------------------------------


@transaction.atomic
def need_joint_project_start(
    *,
    actor: User,
    need: NeedStatement,
    title: str,
    template: Any,
    partner_buyers: list[Organisation],
    summary: str = "",
) -> Any:
    """Start a project carrying this need, owned together with other buyer organisations."""
    # Imported here: projects depends on needs, not the other way round.
    from handslag.projects.services import project_create

    _check_need_editor(actor=actor, need=need)
    partners = [p for p in partner_buyers if p.pk != need.organisation_id]
    if not partners:
        raise ValidationError(
            {"partner_buyers": _("Choose at least one other buyer organisation.")}
        )
    project = project_create(
        actor=actor,
        organisation=need.organisation,
        title=title,
        template=template,
        needs=[need],
        summary=summary,
        partner_buyers=partners,
    )
    audit_record(
        actor=actor,
        action="need.joint_project",
        target=need,
        organisation_id=need.organisation_id,
        data={"project_id": project.pk, "partner_buyers": [p.pk for p in partners]},
    )
    return project
