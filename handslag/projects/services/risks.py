"""The risk register: registering and changing risks."""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from handslag.accounts.models import User
from handslag.audit.services import audit_record
from handslag.core.permissions import forbidden
from handslag.projects.audit_actions import ProjectsAction
from handslag.projects.models import (
    Project,
    Risk,
    RiskStatus,
)
from handslag.projects.permissions import (
    can_edit_area,
    is_team_member,
)
from handslag.projects.services._common import _ensure_active

RISK_FIELDS = (
    "title",
    "description",
    "probability",
    "impact",
    "owner",
    "mitigation",
    "status",
    "review_date",
    "internal_only",
)


def _scale(value: Any, label: str) -> int:
    """A whole number from 1 to 5, or a clear message naming what was given."""
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and value.strip().lstrip("-").isdigit():
        number = int(value.strip())
    if number is None:
        raise ValidationError(
            _("The %(label)s must be a whole number from 1 to 5.") % {"label": label}
        )
    if not 1 <= number <= 5:
        raise ValidationError(
            _("The %(label)s must be from 1 to 5; %(value)s is outside the scale.")
            % {"label": label, "value": number}
        )
    return number


def _risk_snapshot(risk: Risk) -> dict[str, Any]:
    snapshot = {name: getattr(risk, name) for name in RISK_FIELDS if name != "owner"}
    snapshot["owner"] = risk.owner.username if risk.owner_id else None
    return snapshot


def _check_risk_fields(*, project: Project, fields: Mapping[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    clean: dict[str, Any] = dict(fields)
    for name, label in (("probability", _("probability")), ("impact", _("impact"))):
        if name in fields:
            try:
                clean[name] = _scale(fields[name], label)
            except ValidationError as error:
                errors[name] = error.messages[0]
    if "title" in fields:
        clean["title"] = (fields["title"] or "").strip()
        if not clean["title"]:
            errors["title"] = _("Describe the risk in a few words.")
    for name in ("description", "mitigation"):
        if name in fields:
            clean[name] = (fields[name] or "").strip()
    if "status" in fields and fields["status"] not in RiskStatus.values:
        errors["status"] = _("Choose a status from the list.")
    owner = fields.get("owner")
    if owner is not None and not is_team_member(user=owner, project=project):
        errors["owner"] = _("The owner of a risk must be in the project team.")
    if errors:
        raise ValidationError(errors)
    return clean


@transaction.atomic
def risk_create(
    *,
    actor: User,
    project: Project,
    title: str,
    probability: int,
    impact: int,
    description: str = "",
    owner: User | None = None,
    mitigation: str = "",
    status: str = "open",
    review_date: date | None = None,
    internal_only: bool = False,
) -> Risk:
    """Register a risk; the buyers' own team members keep the register."""
    if not can_edit_area(user=actor, project=project):
        raise forbidden(_("Only the buyers' own team members can keep the risk register."))
    _ensure_active(project)
    clean = _check_risk_fields(
        project=project,
        fields={
            "title": title,
            "description": description,
            "probability": probability,
            "impact": impact,
            "owner": owner,
            "mitigation": mitigation,
            "status": status,
            "review_date": review_date,
            "internal_only": bool(internal_only),
        },
    )
    risk = Risk(project=project, created_by=actor, **clean)
    risk.full_clean()
    risk.save()
    audit_record(
        actor=actor,
        action=ProjectsAction.RISK_CREATE,
        target=risk,
        organisation_id=project.organisation_id,
        data={"project": project.pk, **_risk_snapshot(risk)},
    )
    return risk


@transaction.atomic
def risk_update(*, actor: User, risk: Risk, **changes: Any) -> Risk:
    """Change a risk (its score, owner, mitigation, status, review date...); the history keeps
    every earlier value."""
    unknown = set(changes) - set(RISK_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown field: %(name)s.") % {"name": ", ".join(sorted(unknown))})
    # Lock the risk row alone: PostgreSQL cannot lock the nullable side of an outer join.
    risk = Risk.objects.select_for_update().get(pk=risk.pk)
    project = risk.project
    if not can_edit_area(user=actor, project=project):
        raise forbidden(_("Only the buyers' own team members can keep the risk register."))
    _ensure_active(project)
    clean = _check_risk_fields(project=project, fields=changes)
    before = _risk_snapshot(risk)
    for name, value in clean.items():
        setattr(risk, name, value)
    risk.full_clean()
    after = _risk_snapshot(risk)
    changed = {k: {"before": before[k], "after": after[k]} for k in after if before[k] != after[k]}
    if not changed:
        return risk
    risk.save()
    audit_record(
        actor=actor,
        action=ProjectsAction.RISK_UPDATE,
        target=risk,
        organisation_id=project.organisation_id,
        data={"project": project.pk, "changes": changed},
    )
    return risk
