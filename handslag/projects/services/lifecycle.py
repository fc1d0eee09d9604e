"""A project's life: creation from need statements, the checklist, gates, planned dates, stop."""

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from handslag.accounts.models import Organisation, User
from handslag.accounts.roles import OrganisationKind, ProjectRole
from handslag.audit.services import audit_record
from handslag.core.permissions import forbidden
from handslag.needs.models import NeedStatement
from handslag.projects.audit_actions import ProjectsAction
from handslag.projects.models import (
    ChecklistItem,
    ProcedureTemplate,
    Project,
    ProjectMember,
    ProjectStatus,
    Stage,
    StageStatus,
)
from handslag.projects.permissions import (
    can_create_project,
    can_lead_project,
    can_manage_project,
    is_internal_member,
)
from handslag.projects.services._common import _ensure_active, _now, _today
from handslag.projects.signals import gate_passed


@transaction.atomic
def project_create(
    *,
    actor: User,
    organisation: Organisation,
    title: str,
    template: ProcedureTemplate,
    needs: Iterable[NeedStatement],
    summary: str = "",
    partner_buyers: Iterable[Organisation] = (),
    now: datetime | None = None,
) -> Project:
    """Start a project from need statements; it copies the template's stages as they are now."""
    if not can_create_project(user=actor, organisation_id=organisation.pk):
        raise forbidden(
            _(
                "Only need owners, procurement officers and administrators of the organisation "
                "can start a project."
            )
        )
    if organisation.kind != OrganisationKind.BUYER:
        raise ValidationError(_("Only a buyer organisation can run a procurement project."))
    partners = [p for p in partner_buyers if p.pk != organisation.pk]
    if any(p.kind != OrganisationKind.BUYER for p in partners):
        raise ValidationError(
            {"partner_buyers": _("Only buyer organisations can own a project together.")}
        )
    if template.organisation_id not in (None, organisation.pk):
        raise ValidationError({"template": _("Choose one of the procedures offered to you.")})
    needs = list(needs)
    if not needs:
        raise ValidationError(
            {"needs": _("Choose at least one need statement for the project to carry.")}
        )
    owners = {organisation.pk} | {p.pk for p in partners}
    if any(n.organisation_id not in owners for n in needs):
        raise ValidationError(
            {
                "needs": _(
                    "Every need statement must belong to your organisation or to one of the "
                    "buyer organisations that own the project together."
                )
            }
        )

    project = Project(
        title=(title or "").strip(),
        summary=(summary or "").strip(),
        organisation=organisation,
        template=template,
        created_by=actor,
    )
    project.full_clean()
    project.save()
    project.needs.set(needs)
    project.partner_buyers.set(partners)

    today = _today(now)
    start = today
    stage_templates = list(template.stages.prefetch_related("items").order_by("order"))
    if not stage_templates:
        raise ValidationError({"template": _("The procedure has no stages.")})
    for index, stage_template in enumerate(stage_templates):
        end = start + timedelta(days=max(stage_template.typical_days, 1) - 1)
        first = index == 0
        stage = Stage.objects.create(
            project=project,
            order=stage_template.order,
            key=stage_template.key,
            name=stage_template.name,
            guidance=stage_template.guidance,
            typical_days=stage_template.typical_days,
            status=StageStatus.OPEN if first else StageStatus.PENDING,
            planned_start=start,
            planned_end=end,
            actual_start=today if first else None,
        )
        ChecklistItem.objects.bulk_create(
            ChecklistItem(
                stage=stage,
                order=item.order,
                text=item.text,
                guidance=item.guidance,
                required=item.required,
            )
            for item in stage_template.items.all()
        )
        start = end + timedelta(days=1)

    for role in (ProjectRole.PROJECT_LEAD, ProjectRole.PROCUREMENT_OFFICER):
        ProjectMember.objects.create(project=project, user=actor, role=role)

    audit_record(
        actor=actor,
        action=ProjectsAction.PROJECT_CREATE,
        target=project,
        organisation_id=organisation.pk,
        data={
            "template": template.key,
            "template_version": template.version,
            "needs": [n.pk for n in needs],
            "partner_buyers": [p.pk for p in partners],
        },
    )
    return project


@transaction.atomic
def checklist_item_set_done(
    *,
    item: ChecklistItem,
    actor: User,
    done: bool,
    evidence_url: str | None = None,
    now: datetime | None = None,
) -> ChecklistItem:
    """Tick an item of the current stage's checklist done or undone; team members only."""
    item = (
        ChecklistItem.objects.select_for_update(of=("self", "stage"))
        .select_related("stage__project")
        .get(pk=item.pk)
    )
    stage = item.stage
    project = stage.project
    if not is_internal_member(user=actor, project=project):
        raise forbidden(_("Only the project team can work on the checklist."))
    _ensure_active(project)
    if stage.status != StageStatus.OPEN:
        raise ValidationError(_("Only the checklist of the stage in progress can be changed."))
    item.done = bool(done)
    item.done_by = actor if done else None
    item.done_at = _now(now) if done else None
    if evidence_url is not None:
        item.evidence_url = evidence_url.strip()
    item.full_clean()
    item.save()
    audit_record(
        actor=actor,
        action=ProjectsAction.CHECKLIST_ITEM_DONE if done else ProjectsAction.CHECKLIST_ITEM_UNDONE,
        target=item,
        organisation_id=project.organisation_id,
        data={"stage": stage.key, "evidence_url": item.evidence_url},
    )
    return item


def _lesson_has_content(lesson: Mapping[str, Any] | None) -> bool:
    if not lesson:
        return False
    return any((lesson.get(k) or "").strip() for k in ("title", "design", "execution", "results"))


@transaction.atomic
def gate_pass(
    *,
    stage: Stage,
    actor: User,
    override_reason: str = "",
    lesson: Mapping[str, Any] | None = None,
    now: datetime | None = None,
) -> Stage:
    """Pass the gate of the stage in progress and open the next stage.

    The checklist's required items must be done, or the project lead writes down why the
    gate passes anyway; that reason is kept with the stage for good.
    """
    stage = Stage.objects.select_for_update(of=("self",)).select_related("project").get(pk=stage.pk)
    project = stage.project
    if not can_lead_project(user=actor, project=project):
        raise forbidden(_("Only the project lead can pass a gate."))
    _ensure_active(project)
    if stage.status == StageStatus.PASSED:
        raise ValidationError(_("The gate of this stage has already been passed."))
    if stage.status != StageStatus.OPEN:
        raise ValidationError(
            _("This stage has not started yet. Pass the gates of the stages before it first.")
        )
    override_reason = (override_reason or "").strip()
    missing = list(stage.items.filter(required=True, done=False).values_list("text", flat=True))
    if missing and not override_reason:
        raise ValidationError(
            {
                "override_reason": ngettext(
                    "%(count)d required checklist item is not done. Complete it, or write "
                    "why the gate should pass anyway.",
                    "%(count)d required checklist items are not done. Complete them, or write "
                    "why the gate should pass anyway.",
                    len(missing),
                )
                % {"count": len(missing)}
            }
        )

    moment = _now(now)
    today = _today(now)
    stage.status = StageStatus.PASSED
    stage.actual_end = today
    stage.gate_passed_at = moment
    stage.gate_passed_by = actor
    stage.gate_override_reason = override_reason if missing else ""
    stage.full_clean()
    stage.save()

    next_stage = project.stages.filter(order__gt=stage.order).order_by("order").first()
    if next_stage is not None:
        next_stage.status = StageStatus.OPEN
        next_stage.actual_start = today
        next_stage.full_clean()
        next_stage.save()
    else:
        project.status = ProjectStatus.COMPLETED
        project.status_changed_at = moment
        project.save(update_fields=["status", "status_changed_at", "updated_at"])

    # The lesson's row first (knowledge keeps it): no row lock after the audit entries.
    gate_passed.send(
        sender=Stage,
        stage=stage,
        actor=actor,
        lesson=dict(lesson) if _lesson_has_content(lesson) else None,
    )
    audit_record(
        actor=actor,
        action=ProjectsAction.STAGE_GATE_PASS,
        target=stage,
        organisation_id=project.organisation_id,
        data={
            "project": project.pk,
            "stage": stage.key,
            "override_reason": stage.gate_override_reason,
            "missing_items": missing,
            "next_stage": next_stage.key if next_stage else None,
        },
    )
    return stage


@transaction.atomic
def stage_dates_update(
    *,
    stage: Stage,
    actor: User,
    planned_start: date | None,
    planned_end: date | None,
) -> Stage:
    """Change a stage's planned dates; the project lead and procurement officers only."""
    project = stage.project
    if not can_manage_project(user=actor, project=project):
        raise forbidden(_("Only the project lead and procurement officers can change the plan."))
    _ensure_active(project)
    if planned_start and planned_end and planned_end < planned_start:
        raise ValidationError(
            {"planned_end": _("The planned end cannot be before the planned start.")}
        )
    before = {"planned_start": stage.planned_start, "planned_end": stage.planned_end}
    stage.planned_start = planned_start
    stage.planned_end = planned_end
    stage.full_clean()
    stage.save()
    audit_record(
        actor=actor,
        action=ProjectsAction.STAGE_DATES_UPDATE,
        target=stage,
        organisation_id=project.organisation_id,
        data={
            "before": before,
            "after": {"planned_start": planned_start, "planned_end": planned_end},
        },
    )
    return stage


@transaction.atomic
def project_stop(
    *, project: Project, actor: User, reason: str, now: datetime | None = None
) -> Project:
    """Stop a project for good, with the reason; the project lead only."""
    # FOR NO KEY UPDATE: rows being added that refer to the project need not wait.
    project = Project.objects.select_for_update(no_key=True).get(pk=project.pk)
    if not can_lead_project(user=actor, project=project):
        raise forbidden(_("Only the project lead can stop the project."))
    _ensure_active(project)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Write why the project is stopped.")})
    project.status = ProjectStatus.STOPPED
    project.status_reason = reason
    project.status_changed_at = _now(now)
    project.full_clean()
    project.save()
    audit_record(
        actor=actor,
        action=ProjectsAction.PROJECT_STOP,
        target=project,
        organisation_id=project.organisation_id,
        data={"reason": reason},
    )
    return project
