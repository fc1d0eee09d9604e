"""Who may see and change challenges and need statements.

Challenges are internal to the buyer organisation that raised them until they are
published to the market; need statements are internal too, but a project team that
carries a need (possibly a joint project with other buyers) may read it.
"""

from django.db.models import Q, QuerySet

from handslag.accounts.models import Organisation, User
from handslag.accounts.roles import OrganisationKind, OrganisationRole
from handslag.core.permissions import forbidden, not_found
from handslag.needs import readers
from handslag.needs.models import (
    Challenge,
    ChallengeAttachment,
    ChallengeStatus,
    ExpectedEffect,
    NeedStatement,
)

# The organisation roles that triage challenges and write need statements.
EDITOR_ROLES = (
    OrganisationRole.NEED_OWNER,
    OrganisationRole.PROCUREMENT_OFFICER,
    OrganisationRole.ADMIN,
)


def can_submit_challenge(*, user: User, organisation_id: int) -> bool:
    """Anyone in a buyer organisation may raise a challenge for it."""
    return user.is_authenticated and organisation_id in user.buyer_organisation_ids


def submit_organisations(*, user: User) -> QuerySet[Organisation]:
    """The buyer organisations the user may raise challenges for."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        pk__in=user.buyer_organisation_ids, kind=OrganisationKind.BUYER
    ).order_by("name")


def can_view_challenge(*, user: User, challenge: Challenge) -> bool:
    return user.is_authenticated and challenge.organisation_id in user.buyer_organisation_ids


def can_triage_challenge(*, user: User, challenge: Challenge) -> bool:
    """Need owners, procurement officers and administrators of the challenge's organisation."""
    return user.is_authenticated and user.has_org_role(challenge.organisation_id, *EDITOR_ROLES)


# A "me too" matters while the challenge waits for a decision or sits in the idea bank.
SUPPORTABLE = (ChallengeStatus.SUBMITTED, ChallengeStatus.PARKED)


def can_support_challenge(*, user: User, challenge: Challenge) -> bool:
    """Colleagues (not the submitter) may support an open challenge."""
    return (
        can_view_challenge(user=user, challenge=challenge)
        and challenge.submitted_by_id != user.pk
        and challenge.status in SUPPORTABLE
    )


def can_set_challenge_visibility(*, user: User, challenge: Challenge) -> bool:
    """The submitter and the organisation's need owners, procurement officers and admins."""
    if not can_view_challenge(user=user, challenge=challenge):
        return False
    return challenge.submitted_by_id == user.pk or can_triage_challenge(
        user=user, challenge=challenge
    )


def can_triage_in(*, user: User, organisation_id: int) -> bool:
    return user.is_authenticated and user.has_org_role(organisation_id, *EDITOR_ROLES)


def can_view_need(*, user: User, need: NeedStatement) -> bool:
    """Members of the need's organisation, and whoever a registered rule lets read it
    (the team of a project carrying it: see needs.readers)."""
    if not user.is_authenticated:
        return False
    if need.organisation_id in user.buyer_organisation_ids:
        return True
    return readers.may_read(user=user, need=need)


def can_edit_need(*, user: User, need: NeedStatement) -> bool:
    return user.is_authenticated and user.has_org_role(need.organisation_id, *EDITOR_ROLES)


def need_queryset_visible(*, user: User) -> QuerySet[NeedStatement]:
    """Need statements the user may read (own organisations, plus what a registered rule
    lets them read: those in projects they may view)."""
    if not user.is_authenticated:
        return NeedStatement.objects.none()
    own = Q(organisation_id__in=user.buyer_organisation_ids)
    others = readers.visible(user=user)
    return NeedStatement.objects.filter(own if others is None else own | others).distinct()


def access_challenge(*, user: User, challenge_id: int, triage: bool = False) -> Challenge:
    """The challenge, if the user may see it (404); with triage=True, also triage it (403)."""
    challenge = (
        Challenge.objects.select_related(
            "organisation", "submitted_by", "triaged_by", "merged_into"
        )
        .filter(pk=challenge_id)
        .first()
    )
    if challenge is None or not can_view_challenge(user=user, challenge=challenge):
        raise not_found()
    if triage and not can_triage_challenge(user=user, challenge=challenge):
        raise forbidden()
    return challenge


def access_public_challenge(*, challenge_id: int) -> Challenge:
    """A challenge published to the market; anything else does not exist for the public."""
    challenge = (
        Challenge.objects.select_related("organisation")
        .filter(pk=challenge_id, is_published=True)
        .first()
    )
    if challenge is None:
        raise not_found()
    return challenge


def access_need(*, user: User, need_id: int, edit: bool = False) -> NeedStatement:
    """The need statement, if the user may see it (404); with edit=True, also edit it (403)."""
    need = (
        NeedStatement.objects.select_related("organisation", "challenge", "created_by")
        .filter(pk=need_id)
        .first()
    )
    if need is None or not can_view_need(user=user, need=need):
        raise not_found()
    if edit and not can_edit_need(user=user, need=need):
        raise forbidden()
    return need


def can_attach_to_challenge(*, user: User, challenge: Challenge) -> bool:
    """Colleagues who may see the challenge may attach files to it."""
    return can_view_challenge(user=user, challenge=challenge)


def access_challenge_attachment(*, user: User, attachment_id: int) -> ChallengeAttachment:
    """An attachment, if the user may see its challenge (404 otherwise; never public)."""
    attachment = (
        ChallengeAttachment.objects.select_related("challenge").filter(pk=attachment_id).first()
    )
    if attachment is None or not can_view_challenge(user=user, challenge=attachment.challenge):
        raise not_found()
    return attachment


def access_effect(*, user: User, effect_id: int, edit: bool = False) -> ExpectedEffect:
    effect = ExpectedEffect.objects.select_related("need").filter(pk=effect_id).first()
    if effect is None or not can_view_need(user=user, need=effect.need):
        raise not_found()
    if edit and not can_edit_need(user=user, need=effect.need):
        raise forbidden()
    return effect


def access_submit_organisation(*, user: User, organisation_id: int) -> Organisation:
    """The buyer organisation a challenge is raised for; others do not exist for this user."""
    if not can_submit_challenge(user=user, organisation_id=organisation_id):
        raise not_found()
    return Organisation.objects.get(pk=organisation_id)
