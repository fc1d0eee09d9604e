import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from handslag.accounts.roles import OrganisationRole as R
from handslag.accounts.roles import ProjectRole
from handslag.accounts.tests.factories import buyer, member
from handslag.needs.models import ChallengeStatus
from handslag.needs.permissions import (
    access_challenge,
    access_effect,
    access_need,
    access_public_challenge,
    access_submit_organisation,
    can_edit_need,
    can_submit_challenge,
    can_triage_challenge,
    can_view_challenge,
    can_view_need,
    need_queryset_visible,
)
from handslag.needs.tests.factories import (
    ChallengeFactory,
    ExpectedEffectFactory,
    NeedStatementFactory,
)
from handslag.projects.models import ProcedureTemplate, Project, ProjectMember

pytestmark = pytest.mark.django_db

VIEW = {
    "staff": True,
    "need_owner": True,
    "officer": True,
    "admin": True,
    "other_officer": False,
    "supplier_user": False,
}
EDIT = {
    "staff": False,
    "need_owner": True,
    "officer": True,
    "admin": True,
    "other_officer": False,
    "supplier_user": False,
}


@pytest.mark.parametrize("who", VIEW)
def test_challenge_matrix(world, who) -> None:
    user = getattr(world, who)
    challenge = ChallengeFactory(organisation=world.org)
    assert can_view_challenge(user=user, challenge=challenge) is VIEW[who]
    assert can_triage_challenge(user=user, challenge=challenge) is EDIT[who]
    assert can_submit_challenge(user=user, organisation_id=world.org.pk) is VIEW[who]
    if VIEW[who]:
        assert access_challenge(user=user, challenge_id=challenge.pk) == challenge
    else:
        with pytest.raises(Http404):
            access_challenge(user=user, challenge_id=challenge.pk)
        with pytest.raises(Http404):
            access_submit_organisation(user=user, organisation_id=world.org.pk)
    if VIEW[who] and not EDIT[who]:
        with pytest.raises(PermissionDenied):
            access_challenge(user=user, challenge_id=challenge.pk, triage=True)


@pytest.mark.parametrize("who", VIEW)
def test_need_matrix(world, who) -> None:
    user = getattr(world, who)
    need = NeedStatementFactory(organisation=world.org)
    effect = ExpectedEffectFactory(need=need)
    assert can_view_need(user=user, need=need) is VIEW[who]
    assert can_edit_need(user=user, need=need) is EDIT[who]
    assert (need in need_queryset_visible(user=user)) is VIEW[who]
    if not VIEW[who]:
        with pytest.raises(Http404):
            access_need(user=user, need_id=need.pk)
        with pytest.raises(Http404):
            access_effect(user=user, effect_id=effect.pk)
    elif not EDIT[who]:
        with pytest.raises(PermissionDenied):
            access_need(user=user, need_id=need.pk, edit=True)
        with pytest.raises(PermissionDenied):
            access_effect(user=user, effect_id=effect.pk, edit=True)
    else:
        assert access_need(user=user, need_id=need.pk, edit=True) == need
        assert access_effect(user=user, effect_id=effect.pk, edit=True) == effect


def test_anonymous_sees_nothing(world) -> None:
    anonymous = AnonymousUser()
    challenge = ChallengeFactory(organisation=world.org)
    need = NeedStatementFactory(organisation=world.org)
    assert not can_view_challenge(user=anonymous, challenge=challenge)
    assert not can_view_need(user=anonymous, need=need)
    assert not can_submit_challenge(user=anonymous, organisation_id=world.org.pk)
    assert not need_queryset_visible(user=anonymous).exists()
    with pytest.raises(Http404):
        access_challenge(user=anonymous, challenge_id=challenge.pk)
    with pytest.raises(Http404):
        access_need(user=anonymous, need_id=need.pk)


def test_inactive_membership_counts_for_nothing(world) -> None:
    user = member(world.org, R.PROCUREMENT_OFFICER)
    user.memberships.update(is_active=False)
    challenge = ChallengeFactory(organisation=world.org)
    assert not can_view_challenge(user=user, challenge=challenge)


def _project(world, need, **kwargs):
    template = ProcedureTemplate.objects.create(key="ip", name="Innovationspartnerskap")
    project = Project.objects.create(
        title="Projekt", organisation=world.org, template=template, created_by=world.officer
    )
    project.needs.add(need)
    return project


def test_project_team_member_from_another_organisation_may_read_the_need(world) -> None:
    need = NeedStatementFactory(organisation=world.org)
    project = _project(world, need)
    assert not can_view_need(user=world.supplier_user, need=need)
    ProjectMember.objects.create(
        project=project, user=world.supplier_user, role=ProjectRole.EXTERNAL_ADVISOR
    )
    need = access_need(user=world.supplier_user, need_id=need.pk)
    assert not can_edit_need(user=world.supplier_user, need=need)
    assert need in need_queryset_visible(user=world.supplier_user)


def test_joint_project_buyer_may_read_but_not_edit(world) -> None:
    need = NeedStatementFactory(organisation=world.org)
    project = _project(world, need)
    joint = buyer()
    reader = member(joint, R.PROCUREMENT_OFFICER)
    assert not can_view_need(user=reader, need=need)
    project.partner_buyers.add(joint)
    reader = type(reader).objects.get(pk=reader.pk)
    assert can_view_need(user=reader, need=need)
    assert need in need_queryset_visible(user=reader)
    assert not can_edit_need(user=reader, need=need)
    # The challenge behind it stays internal to its own organisation.
    challenge = ChallengeFactory(organisation=world.org)
    assert not can_view_challenge(user=reader, challenge=challenge)


def test_public_access_only_to_published(world) -> None:
    hidden = ChallengeFactory(organisation=world.org)
    shown = ChallengeFactory(organisation=world.org, is_published=True)
    assert access_public_challenge(challenge_id=shown.pk) == shown
    with pytest.raises(Http404):
        access_public_challenge(challenge_id=hidden.pk)
    declined = ChallengeFactory(organisation=world.org, status=ChallengeStatus.DECLINED)
    with pytest.raises(Http404):
        access_public_challenge(challenge_id=declined.pk)
