"""Procedure templates per organisation: copies and revised versions."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from handslag.accounts.models import Organisation, User
from handslag.accounts.roles import OrganisationKind
from handslag.audit.services import audit_record
from handslag.core.permissions import forbidden
from handslag.projects.audit_actions import ProjectsAction
from handslag.projects.models import (
    ChecklistItemTemplate,
    ProcedureTemplate,
    StageTemplate,
)
from handslag.projects.permissions import (
    can_edit_templates,
)

MAX_TYPICAL_DAYS = 3650


def _next_version(*, key: str, organisation: Organisation) -> int:
    last = (
        ProcedureTemplate.objects.filter(key=key, organisation=organisation)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    return (last or 0) + 1


def _write_template(
    *,
    actor: User,
    source: ProcedureTemplate,
    organisation: Organisation,
    name: str,
    description: str,
    stages: list[Mapping[str, Any]],
) -> ProcedureTemplate:
    template = ProcedureTemplate(
        key=source.key,
        name=name,
        description=description,
        version=_next_version(key=source.key, organisation=organisation),
        organisation=organisation,
        legal_procedure=source.legal_procedure,
        is_default=False,
        based_on=source,
        created_by=actor,
    )
    template.full_clean()
    template.save()
    for stage_data in stages:
        stage = StageTemplate(
            template=template,
            order=stage_data["order"],
            key=stage_data["key"],
            name=stage_data["name"],
            guidance=stage_data.get("guidance", ""),
            typical_days=stage_data["typical_days"],
        )
        stage.full_clean()
        stage.save()
        ChecklistItemTemplate.objects.bulk_create(
            ChecklistItemTemplate(
                stage=stage,
                order=index,
                text=item["text"],
                guidance=item.get("guidance", ""),
                required=bool(item.get("required", True)),
            )
            for index, item in enumerate(stage_data.get("items", []), start=1)
        )
    return template


def template_structure(template: ProcedureTemplate) -> list[dict[str, Any]]:
    """A template's stages and checklist items as plain data, the shape template_revise takes."""
    return [
        {
            "order": stage.order,
            "key": stage.key,
            "name": stage.name,
            "guidance": stage.guidance,
            "typical_days": stage.typical_days,
            "items": [
                {"text": i.text, "guidance": i.guidance, "required": i.required}
                for i in stage.items.order_by("order", "pk")
            ],
        }
        for stage in template.stages.order_by("order")
    ]


@transaction.atomic
def template_copy(
    *, actor: User, template: ProcedureTemplate, organisation: Organisation
) -> ProcedureTemplate:
    """Copy a template (shipped or the organisation's own) as the organisation's next version."""
    if not can_edit_templates(user=actor, organisation_id=organisation.pk):
        raise forbidden(
            _("Only procurement officers and administrators can keep the organisation's templates.")
        )
    if organisation.kind != OrganisationKind.BUYER:
        raise ValidationError(_("Only a buyer organisation keeps procedure templates."))
    if template.organisation_id not in (None, organisation.pk):
        raise ValidationError(_("Copy a shipped template or one of your organisation's own."))
    copy = _write_template(
        actor=actor,
        source=template,
        organisation=organisation,
        name=template.name,
        description=template.description,
        stages=template_structure(template),
    )
    audit_record(
        actor=actor,
        action=ProjectsAction.PROCEDURE_TEMPLATE_COPY,
        target=copy,
        organisation_id=organisation.pk,
        data={"from": template.pk, "key": copy.key, "version": copy.version},
    )
    return copy


@transaction.atomic
def template_revise(
    *,
    actor: User,
    template: ProcedureTemplate,
    name: str,
    description: str,
    stages: list[Mapping[str, Any]],
) -> ProcedureTemplate:
    """Save changed stages, typical durations and checklist items as a new version of an
    organisation's template. The old version stays as it is: projects keep the version they
    started with. The stages themselves (their number and keys) stay those of the template."""
    organisation = template.organisation
    if organisation is None:
        raise ValidationError(
            _("A shipped template cannot be changed. Copy it to your organisation first.")
        )
    if not can_edit_templates(user=actor, organisation_id=organisation.pk):
        raise forbidden(
            _("Only procurement officers and administrators can keep the organisation's templates.")
        )
    current = {s["key"]: s for s in template_structure(template)}
    errors: dict[str, list[str]] = {}
    name = (name or "").strip()
    if not name:
        errors.setdefault("name", []).append(_("Give the template a name."))
    if [s.get("key") for s in stages] != list(current):
        errors.setdefault("stages", []).append(
            _("The template's stages cannot be added, removed or reordered here.")
        )
    clean_stages = []
    for position, stage in enumerate(stages, start=1):
        field_prefix = f"stage_{position}"
        stage_name = (stage.get("name") or "").strip()
        if not stage_name:
            errors.setdefault(f"{field_prefix}_name", []).append(
                _("Stage %(n)d needs a name.") % {"n": position}
            )
        days = stage.get("typical_days")
        if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= MAX_TYPICAL_DAYS:
            errors.setdefault(f"{field_prefix}_days", []).append(
                _("The typical duration of stage %(n)d must be from 1 to %(max)d days.")
                % {"n": position, "max": MAX_TYPICAL_DAYS}
            )
        items = []
        for item in stage.get("items", []):
            text = (item.get("text") or "").strip()
            if not text:
                continue
            if len(text) > 300:
                errors.setdefault(f"{field_prefix}_items", []).append(
                    _("A checklist item can be at most 300 characters.")
                )
            items.append({**item, "text": text})
        clean_stages.append(
            {
                "order": current.get(stage.get("key"), {}).get("order", position),
                "key": stage.get("key"),
                "name": stage_name,
                "guidance": (stage.get("guidance") or "").strip(),
                "typical_days": days,
                "items": items,
            }
        )
    if errors:
        raise ValidationError(errors)
    revised = _write_template(
        actor=actor,
        source=template,
        organisation=organisation,
        name=name,
        description=(description or "").strip(),
        stages=clean_stages,
    )
    audit_record(
        actor=actor,
        action=ProjectsAction.PROCEDURE_TEMPLATE_REVISE,
        target=revised,
        organisation_id=organisation.pk,
        data={"from": template.pk, "key": revised.key, "version": revised.version},
    )
    return revised
