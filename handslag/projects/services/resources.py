"""Resources: budget lines, hours, funding sources."""

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from handslag.accounts.models import User
from handslag.audit.services import audit_record
from handslag.core.permissions import forbidden
from handslag.projects.audit_actions import ProjectsAction
from handslag.projects.models import (
    BudgetLine,
    EffortLine,
    FundingSource,
    Project,
)
from handslag.projects.permissions import (
    can_edit_area,
)
from handslag.projects.services._common import _ensure_active

RESOURCE_FIELDS: dict[str, tuple[str, ...]] = {
    "budget": ("category", "description", "planned", "spent", "funding_source", "internal_only"),
    "hours": ("who", "stage", "hours_planned", "hours_spent", "internal_only"),
    "funding": (
        "name",
        "programme",
        "amount",
        "status",
        "conditions",
        "report_due",
        "internal_only",
    ),
}
RESOURCE_MODELS = {"budget": BudgetLine, "hours": EffortLine, "funding": FundingSource}
# What the log calls adding, changing and removing each kind of resource.
RESOURCE_ACTIONS: dict[str, dict[str, ProjectsAction]] = {
    "budget": {
        "create": ProjectsAction.BUDGET_LINE_CREATE,
        "update": ProjectsAction.BUDGET_LINE_UPDATE,
        "delete": ProjectsAction.BUDGET_LINE_DELETE,
    },
    "hours": {
        "create": ProjectsAction.EFFORT_LINE_CREATE,
        "update": ProjectsAction.EFFORT_LINE_UPDATE,
        "delete": ProjectsAction.EFFORT_LINE_DELETE,
    },
    "funding": {
        "create": ProjectsAction.FUNDING_SOURCE_CREATE,
        "update": ProjectsAction.FUNDING_SOURCE_UPDATE,
        "delete": ProjectsAction.FUNDING_SOURCE_DELETE,
    },
}
NOT_NEGATIVE = ("planned", "spent", "amount", "hours_planned", "hours_spent")


def _resource_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "pk"):
        return value.pk
    return value


def _check_resource(*, project: Project, fields: Mapping[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    clean = dict(fields)
    for name in NOT_NEGATIVE:
        if name in fields:
            try:
                value = Decimal(str(fields[name]))
            except (InvalidOperation, ValueError):
                errors[name] = _("Enter a number.")
                continue
            if not value.is_finite() or value < 0:
                errors[name] = _("Enter zero or more; it cannot be negative.")
            clean[name] = value
    for name in ("description", "who", "name"):
        if name in fields:
            clean[name] = (fields[name] or "").strip()
            if not clean[name]:
                errors[name] = _("This field is required.")
    source = fields.get("funding_source")
    if source is not None and source.project_id != project.pk:
        errors["funding_source"] = _("Choose a funding source of this project.")
    stage = fields.get("stage")
    if stage is not None and stage.project_id != project.pk:
        errors["stage"] = _("Choose a stage of this project.")
    if errors:
        raise ValidationError(errors)
    return clean


@transaction.atomic
def resource_save(
    *,
    actor: User,
    project: Project,
    kind: str,
    fields: Mapping[str, Any],
    instance: BudgetLine | EffortLine | FundingSource | None = None,
) -> BudgetLine | EffortLine | FundingSource:
    """Add or change a budget line ("budget"), hours ("hours") or a funding source ("funding");
    the buyers' own team members keep the resources."""
    if kind not in RESOURCE_MODELS:
        raise ValidationError(_("Unknown kind of resource."))
    if not can_edit_area(user=actor, project=project):
        raise forbidden(_("Only the buyers' own team members can keep the resources."))
    _ensure_active(project)
    unknown = set(fields) - set(RESOURCE_FIELDS[kind])
    if unknown:
        raise ValidationError(_("Unknown field: %(name)s.") % {"name": ", ".join(sorted(unknown))})
    model = RESOURCE_MODELS[kind]
    if instance is not None:
        instance = model.objects.select_for_update().get(pk=instance.pk)
        if instance.project_id != project.pk:
            raise ValidationError(_("The line belongs to another project."))
    clean = _check_resource(project=project, fields=fields)
    obj = instance or model(project=project)
    before = {n: _resource_value(getattr(obj, n, None)) for n in RESOURCE_FIELDS[kind]}
    for name, value in clean.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    after = {n: _resource_value(getattr(obj, n, None)) for n in RESOURCE_FIELDS[kind]}
    audit_record(
        actor=actor,
        action=RESOURCE_ACTIONS[kind]["update" if instance else "create"],
        target=obj,
        organisation_id=project.organisation_id,
        data={
            "project": project.pk,
            "changes": {
                k: {"before": before[k], "after": after[k]} for k in after if before[k] != after[k]
            }
            if instance
            else after,
        },
    )
    return obj


@transaction.atomic
def resource_delete(*, actor: User, instance: BudgetLine | EffortLine | FundingSource) -> None:
    """Remove a line that was entered by mistake; the audit log keeps what it said."""
    project = instance.project
    if not can_edit_area(user=actor, project=project):
        raise forbidden(_("Only the buyers' own team members can keep the resources."))
    _ensure_active(project)
    kind = next(k for k, m in RESOURCE_MODELS.items() if isinstance(instance, m))
    # Deleted through the queryset so the instance keeps its pk for the entry, which
    # comes last (no row lock after the audit lock).
    type(instance).objects.filter(pk=instance.pk).delete()
    audit_record(
        actor=actor,
        action=RESOURCE_ACTIONS[kind]["delete"],
        target=instance,
        organisation_id=project.organisation_id,
        data={
            "project": project.pk,
            **{n: _resource_value(getattr(instance, n)) for n in RESOURCE_FIELDS[kind]},
        },
    )
