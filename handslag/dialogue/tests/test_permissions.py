"""Who may read and keep the dialogue: team writes, owning buyers' staff read, others 404."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from handslag.accounts.roles import OrganisationRole, ProjectRole
from handslag.accounts.tests.factories import member
from handslag.dialogue.permissions import (
    access_action,
    access_communication,
    access_meeting,
    access_project_dialogue,
    access_stakeholder,
    can_edit_dialogue,
    can_view_dialogue,
)
from handslag.dialogue.tests.factories import (
    make_action,
    make_communication,
    make_meeting,
    make_stakeholder,
)
from handslag.projects.models import ProjectMember

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(project, lead):
    meeting = make_meeting(project, lead)
    return {
        "meeting": (access_meeting, "meeting_id", meeting),
        "action": (access_action, "action_id", make_action(meeting, lead)),
        "stakeholder": (access_stakeholder, "stakeholder_id", make_stakeholder(project, lead)),
        "communication": (access_communication, "item_id", make_communication(project, lead)),
    }


def test_anonymous(project):
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    assert not can_view_dialogue(user=anonymous, project=project)
    assert not can_edit_dialogue(user=anonymous, project=project)
    with pytest.raises(Http404):
        access_project_dialogue(user=anonymous, project_id=project.pk)


@pytest.mark.parametrize("who", ["outsider", "supplier_user"])
def test_other_organisations_and_suppliers_get_404(project, objects, who, request):
    user = request.getfixturevalue(who)
    assert not can_view_dialogue(user=user, project=project)
    with pytest.raises(Http404):
        access_project_dialogue(user=user, project_id=project.pk)
    for fetch, key, obj in objects.values():
        with pytest.raises(Http404):
            fetch(user=user, **{key: obj.pk})


def test_staff_of_the_owning_buyer_outside_the_team_reads_only(project, objects, colleague):
    assert can_view_dialogue(user=colleague, project=project)
    assert not can_edit_dialogue(user=colleague, project=project)
    assert access_project_dialogue(user=colleague, project_id=project.pk) == project
    with pytest.raises(PermissionDenied):
        access_project_dialogue(user=colleague, project_id=project.pk, edit=True)
    for fetch, key, obj in objects.values():
        assert fetch(user=colleague, **{key: obj.pk}) == obj
        with pytest.raises(PermissionDenied):
            fetch(user=colleague, edit=True, **{key: obj.pk})


@pytest.mark.parametrize("who", ["lead", "team_member"])
def test_team_members_read_and_write(project, objects, who, request):
    user = request.getfixturevalue(who)
    assert can_edit_dialogue(user=user, project=project)
    assert access_project_dialogue(user=user, project_id=project.pk, edit=True) == project
    for fetch, key, obj in objects.values():
        assert fetch(user=user, edit=True, **{key: obj.pk}) == obj


def test_partner_buyers_staff_read(project, objects):
    from handslag.accounts.tests.factories import buyer

    partner = buyer(name="Skurups kommun")
    project.partner_buyers.add(partner)
    staff = member(partner, OrganisationRole.STAFF)
    assert access_project_dialogue(user=staff, project_id=project.pk) == project
    with pytest.raises(PermissionDenied):
        access_project_dialogue(user=staff, project_id=project.pk, edit=True)


def test_external_advisor_in_the_team_keeps_the_log(project, objects):
    """An advisor from a partner organisation, added to the team, takes part in the dialogue."""
    from handslag.accounts.tests.factories import OrganisationFactory

    advisor = member(OrganisationFactory(kind="partner"), OrganisationRole.STAFF)
    with pytest.raises(Http404):
        access_project_dialogue(user=advisor, project_id=project.pk)
    ProjectMember.objects.create(project=project, user=advisor, role=ProjectRole.EXTERNAL_ADVISOR)
    assert access_project_dialogue(user=advisor, project_id=project.pk, edit=True) == project


def test_unknown_ids_are_404(lead):
    for fetch, key in (
        (access_meeting, "meeting_id"),
        (access_action, "action_id"),
        (access_stakeholder, "stakeholder_id"),
        (access_communication, "item_id"),
    ):
        with pytest.raises(Http404):
            fetch(user=lead, **{key: 999999})
    with pytest.raises(Http404):
        access_project_dialogue(user=lead, project_id=999999)
