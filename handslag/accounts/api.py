from django.http import HttpRequest
from ninja import Router

from handslag.accounts.schemas import MeOut, OrganisationOut
from handslag.accounts.selectors import organisation_list_visible

router = Router(tags=["accounts"])


@router.get("/me", response=MeOut, summary="The signed-in person and their organisations")
def me(request: HttpRequest) -> dict:
    user = request.user
    return {
        "id": user.pk,
        "username": user.username,
        "name": user.get_full_name(),
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
