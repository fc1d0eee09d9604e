"""The supplier registry: registration, profiles and the calls suppliers follow."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja.pagination import paginate

from handslag.accounts.forms import client_ip
from handslag.accounts.models import Organisation
from handslag.accounts.services import signup_attempt_allowed, signup_throttled_message
from handslag.core.permissions import forbidden
from handslag.market import selectors, services
from handslag.market.api.base import _supplier_for, router
from handslag.market.models import CallFollow
from handslag.market.permissions import access_public_call, access_supplier_organisation
from handslag.market.schemas import (
    ErrorOut,
    FollowIn,
    FollowOut,
    ProfileIn,
    ProfileOut,
    RegisteredOut,
    RegisterIn,
    SupplierOut,
)


def _profile_out(organisation: Organisation) -> dict:
    profile = selectors.supplier_profile_for(organisation=organisation)
    return {
        "organisation_id": organisation.pk,
        "name": organisation.name,
        "org_number": organisation.org_number,
        "country": organisation.country,
        "org_number_verified": organisation.org_number_verified,
        "is_sme": organisation.is_sme,
        "is_nonprofit": organisation.is_nonprofit,
        "capabilities": profile.capabilities,
        "areas": list(profile.areas),
    }


@router.post(
    "/suppliers/register",
    auth=None,
    response={201: RegisteredOut, 400: ErrorOut, 429: ErrorOut},
    summary="Register a new supplier organisation and its first administrator",
)
def supplier_register(
    request: HttpRequest, payload: RegisterIn, response: HttpResponse
) -> tuple[int, dict]:
    if not signup_attempt_allowed(ip=client_ip(request)):
        response["Retry-After"] = str(settings.SIGNUP_ATTEMPT_WINDOW)
        return 429, {"detail": signup_throttled_message()}
    user = services.supplier_register(**payload.dict())
    organisation_id = next(iter(user.supplier_organisation_ids))
    return 201, {"user_id": user.pk, "username": user.username, "organisation_id": organisation_id}


@router.get(
    "/suppliers/mine", response=list[ProfileOut], summary="Your supplier organisations' profiles"
)
def my_suppliers(request: HttpRequest) -> list[dict]:
    return [_profile_out(o) for o in selectors.supplier_organisations_for(user=request.user)]


@router.get(
    "/suppliers/{organisation_id}/profile",
    response={200: ProfileOut, 404: ErrorOut},
    summary="A supplier profile (its own people)",
)
def supplier_profile_get(request: HttpRequest, organisation_id: int) -> dict:
    organisation = access_supplier_organisation(user=request.user, organisation_id=organisation_id)
    return _profile_out(organisation)


@router.put(
    "/suppliers/{organisation_id}/profile",
    response={200: ProfileOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Change capabilities and the areas followed (the organisation's administrators)",
)
def supplier_profile_put(request: HttpRequest, organisation_id: int, payload: ProfileIn) -> dict:
    organisation = access_supplier_organisation(
        user=request.user, organisation_id=organisation_id, edit=True
    )
    services.supplier_profile_update(
        actor=request.user,
        organisation=organisation,
        capabilities=payload.capabilities,
        areas=payload.areas,
    )
    return _profile_out(organisation)


@router.get(
    "/buyer/suppliers",
    response={200: list[SupplierOut], 403: ErrorOut},
    summary="The supplier registry (buyer staff)",
)
@paginate
def supplier_registry(request: HttpRequest):
    if not request.user.is_buyer_staff:
        raise forbidden()
    return selectors.supplier_list(user=request.user)


@router.post(
    "/calls/{call_id}/follow",
    response={200: FollowOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Follow a published call",
)
def follow(request: HttpRequest, call_id: int, payload: FollowIn) -> CallFollow:
    call = access_public_call(call_id=call_id)
    supplier = _supplier_for(request.user, payload.supplier_id)
    return services.call_follow(actor=request.user, call=call, organisation=supplier)


@router.delete(
    "/calls/{call_id}/follow",
    response={204: None, 403: ErrorOut, 404: ErrorOut},
    summary="Stop following a call",
)
def unfollow(request: HttpRequest, call_id: int, supplier_id: int | None = None) -> tuple:
    call = access_public_call(call_id=call_id)
    supplier = _supplier_for(request.user, supplier_id)
    services.call_unfollow(actor=request.user, call=call, organisation=supplier)
    return 204, None


@router.get("/follows", response=list[FollowOut], summary="Calls your organisations follow")
@paginate
def my_follows(request: HttpRequest):
    return selectors.call_follows_for_supplier(user=request.user)
