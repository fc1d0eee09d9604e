from django.http import HttpRequest
from ninja import Router

from handslag.accounts import services
from handslag.accounts.schemas import MeOut, OrganisationOut, PreferencesIn
from handslag.accounts.selectors import organisation_list_visible

router = Router(tags=["accounts"])


@router.get("/me", response=MeOut, summary="The signed-in person and their organisations")
def me(request: HttpRequest) -> dict:
    return _me(request.user)


@router.put(
    "/me/preferences",
    response=MeOut,
    summary="Set the language of one's e-mails and instant e-mail or a daily digest",
)
def preferences(request: HttpRequest, payload: PreferencesIn) -> dict:
    user = services.preferences_update(actor=request.user, **payload.dict())
    return _me(user)


def _me(user) -> dict:
    return {
        "id": user.pk,
        "username": user.username,
        "name": user.get_full_name(),
        "language": user.language,
        "notification_delivery": user.notification_delivery,
        "memberships": [
            {
                "organisation_id": m.organisation_id,
                "organisation": m.organisation.name,
                "kind": m.organisation.kind,
                "role": m.role,
            }
            for m in user.active_memberships
        ],
    }


@router.get("/organisations", response=list[OrganisationOut], summary="Registered organisations")
def organisations(request: HttpRequest):
    return organisation_list_visible(user=request.user)
