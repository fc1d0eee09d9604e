"""Who may do what with accounts and organisations."""

from handslag.accounts.models import (
    ApiToken,
    BuyerNetwork,
    InvitationStatus,
    NetworkInvitation,
    User,
)
from handslag.accounts.roles import OrganisationKind, OrganisationRole
from handslag.core.permissions import forbidden, not_found


def access_api_token(*, user: User, token_id: int) -> ApiToken:
    token = ApiToken.objects.filter(pk=token_id, user=user).first()
    if token is None:
        raise not_found()
    return token


# --- Buyer networks -------------------------------------------------------------------------

# The roles that speak for a buyer organisation in a network: they invite and answer.
NETWORK_ROLES = (
    OrganisationRole.NEED_OWNER,
    OrganisationRole.PROCUREMENT_OFFICER,
    OrganisationRole.ADMIN,
)


def network_role_org_ids(*, user: User) -> set[int]:
    """Buyer organisations for which the user may act in networks."""
    if not user.is_authenticated:
        return set()
    return {
        m.organisation_id
        for m in user.active_memberships
        if m.role in NETWORK_ROLES and m.organisation.kind == OrganisationKind.BUYER
    }


def can_view_network(*, user: User, network: BuyerNetwork) -> bool:
    """Members of a member organisation, and of an organisation invited to it."""
    if not user.is_authenticated:
        return False
    ids = user.buyer_organisation_ids
    return (
        network.memberships.filter(organisation_id__in=ids).exists()
        or network.invitations.filter(
            organisation_id__in=ids, status=InvitationStatus.PENDING
        ).exists()
    )


def can_invite_to_network(*, user: User, network: BuyerNetwork) -> bool:
    ids = network_role_org_ids(user=user)
    return bool(ids) and network.memberships.filter(organisation_id__in=ids).exists()


def can_answer_invitation(*, user: User, invitation: NetworkInvitation) -> bool:
    """The invited organisation's need owner, procurement officer or admin."""
    return invitation.organisation_id in network_role_org_ids(user=user)


def access_network(*, user: User, network_id: int, invite: bool = False) -> BuyerNetwork:
    network = BuyerNetwork.objects.filter(pk=network_id).first()
    if network is None or not can_view_network(user=user, network=network):
        raise not_found()
    if invite and not can_invite_to_network(user=user, network=network):
        raise forbidden()
    return network


def access_invitation(*, user: User, invitation_id: int) -> NetworkInvitation:
    """An invitation the user's organisation received (and may answer) or sent."""
    invitation = (
        NetworkInvitation.objects.select_related("network", "organisation")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or not (
        invitation.organisation_id in user.buyer_organisation_ids
        or can_view_network(user=user, network=invitation.network)
    ):
        raise not_found()
    if not can_answer_invitation(user=user, invitation=invitation):
        raise forbidden()
    return invitation
