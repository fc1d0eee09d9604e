"""Reads about the supplier registry: profiles, suppliers and the calls they follow."""

import datetime as dt

from django.db.models import QuerySet

from handslag.accounts.models import Organisation, User
from handslag.market.models import Area, Call, CallFollow, SupplierProfile
from handslag.market.selectors.calls import call_list_open


def supplier_profile_for(*, organisation: Organisation) -> SupplierProfile:
    """The organisation's profile, or an empty unsaved one if it never wrote one."""
    profile = SupplierProfile.objects.filter(organisation=organisation).first()
    return profile or SupplierProfile(organisation=organisation)


def supplier_organisations_for(*, user: User) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(pk__in=user.supplier_organisation_ids).order_by("name")


def supplier_list(*, user: User) -> QuerySet[Organisation]:
    """The supplier registry, for buyer staff (to invite to dialogue); nothing for others."""
    if not user.is_authenticated or not user.is_buyer_staff:
        return Organisation.objects.none()
    return (
        Organisation.objects.filter(kind="supplier")
        .select_related("supplier_profile")
        .order_by("name")
    )


def call_follows_for_supplier(*, user: User) -> QuerySet[CallFollow]:
    if not user.is_authenticated or not user.supplier_organisation_ids:
        return CallFollow.objects.none()
    return (
        CallFollow.objects.filter(organisation_id__in=user.supplier_organisation_ids)
        .select_related("call", "call__project__organisation", "organisation")
        .order_by("call__application_deadline", "pk")
    )


def is_following(*, user: User, call: Call) -> bool:
    return call_follows_for_supplier(user=user).filter(call=call).exists()


def followed_areas(*, user: User) -> list[str]:
    areas: set[str] = set()
    for profile_areas in SupplierProfile.objects.filter(
        organisation_id__in=user.supplier_organisation_ids
    ).values_list("areas", flat=True):
        areas.update(profile_areas or [])
    return [a for a in Area.values if a in areas]


def calls_in_followed_areas(*, user: User, now: dt.datetime | None = None) -> QuerySet[Call]:
    """Open calls in the areas the person's organisations follow."""
    areas = followed_areas(user=user)
    if not areas:
        return Call.objects.none()
    return call_list_open(now=now).filter(area__in=areas)
