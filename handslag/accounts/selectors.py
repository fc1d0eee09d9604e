"""Reads about people and organisations."""

from django.db.models import QuerySet

from handslag.accounts.models import (
    ApiToken,
    BuyerNetwork,
    InvitationStatus,
    NetworkInvitation,
    Organisation,
    User,
)


def organisation_list_visible(*, user: User) -> QuerySet[Organisation]:
    """Organisations are public facts (name, kind, number); everyone signed in may list them."""
    return Organisation.objects.all().order_by("name")


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at")


def network_list_for(*, user: User) -> QuerySet[BuyerNetwork]:
    """Buyer networks the user's organisations belong to."""
    if not user.is_authenticated:
        return BuyerNetwork.objects.none()
    return (
        BuyerNetwork.objects.filter(memberships__organisation_id__in=user.buyer_organisation_ids)
        .distinct()
        .order_by("name")
    )


def invitations_received(*, user: User) -> QuerySet[NetworkInvitation]:
    """Pending invitations to the user's buyer organisations."""
    if not user.is_authenticated:
        return NetworkInvitation.objects.none()
    return (
        NetworkInvitation.objects.select_related("network", "organisation", "invited_by")
        .filter(organisation_id__in=user.buyer_organisation_ids, status=InvitationStatus.PENDING)
        .order_by("-created_at", "-pk")
    )


def network_members(*, network: BuyerNetwork) -> QuerySet[Organisation]:
    return Organisation.objects.filter(network_memberships__network=network).order_by("name")
