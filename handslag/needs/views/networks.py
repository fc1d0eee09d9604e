"""Pages for buyer networks."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from handslag.accounts import selectors as account_selectors
from handslag.accounts import services as account_services
from handslag.accounts.models import BuyerNetwork, Organisation
from handslag.accounts.permissions import (
    access_invitation,
    access_network,
    can_answer_invitation,
    can_invite_to_network,
    network_role_org_ids,
)
from handslag.accounts.roles import OrganisationKind
from handslag.core.forms import form_page, submit_form
from handslag.core.permissions import not_found
from handslag.needs.forms import (
    NetworkInviteForm,
)
from handslag.needs.permissions import (
    access_need,
)
from handslag.needs.views.common import _page, _require_buyer_staff


def similar_organisation(request: HttpRequest) -> Organisation | None:
    org_id = request.GET.get("with", "")
    if not org_id.isdigit():
        return None
    return Organisation.objects.filter(pk=int(org_id), kind=OrganisationKind.BUYER).first()


@require_http_methods(["GET", "POST"])
def need_network_invite(request: HttpRequest, pk: int) -> HttpResponse:
    """Invite the organisation behind a similar need into one of my buyer networks (or a new one)."""
    need = access_need(user=request.user, need_id=pk, edit=True)
    other = similar_organisation(request)
    if other is None or other.pk in request.user.buyer_organisation_ids:
        raise not_found()
    networks = account_selectors.network_list_for(user=request.user).filter(
        memberships__organisation_id__in=network_role_org_ids(user=request.user)
    )
    form = NetworkInviteForm(request.POST or None, networks=networks)

    def invite(data: dict) -> BuyerNetwork:
        network = data["network"]
        if network is None:
            network = account_services.network_create(
                actor=request.user, organisation=need.organisation, name=data["name"]
            )
        account_services.network_invite(
            actor=request.user, network=network, organisation=other, message=data["message"]
        )
        return network

    done = submit_form(
        request,
        form,
        invite,
        message=lambda network: (
            _("%(org)s was invited to %(network)s.") % {"org": other.name, "network": network}
        ),
        to=lambda network: reverse("needs:network_detail", args=[network.pk]),
    )
    return done or form_page(
        request, "needs/network_invite_form.html", {"need": need, "other": other}, form
    )


# --- Buyer networks -----------------------------------------------------------------------


@require_GET
def network_list(request: HttpRequest) -> HttpResponse:
    _require_buyer_staff(request)
    page_obj = _page(request, account_selectors.network_list_for(user=request.user))
    invitations = [
        (i, can_answer_invitation(user=request.user, invitation=i))
        for i in account_selectors.invitations_received(user=request.user)
    ]
    return render(
        request, "needs/network_list.html", {"page_obj": page_obj, "invitations": invitations}
    )


@require_GET
def network_detail(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_network(user=request.user, network_id=pk)
    return render(
        request,
        "needs/network_detail.html",
        {
            "network": network,
            "members": account_selectors.network_members(network=network),
            "pending": network.invitations.filter(status="pending").select_related("organisation"),
            "may_invite": can_invite_to_network(user=request.user, network=network),
        },
    )


@require_POST
def network_invitation_answer(request: HttpRequest, pk: int, answer: str) -> HttpResponse:
    invitation = access_invitation(user=request.user, invitation_id=pk)
    try:
        if answer == "accept":
            account_services.network_invitation_accept(actor=request.user, invitation=invitation)
            messages.success(request, _("You joined the buyer network."))
        elif answer == "decline":
            account_services.network_invitation_decline(actor=request.user, invitation=invitation)
            messages.success(request, _("The invitation was declined."))
        else:
            raise not_found()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    if answer == "accept":
        return redirect("needs:network_detail", pk=invitation.network_id)
    return redirect("needs:network_list")
