"""The acquisition and maintenance stage page: orders, joining organisations, service reviews."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from handslag.accounts.models import Organisation
from handslag.accounts.roles import OrganisationKind
from handslag.core.forms import add_service_error
from handslag.partnership import acquisition
from handslag.partnership.forms import JoinForm, OrderForm, ServiceReviewForm
from handslag.partnership.models import Contract
from handslag.partnership.permissions import access_contract, can_manage_contract


def _join_candidates(contract: Contract):
    joined = contract.members.values_list("organisation_id", flat=True)
    return (
        Organisation.objects.filter(kind=OrganisationKind.BUYER)
        .exclude(pk=contract.project.organisation_id)
        .exclude(pk__in=list(joined))
        .order_by("name")
    )


def _ordering(contract: Contract):
    ids = [o.pk for o in acquisition.ordering_organisations(contract=contract)]
    return Organisation.objects.filter(pk__in=ids).order_by("name")


def _page(
    request: HttpRequest, contract: Contract, status: int = 200, **forms: Form
) -> HttpResponse:
    orders = Paginator(contract.orders.select_related("organisation"), 25).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "partnership/acquisition.html",
        {
            "contract": contract,
            "project": contract.project,
            "in_stage": acquisition.in_acquisition_stage(contract=contract),
            "can_manage": can_manage_contract(user=request.user, contract=contract),
            "members": contract.members.select_related("organisation"),
            "page_obj": orders,
            "reviews": contract.reviews.all()[:25],
            "join_form": forms.get("join_form")
            or JoinForm(organisations=_join_candidates(contract)),
            "order_form": forms.get("order_form") or OrderForm(organisations=_ordering(contract)),
            "review_form": forms.get("review_form") or ServiceReviewForm(),
        },
        status=status,
    )


@require_GET
def acquisition_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, access_contract(user=request.user, contract_id=pk))


def _post(
    request: HttpRequest, pk: int, name: str, form: Callable[[Contract], Form], act: Callable
) -> HttpResponse:
    contract = access_contract(user=request.user, contract_id=pk, manage=True)
    bound = form(contract)
    if bound.is_valid():
        try:
            act(contract, bound.cleaned_data)
        except ValidationError as error:
            add_service_error(bound, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("partnership:acquisition", contract.pk)
    return _page(request, contract, status=400, **{name: bound})


@require_POST
def solution_join(request: HttpRequest, pk: int) -> HttpResponse:
    return _post(
        request,
        pk,
        "join_form",
        lambda c: JoinForm(request.POST, organisations=_join_candidates(c)),
        lambda c, data: acquisition.solution_join(actor=request.user, contract=c, **data),
    )


@require_POST
def order_record(request: HttpRequest, pk: int) -> HttpResponse:
    return _post(
        request,
        pk,
        "order_form",
        lambda c: OrderForm(request.POST, organisations=_ordering(c)),
        lambda c, data: acquisition.order_record(actor=request.user, contract=c, **data),
    )


@require_POST
def service_review(request: HttpRequest, pk: int) -> HttpResponse:
    return _post(
        request,
        pk,
        "review_form",
        lambda c: ServiceReviewForm(request.POST),
        lambda c, data: acquisition.service_review_record(actor=request.user, contract=c, **data),
    )
