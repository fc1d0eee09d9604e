import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from handslag.accounts.roles import OrganisationRole
from handslag.accounts.tests.factories import buyer, member
from handslag.projects.permissions import (
    access_checklist_item,
    access_project,
    access_project_for_lead,
    access_stage,
    can_create_project,
    can_lead_project,
    can_manage_project,
    can_view_project,
    can_work_in_project,
)
from handslag.projects.tests.factories import make_project, need_statement

pytestmark = pytest.mark.django_db


def test_team_members_see_and_work(project, need_owner):
    assert can_view_project(user=need_owner, project=project)
    assert can_work_in_project(user=need_owner, project=project)
    assert access_project(user=need_owner, project_id=project.pk) == project


def test_staff_of_the_owning_buyer_read_only(project, colleague):
    assert can_view_project(user=colleague, project=project)
    assert not can_work_in_project(user=colleague, project=project)
    assert not can_manage_project(user=colleague, project=project)
    with pytest.raises(PermissionDenied):
        access_project(user=colleague, project_id=project.pk, manage=True)


def test_staff_of_a_partner_buyer_read(lead, org):
    partner = buyer()
    project = make_project(
        lead=lead, organisation=org, partner_buyers=[partner], needs=[need_statement(org)]
    )
    assert can_view_project(user=member(partner), project=project)


@pytest.mark.parametrize("who", ["outsider", "supplier_user"])
def test_other_organisations_and_suppliers_get_404(project, who, request):
    user = request.getfixturevalue(who)
    assert not can_view_project(user=user, project=project)
    with pytest.raises(Http404):
        access_project(user=user, project_id=project.pk)
    with pytest.raises(Http404):
        access_stage(user=user, stage_id=project.stages.first().pk)
    with pytest.raises(Http404):
        access_checklist_item(user=user, item_id=project.stages.first().items.first().pk)


def test_anonymous_gets_404(project):
    anonymous = AnonymousUser()
    assert not can_view_project(user=anonymous, project=project)
    with pytest.raises(Http404):
        access_project(user=anonymous, project_id=project.pk)


def test_missing_project_is_404(lead):
    with pytest.raises(Http404):
        access_project(user=lead, project_id=999999)


def test_managers_are_the_lead_and_procurement_officers(project, lead, officer, need_owner):
    assert can_manage_project(user=lead, project=project)
    assert can_manage_project(user=officer, project=project)
    assert not can_manage_project(user=need_owner, project=project)
    with pytest.raises(PermissionDenied):
        access_project(user=need_owner, project_id=project.pk, manage=True)


def test_only_the_lead_leads(project, lead, officer):
    assert can_lead_project(user=lead, project=project)
    assert not can_lead_project(user=officer, project=project)
    with pytest.raises(PermissionDenied):
        access_project_for_lead(user=officer, project_id=project.pk)


def test_who_may_create_a_project(org):
    assert can_create_project(user=member(org, OrganisationRole.NEED_OWNER), organisation_id=org.pk)
    assert not can_create_project(user=member(org), organisation_id=org.pk)
    assert not can_create_project(
        user=member(buyer(), OrganisationRole.ADMIN), organisation_id=org.pk
    )
