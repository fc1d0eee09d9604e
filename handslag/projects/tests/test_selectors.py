from datetime import date, timedelta

import pytest
from django.utils import timezone

from handslag.accounts.roles import ProjectRole
from handslag.projects import services
from handslag.projects.models import ProjectMember
from handslag.projects.selectors import (
    competence_matrix,
    dashboard_for,
    project_list_visible,
    project_position,
    stage_is_late,
    template_list_visible,
)

pytestmark = pytest.mark.django_db


def test_project_list_shows_team_and_owner_staff_only(
    project, lead, colleague, outsider, supplier_user
):
    assert list(project_list_visible(user=lead)) == [project]
    assert list(project_list_visible(user=colleague)) == [project]
    assert list(project_list_visible(user=outsider)) == []
    assert list(project_list_visible(user=supplier_user)) == []


def test_templates_visible_are_the_shipped_ones(lead):
    keys = {t.key for t in template_list_visible(user=lead)}
    assert "innovation_partnership" in keys and len(keys) == 8


def test_a_stage_past_its_planned_end_is_late(project, lead):
    first = project.stages.get(order=1)
    today = timezone.localdate()
    services.stage_dates_update(
        stage=first,
        actor=lead,
        planned_start=today - timedelta(days=30),
        planned_end=today - timedelta(days=1),
    )
    first.refresh_from_db()
    assert stage_is_late(first, today=today)
    assert not stage_is_late(first, today=today - timedelta(days=1))
    position = project_position(project=project)
    assert first in position.late
    assert "late" in position.where or "sen" in position.where


def test_a_passed_stage_is_never_late(project, lead):
    first = project.stages.get(order=1)
    services.gate_pass(stage=first, actor=lead, override_reason="x")
    first.refresh_from_db()
    assert not stage_is_late(first, today=date(2100, 1, 1))


def test_position_names_the_current_stage_and_the_next_decision(project):
    position = project_position(project=project)
    assert position.current.order == 1
    assert position.number == 1 and position.count == 9
    assert position.required_total == 3 and position.required_done == 0
    assert position.current.name in position.next_decision


def test_competence_matrix_shows_missing_competences(project, lead, colleague):
    matrix = {row["key"]: row for row in competence_matrix(project=project)}
    assert matrix["procurement"]["covered"]
    assert not matrix["legal"]["covered"]
    ProjectMember.objects.create(project=project, user=colleague, role=ProjectRole.LEGAL)
    matrix = {row["key"]: row for row in competence_matrix(project=project)}
    assert matrix["legal"]["covered"] and matrix["legal"]["people"] == [colleague]
    assert len(matrix) == 8


def test_dashboard_lists_my_projects_and_late_stages(project, lead, colleague):
    first = project.stages.get(order=1)
    today = timezone.localdate()
    services.stage_dates_update(
        stage=first,
        actor=lead,
        planned_start=today - timedelta(days=10),
        planned_end=today - timedelta(days=2),
    )
    data = dashboard_for(user=lead)
    assert [row["project"] for row in data["my_projects"]] == [project]
    assert data["my_projects"][0]["position"].current == first
    assert first in data["late_stages"]
    assert dashboard_for(user=colleague) == {"my_projects": [], "late_stages": []}
