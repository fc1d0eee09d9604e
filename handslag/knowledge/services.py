"""Changes to lessons learned."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from handslag.accounts.models import Organisation, User
from handslag.audit.services import audit_record
from handslag.core.permissions import forbidden
from handslag.knowledge.audit_actions import KnowledgeAction
from handslag.knowledge.models import Lesson, Visibility
from handslag.knowledge.permissions import can_create_lesson
from handslag.projects.models import Project, Stage
from handslag.projects.permissions import buyer_organisation_ids


@transaction.atomic
def lesson_create(
    *,
    actor: User,
    organisation: Organisation,
    title: str,
    design: str = "",
    execution: str = "",
    results: str = "",
    tags: str = "",
    visibility: str = "",
    project: Project | None = None,
    stage: Stage | None = None,
) -> Lesson:
    """Record a lesson under the study's three questions: design, execution, results."""
    if project is not None:
        if not can_create_lesson(user=actor, project=project):
            raise forbidden(_("Only the project team can record lessons for the project."))
        if organisation.pk not in buyer_organisation_ids(project):
            raise ValidationError(
                _("The lesson must belong to one of the organisations that own the project.")
            )
    elif organisation.pk not in actor.organisation_ids:
        raise forbidden(_("You can record lessons only for your own organisation."))
    if stage is not None and (project is None or stage.project_id != project.pk):
        raise ValidationError({"stage": _("The stage must belong to the lesson's project.")})
    design, execution, results = (v.strip() for v in (design or "", execution or "", results or ""))
    if not (design or execution or results):
        raise ValidationError(
            _("Answer at least one of the three questions: design, execution or results.")
        )
    lesson = Lesson(
        organisation=organisation,
        project=project,
        stage=stage,
        title=(title or "").strip(),
        design=design,
        execution=execution,
        results=results,
        tags=(tags or "").strip(),
        visibility=visibility or Visibility.ORGANISATION,
        created_by=actor,
    )
    lesson.full_clean()
    lesson.save()
    audit_record(
        actor=actor,
        action=KnowledgeAction.LESSON_CREATE,
        target=lesson,
        organisation_id=organisation.pk,
        data={
            "project": project.pk if project else None,
            "stage": stage.key if stage else None,
            "visibility": lesson.visibility,
        },
    )
    return lesson
