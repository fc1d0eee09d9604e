"""Changes to projects: creation from need statements, checklists, gates, dates, team, stop."""

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from handslag.accounts.models import Organisation, User
from handslag.accounts.roles import OrganisationKind, ProjectRole
from handslag.audit.services import audit_record
from handslag.core.permissions import forbidden
from handslag.needs.models import NeedStatement
from handslag.needs.models import Visibility as NeedVisibility
from handslag.projects.models import (
    BudgetLine,
    ChecklistItem,
    ChecklistItemTemplate,
    EffortLine,
    ExternalAccess,
    FundingSource,
    ProcedureTemplate,
    Project,
    ProjectMember,
    ProjectStatus,
    Risk,
    RiskStatus,
    Stage,
    StageStatus,
    StageTemplate,
    WorkspaceArea,
)
from handslag.projects.permissions import (
    buyer_organisation_ids,
    can_create_project,
    can_edit_area,
    can_edit_templates,
    can_lead_project,
    can_manage_project,
    is_external_member,
    is_internal_member,
    is_team_member,
)
from handslag.projects.selectors import member_candidates

# Roles open to external team members (advisors, partner organisations): they bring
# competence, but the buyer's own staff lead, procure, evaluate and open tenders.
EXTERNAL_ROLES = (
    ProjectRole.EXTERNAL_ADVISOR,
    ProjectRole.SUBJECT_EXPERT,
    ProjectRole.END_USER,
    ProjectRole.PROCESS_LEAD,
    ProjectRole.LEGAL,
    ProjectRole.IT,
    ProjectRole.FINANCE,
)


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def _today(now: datetime | None) -> date:
    return timezone.localdate(_now(now))


def _ensure_active(project: Project) -> None:
    if project.status == ProjectStatus.STOPPED:
        raise ValidationError(_("The project is stopped; it can no longer be changed."))
    if project.status == ProjectStatus.COMPLETED:
        raise ValidationError(_("The project is completed; it can no longer be changed."))


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
        action="project.create",
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
        ChecklistItem.objects.select_for_update().select_related("stage__project").get(pk=item.pk)
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
        action="checklist_item.done" if done else "checklist_item.undone",
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
    from handslag.knowledge.services import lesson_create

    stage = Stage.objects.select_for_update().select_related("project").get(pk=stage.pk)
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

    audit_record(
        actor=actor,
        action="stage.gate_pass",
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
    if _lesson_has_content(lesson):
        lesson_create(
            actor=actor,
            organisation=project.organisation,
            project=project,
            stage=stage,
            title=(lesson.get("title") or "").strip()
            or _("Lesson from the gate: %(stage)s") % {"stage": stage.name},
            design=lesson.get("design") or "",
            execution=lesson.get("execution") or "",
            results=lesson.get("results") or "",
            tags=lesson.get("tags") or "",
            visibility=lesson.get("visibility") or "",
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
        action="stage.dates_update",
        target=stage,
        organisation_id=project.organisation_id,
        data={
            "before": before,
            "after": {"planned_start": planned_start, "planned_end": planned_end},
        },
    )
    return stage


@transaction.atomic
def project_member_add(*, project: Project, actor: User, user: User, role: str) -> ProjectMember:
    """Give a person a role in the project; the project lead only."""
    if not can_lead_project(user=actor, project=project):
        raise forbidden(_("Only the project lead can change the team."))
    _ensure_active(project)
    if not member_candidates(project=project).filter(pk=user.pk).exists():
        raise ValidationError(
            {
                "user": _(
                    "Only people in the buyer organisations that own the project, or in a "
                    "partner organisation, can join the team."
                )
            }
        )
    if role not in ProjectRole.values:
        raise ValidationError({"role": _("Choose a project role from the list.")})
    if not (user.buyer_organisation_ids & buyer_organisation_ids(project)) and (
        role not in EXTERNAL_ROLES
    ):
        raise ValidationError(
            {
                "role": _(
                    "People from outside the owning buyers join as advisors or experts; they "
                    "cannot lead, procure, evaluate or open tenders."
                )
            }
        )
    member = ProjectMember(project=project, user=user, role=role)
    member.full_clean()
    member.save()
    project._roles_cache = {}
    audit_record(
        actor=actor,
        action="project_member.add",
        target=member,
        organisation_id=project.organisation_id,
        data={"project": project.pk, "user": user.username, "role": role},
    )
    return member


@transaction.atomic
def project_member_remove(*, member: ProjectMember, actor: User) -> None:
    """Take a role away from a person; the project always keeps a project lead."""
    project = member.project
    if not can_lead_project(user=actor, project=project):
        raise forbidden(_("Only the project lead can change the team."))
    _ensure_active(project)
    if (
        member.role == ProjectRole.PROJECT_LEAD
        and not project.members.filter(role=ProjectRole.PROJECT_LEAD).exclude(pk=member.pk).exists()
    ):
        raise ValidationError(
            _("The project must have a project lead. Add another project lead first.")
        )
    audit_record(
        actor=actor,
        action="project_member.remove",
        target=member,
        organisation_id=project.organisation_id,
        data={"project": project.pk, "user": member.user.username, "role": member.role},
    )
    member.delete()
    project._roles_cache = {}
    if not project.members.filter(user_id=member.user_id).exists():
        # Someone who leaves the team keeps no invitation to its areas.
        ExternalAccess.objects.filter(project=project, user_id=member.user_id).delete()
        project._areas_cache = {}


@transaction.atomic
def project_stop(
    *, project: Project, actor: User, reason: str, now: datetime | None = None
) -> Project:
    """Stop a project for good, with the reason; the project lead only."""
    project = Project.objects.select_for_update().get(pk=project.pk)
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
        action="project.stop",
        target=project,
        organisation_id=project.organisation_id,
        data={"reason": reason},
    )
    return project


# --- Risk register ---------------------------------------------------------------------------

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
        action="risk.create",
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
        action="risk.update",
        target=risk,
        organisation_id=project.organisation_id,
        data={"project": project.pk, "changes": changed},
    )
    return risk


# --- Procedure templates per organisation ----------------------------------------------------

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
        action="procedure_template.copy",
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
        action="procedure_template.revise",
        target=revised,
        organisation_id=organisation.pk,
        data={"from": template.pk, "key": revised.key, "version": revised.version},
    )
    return revised


# --- External team members -------------------------------------------------------------------


@transaction.atomic
def external_access_set(
    *, actor: User, project: Project, user: User, areas: Iterable[str]
) -> list[str]:
    """Choose which areas (risk register, resources) an external team member is invited to;
    the project lead only. Areas left out are withdrawn."""
    if not can_lead_project(user=actor, project=project):
        raise forbidden(_("Only the project lead can change the team."))
    _ensure_active(project)
    if not is_external_member(user=user, project=project):
        raise ValidationError({"user": _("Only external team members are invited area by area.")})
    areas = sorted(set(areas))
    if any(a not in WorkspaceArea.values for a in areas):
        raise ValidationError({"areas": _("Choose areas from the list.")})
    before = sorted(
        ExternalAccess.objects.filter(project=project, user=user).values_list("area", flat=True)
    )
    if before == areas:
        return areas
    ExternalAccess.objects.filter(project=project, user=user).exclude(area__in=areas).delete()
    for area in set(areas) - set(before):
        ExternalAccess.objects.create(project=project, user=user, area=area)
    project._areas_cache = {}
    audit_record(
        actor=actor,
        action="project.external_access",
        target=project,
        organisation_id=project.organisation_id,
        data={"user": user.username, "before": before, "after": areas},
    )
    return areas


# --- Resources: budget lines, hours, funding sources -----------------------------------------

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
        action=f"resource.{kind}.{'update' if instance else 'create'}",
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
    audit_record(
        actor=actor,
        action=f"resource.{kind}.delete",
        target=instance,
        organisation_id=project.organisation_id,
        data={
            "project": project.pk,
            **{n: _resource_value(getattr(instance, n)) for n in RESOURCE_FIELDS[kind]},
        },
    )
    instance.delete()


@transaction.atomic
def project_partner_add(
    *,
    project: Project,
    actor: User,
    organisation: Organisation,
    needs: Iterable[NeedStatement] = (),
) -> Project:
    """Another buyer joins the project as a joint owner (the sharing service in the seeds
    grew from three municipalities to six), optionally bringing its own need statements.
    The project lead decides; buyers are only ever added, never silently removed."""
    if not can_lead_project(user=actor, project=project):
        raise forbidden(_("Only the project lead can let another buyer join the project."))
    _ensure_active(project)
    if organisation.kind != OrganisationKind.BUYER:
        raise ValidationError(
            {"organisation": _("Only buyer organisations can own a project together.")}
        )
    if organisation.pk in buyer_organisation_ids(project):
        raise ValidationError({"organisation": _("The organisation already owns the project.")})
    needs = list(needs)
    if any(need.organisation_id != organisation.pk for need in needs):
        raise ValidationError(
            {"needs": _("A joining buyer can bring only its own need statements.")}
        )
    if any(need.visibility != NeedVisibility.BUYERS for need in needs):
        # The project page would show the need to people of the other buyers.
        raise ValidationError(
            {
                "needs": _(
                    "Only need statements that the organisation has shared with other buyers "
                    "can be brought into the project."
                )
            }
        )
    project.partner_buyers.add(organisation)
    if needs:
        project.needs.add(*needs)
    audit_record(
        actor=actor,
        action="project.partner_add",
        target=project,
        organisation_id=project.organisation_id,
        data={"organisation": organisation.pk, "needs": [n.pk for n in needs]},
    )
    return project
