import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from handslag.accounts.tests.factories import buyer
from handslag.audit.models import AuditEntry
from handslag.knowledge.audit_actions import KnowledgeAction
from handslag.knowledge.models import Visibility
from handslag.knowledge.services import lesson_create

pytestmark = pytest.mark.django_db


def test_team_member_records_a_lesson(project, need_owner, org):
    lesson = lesson_create(
        actor=need_owner,
        organisation=org,
        project=project,
        stage=project.stages.first(),
        title="Förankra botten-upp",
        execution="Verksamheten måste vara med från början.",
    )
    assert lesson.visibility == Visibility.ORGANISATION
    assert AuditEntry.objects.filter(
        action=KnowledgeAction.LESSON_CREATE, target_id=str(lesson.pk)
    ).exists()


def test_a_lesson_needs_an_answer(project, lead, org):
    with pytest.raises(ValidationError):
        lesson_create(actor=lead, organisation=org, project=project, title="Tom")


def test_a_lesson_needs_a_title(project, lead, org):
    with pytest.raises(ValidationError):
        lesson_create(actor=lead, organisation=org, project=project, title="", design="x")


def test_people_outside_the_team_cannot_record_for_the_project(project, colleague, org):
    with pytest.raises(PermissionDenied):
        lesson_create(actor=colleague, organisation=org, project=project, title="T", design="x")


def test_lesson_without_project_only_for_own_organisation(colleague, org):
    assert lesson_create(actor=colleague, organisation=org, title="T", results="x")
    with pytest.raises(PermissionDenied):
        lesson_create(actor=colleague, organisation=buyer(), title="T", results="x")


def test_stage_must_belong_to_the_project(project, lead, org):
    from handslag.projects.tests.factories import make_project

    other = make_project(lead=lead, organisation=org)
    with pytest.raises(ValidationError):
        lesson_create(
            actor=lead,
            organisation=org,
            project=project,
            stage=other.stages.first(),
            title="T",
            design="x",
        )


def test_unknown_visibility_is_refused(project, lead, org):
    with pytest.raises(ValidationError):
        lesson_create(
            actor=lead, organisation=org, project=project, title="T", design="x", visibility="all"
        )
