"""Need statements and their expected effects."""

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from handslag.accounts.models import Organisation, User
from handslag.audit.services import audit_record
from handslag.core.permissions import forbidden
from handslag.needs import similarity
from handslag.needs.audit_actions import NeedsAction
from handslag.needs.models import (
    EffectDirection,
    ExpectedEffect,
    NeedStatement,
)
from handslag.needs.permissions import (
    can_edit_need,
)
from handslag.needs.services.common import _clean

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
        action=NeedsAction.NEED_CREATE,
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
        action=NeedsAction.NEED_UPDATE,
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
        action=NeedsAction.EFFECT_ADD,
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
        action=NeedsAction.EFFECT_UPDATE,
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
    # The entry comes last (no row lock after the audit lock); the instance keeps its pk.
    ExpectedEffect.objects.filter(pk=effect.pk).delete()
    audit_record(
        actor=actor,
        action=NeedsAction.EFFECT_REMOVE,
        target=effect,
        organisation_id=need.organisation_id,
        data={"need_id": need.pk, **snapshot},
    )
