import pytest
from django.urls import reverse

from handslag.accounts.roles import OrganisationRole, ProjectRole
from handslag.accounts.tests.factories import member
from handslag.projects.models import Project, ProjectMember, ProjectStatus, StageStatus
from handslag.projects.tests.factories import complete_checklist, need_statement

pytestmark = pytest.mark.django_db


def detail_url(project):
    return reverse("projects:project_detail", args=[project.pk])


# --- List and create ----------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in(client, project):
    response = client.get(detail_url(project))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_list_empty_state_tells_how_to_start(client, org):
    client.force_login(member(org, OrganisationRole.NEED_OWNER))
    response = client.get(reverse("projects:project_list"))
    assert response.status_code == 200
    assert 'class="empty"' in response.content.decode()
    assert reverse("projects:project_create") in response.content.decode()


def test_list_shows_visible_projects_only(client, project, outsider):
    client.force_login(outsider)
    response = client.get(reverse("projects:project_list"))
    assert project.title not in response.content.decode()


def test_create_form_preselects_a_need(client, lead, org):
    need = need_statement(org, title="Smart bevattning")
    client.force_login(lead)
    response = client.get(reverse("projects:project_create") + f"?need={need.pk}")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Smart bevattning" in body
    assert f'value="{need.pk}"' in body and "checked" in body


def test_create_starts_a_project(client, lead, org):
    need = need_statement(org)
    client.force_login(lead)
    from handslag.projects.tests.factories import shipped

    response = client.post(
        reverse("projects:project_create"),
        {
            "organisation": org.pk,
            "title": "Bevattning",
            "needs": [need.pk],
            "template": shipped().pk,
        },
    )
    project = Project.objects.get(title="Bevattning")
    assert response.status_code == 302 and response["Location"] == detail_url(project)


def test_create_without_needs_shows_errors(client, lead, org):
    client.force_login(lead)
    response = client.post(
        reverse("projects:project_create"), {"organisation": org.pk, "title": "X"}
    )
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert not Project.objects.exists()


def test_create_is_forbidden_without_a_creator_role(client, org):
    client.force_login(member(org))
    assert client.get(reverse("projects:project_create")).status_code == 403


# --- Stage board --------------------------------------------------------------------------


def test_board_shows_position_stages_and_gate_form_to_the_lead(client, project, lead):
    client.force_login(lead)
    response = client.get(detail_url(project))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Behovsanalys" in body and "Uppföljning och spridning" in body
    assert reverse("projects:gate_pass", args=[project.stages.get(order=1).pk]) in body
    assert reverse("projects:project_stop", args=[project.pk]) in body


def test_board_is_read_only_for_colleagues(client, project, colleague):
    client.force_login(colleague)
    response = client.get(detail_url(project))
    body = response.content.decode()
    assert response.status_code == 200
    assert reverse("projects:gate_pass", args=[project.stages.get(order=1).pk]) not in body
    item = project.stages.get(order=1).items.first()
    assert reverse("projects:checklist_item_update", args=[item.pk]) not in body


@pytest.mark.parametrize("who", ["outsider", "supplier_user"])
def test_board_is_404_for_others(client, project, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(detail_url(project)).status_code == 404


def test_team_member_ticks_an_item(client, project, need_owner):
    item = project.stages.get(order=1).items.first()
    client.force_login(need_owner)
    response = client.post(
        reverse("projects:checklist_item_update", args=[item.pk]),
        {"done": "on", "evidence_url": "https://example.org/a"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.done and item.evidence_url == "https://example.org/a"


def test_ticking_with_htmx_returns_the_checklist_only(client, project, need_owner):
    item = project.stages.get(order=1).items.first()
    client.force_login(need_owner)
    response = client.post(
        reverse("projects:checklist_item_update", args=[item.pk]),
        {"done": "on"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="checklist"' in body and "<html" not in body


def test_colleague_cannot_tick(client, project, colleague):
    item = project.stages.get(order=1).items.first()
    client.force_login(colleague)
    response = client.post(
        reverse("projects:checklist_item_update", args=[item.pk]), {"done": "on"}
    )
    assert response.status_code == 403


# --- Gates --------------------------------------------------------------------------------


def test_gate_pass_with_incomplete_checklist_and_no_reason_is_refused(client, project, lead):
    stage = project.stages.get(order=1)
    client.force_login(lead)
    response = client.post(reverse("projects:gate_pass", args=[stage.pk]), {})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    stage.refresh_from_db()
    assert stage.status == StageStatus.OPEN


def test_gate_pass_with_complete_checklist(client, project, lead):
    stage = project.stages.get(order=1)
    complete_checklist(stage, lead)
    client.force_login(lead)
    response = client.post(
        reverse("projects:gate_pass", args=[stage.pk]),
        {"lesson_execution": "Förankringen tog tid.", "lesson_visibility": "organisation"},
    )
    assert response.status_code == 302
    stage.refresh_from_db()
    assert stage.status == StageStatus.PASSED
    assert project.lessons.count() == 1
    board = client.get(detail_url(project)).content.decode()
    assert "Marknadsdialog" in board


def test_override_reason_is_shown_on_the_board(client, project, lead):
    stage = project.stages.get(order=1)
    client.force_login(lead)
    client.post(
        reverse("projects:gate_pass", args=[stage.pk]),
        {"override_reason": "Styrgruppen beslutade."},
    )
    assert "Styrgruppen beslutade." in client.get(detail_url(project)).content.decode()


@pytest.mark.parametrize("who", ["officer", "need_owner", "colleague"])
def test_gate_page_is_forbidden_to_non_leads(client, project, who, request):
    client.force_login(request.getfixturevalue(who))
    url = reverse("projects:gate_pass", args=[project.stages.get(order=1).pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"override_reason": "x"}).status_code == 403


def test_gate_page_of_a_pending_stage_refuses(client, project, lead):
    client.force_login(lead)
    url = reverse("projects:gate_pass", args=[project.stages.get(order=2).pk])
    response = client.post(url, {"override_reason": "x"})
    assert response.status_code == 400


# --- Plan, team, stop ---------------------------------------------------------------------


def test_stage_plan_end_before_start_is_refused_with_a_message(client, project, officer):
    stage = project.stages.get(order=2)
    client.force_login(officer)
    response = client.post(
        reverse("projects:stage_edit", args=[stage.pk]),
        {"planned_start": "2030-03-01", "planned_end": "2030-01-01"},
    )
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()


def test_stage_plan_is_forbidden_to_other_members(client, project, need_owner):
    client.force_login(need_owner)
    url = reverse("projects:stage_edit", args=[project.stages.get(order=2).pk])
    assert client.get(url).status_code == 403


def test_team_page_shows_the_competence_matrix(client, project, colleague):
    client.force_login(colleague)
    response = client.get(reverse("projects:project_team", args=[project.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "tag-warning" in body  # a missing competence
    assert 'name="role"' not in body  # read-only: no form to add people


def test_lead_adds_a_member_on_the_team_page(client, project, lead, colleague):
    client.force_login(lead)
    response = client.post(
        reverse("projects:project_team", args=[project.pk]),
        {"user": colleague.pk, "role": ProjectRole.EVALUATOR},
    )
    assert response.status_code == 302
    assert ProjectMember.objects.filter(project=project, user=colleague).exists()


def test_non_lead_cannot_add_members(client, project, officer, colleague):
    client.force_login(officer)
    response = client.post(
        reverse("projects:project_team", args=[project.pk]),
        {"user": colleague.pk, "role": ProjectRole.EVALUATOR},
    )
    assert response.status_code == 403


def test_member_removal_is_confirmed_first(client, project, lead, need_owner):
    membership = ProjectMember.objects.get(user=need_owner)
    client.force_login(lead)
    url = reverse("projects:member_remove", args=[membership.pk])
    assert 'class="confirm"' in client.get(url).content.decode()
    client.post(url)
    assert not ProjectMember.objects.filter(pk=membership.pk).exists()


def test_stop_is_confirmed_and_shown(client, project, lead):
    client.force_login(lead)
    url = reverse("projects:project_stop", args=[project.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": ""}).status_code == 400
    client.post(url, {"reason": "Tiden räckte inte."})
    project.refresh_from_db()
    assert project.status == ProjectStatus.STOPPED
    body = client.get(detail_url(project)).content.decode()
    assert "Tiden räckte inte." in body


def test_stop_is_forbidden_to_non_leads(client, project, officer):
    client.force_login(officer)
    assert client.get(reverse("projects:project_stop", args=[project.pk])).status_code == 403
