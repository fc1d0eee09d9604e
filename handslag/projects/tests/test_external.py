"""External team members: advisors and partner organisations with limited access."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from handslag.accounts.roles import OrganisationKind, OrganisationRole, ProjectRole
from handslag.accounts.tests.factories import OrganisationFactory, member
from handslag.projects import services
from handslag.projects.models import ExternalAccess, ProjectMember, WorkspaceArea
from handslag.projects.permissions import (
    can_view_area,
    can_work_in_project,
    is_external_member,
    is_internal_member,
)
from handslag.projects.selectors import team_list

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner_user():
    org = OrganisationFactory(kind=OrganisationKind.PARTNER, name="Upphandlingsmyndigheten")
    return member(org, OrganisationRole.STAFF, username="radgivare")


@pytest.fixture
def advisor(project, lead, partner_user):
    services.project_member_add(
        project=project, actor=lead, user=partner_user, role=ProjectRole.EXTERNAL_ADVISOR
    )
    project._roles_cache = {}
    return partner_user


def test_external_member_recognised(project, lead, advisor, need_owner) -> None:
    assert is_external_member(user=advisor, project=project)
    assert not is_internal_member(user=advisor, project=project)
    assert is_internal_member(user=need_owner, project=project)
    assert not is_external_member(user=lead, project=project)
    entry = next(e for e in team_list(project=project) if e["user"] == advisor)
    assert entry["external"] and entry["areas"] == []
    assert not next(e for e in team_list(project=project) if e["user"] == lead)["external"]


@pytest.mark.parametrize(
    "role",
    [
        ProjectRole.PROJECT_LEAD,
        ProjectRole.PROCUREMENT_OFFICER,
        ProjectRole.EVALUATOR,
        ProjectRole.OPENING_OFFICIAL,
        ProjectRole.NEED_OWNER,
    ],
)
def test_external_cannot_hold_buyer_roles(project, lead, partner_user, role) -> None:
    with pytest.raises(ValidationError) as error:
        services.project_member_add(project=project, actor=lead, user=partner_user, role=role)
    assert "role" in error.value.message_dict
    assert not ProjectMember.objects.filter(user=partner_user).exists()


def test_external_brings_competence(project, lead, partner_user) -> None:
    services.project_member_add(
        project=project, actor=lead, user=partner_user, role=ProjectRole.LEGAL
    )
    assert ProjectMember.objects.filter(user=partner_user, role=ProjectRole.LEGAL).exists()


def test_invitation_by_lead_only(project, lead, officer, advisor) -> None:
    with pytest.raises(PermissionDenied):
        services.external_access_set(
            actor=officer, project=project, user=advisor, areas=[WorkspaceArea.RISKS]
        )
    assert not can_view_area(user=advisor, project=project, area=WorkspaceArea.RISKS)
    services.external_access_set(
        actor=lead, project=project, user=advisor, areas=[WorkspaceArea.RISKS]
    )
    project._areas_cache = {}
    assert can_view_area(user=advisor, project=project, area=WorkspaceArea.RISKS)
    assert not can_view_area(user=advisor, project=project, area=WorkspaceArea.RESOURCES)
    services.external_access_set(actor=lead, project=project, user=advisor, areas=[])
    assert not ExternalAccess.objects.exists()


def test_invitation_only_for_externals(project, lead, need_owner) -> None:
    with pytest.raises(ValidationError):
        services.external_access_set(
            actor=lead, project=project, user=need_owner, areas=[WorkspaceArea.RISKS]
        )
    with pytest.raises(ValidationError):
        services.external_access_set(actor=lead, project=project, user=lead, areas=["tenders"])


def test_leaving_the_team_withdraws_invitations(project, lead, advisor) -> None:
    services.external_access_set(actor=lead, project=project, user=advisor, areas=["risks"])
    membership = ProjectMember.objects.get(user=advisor)
    services.project_member_remove(member=membership, actor=lead)
    assert not ExternalAccess.objects.exists()


def test_external_reads_but_does_not_work(client, project, advisor) -> None:
    assert not can_work_in_project(user=advisor, project=project)
    item = project.stages.get(order=1).items.first()
    with pytest.raises(PermissionDenied):
        services.checklist_item_set_done(item=item, actor=advisor, done=True)
    client.force_login(advisor)
    response = client.get(reverse("projects:project_detail", args=[project.pk]))
    assert response.status_code == 200
    assert not response.context["can_work"]
    assert reverse("projects:risk_list", args=[project.pk]) not in response.content.decode()


def test_team_page_and_access_form(client, project, lead, advisor, colleague) -> None:
    client.force_login(lead)
    response = client.get(reverse("projects:project_team", args=[project.pk]))
    url = reverse("projects:external_access", args=[project.pk, advisor.pk])
    assert url in response.content.decode()
    assert client.get(url).status_code == 200
    response = client.post(url, {"areas": ["risks", "resources"]})
    assert response.status_code == 302
    assert set(ExternalAccess.objects.values_list("area", flat=True)) == {"risks", "resources"}
    response = client.post(url, {"areas": ["tenders"]})
    assert response.status_code == 400
    # not for internal members, nor for others than the lead
    assert (
        client.get(reverse("projects:external_access", args=[project.pk, lead.pk])).status_code
        == 404
    )
    client.force_login(colleague)
    assert client.get(url).status_code == 403
