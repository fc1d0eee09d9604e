"""Pages for negotiation rounds: the team's rounds, round openings, the diff between rounds
and the confidential channels; the supplier's view of its rounds. Thin, as views.py."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from handslag.core.forms import add_service_error
from handslag.core.htmx import render_page
from handslag.core.permissions import forbidden, not_found
from handslag.core.render import document_response
from handslag.market.models import Call
from handslag.tendering import registry, services
from handslag.tendering.documents import opening_record_document
from handslag.tendering.forms import MessageForm, RoundForm
from handslag.tendering.opening import is_round_opened
from handslag.tendering.permissions import (
    access_call_for_team,
    access_channel,
    can_start_round,
    is_channel_buyer,
)
from handslag.tendering.selectors import negotiation

# --- the buyer's team -------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def rounds(request: HttpRequest, pk: int) -> HttpResponse:
    """Every round of the call, and the form to start the next one (lead, procurement)."""
    call = access_call_for_team(user=request.user, call_id=pk)
    overview = negotiation.rounds_overview(user=request.user, call=call)
    form = RoundForm(request.POST or None) if overview["can_start"] else None
    if request.method == "POST":
        if form is None:
            raise forbidden(_("A negotiation round cannot be started now."))
        if form.is_valid():
            try:
                started = services.round_start(
                    actor=request.user,
                    call=call,
                    deadline=form.cleaned_data["deadline"],
                    change_text=form.cleaned_data["change_text"],
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request,
                    _("Round %(round)s has started. Every tenderer was notified at once.")
                    % {"round": started.number},
                )
                return redirect("tendering:rounds", pk=call.pk)
    return render_page(
        request,
        "tendering/rounds.html",
        {
            "call": call,
            "form": form,
            "may_start": can_start_round(user=request.user, call=call),
            **overview,
        },
        status=400 if form is not None and form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def round_opening(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    call = access_call_for_team(user=request.user, call_id=pk)
    negotiation.access_round(call=call, number=number)
    error = None
    if request.method == "POST":
        try:
            services.opening_confirm(actor=request.user, call=call, round_number=number)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Your confirmation of the opening was recorded."))
            return redirect("tendering:round_opening", pk=call.pk, number=number)
    context = {
        "call": call,
        "error": error,
        **negotiation.round_opening_overview(user=request.user, call=call, number=number),
    }
    return render_page(
        request, "tendering/round_opening.html", context, status=400 if error else 200
    )


@require_GET
def round_record_pdf(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """A negotiation round's opening record as PDF, for the team once that round is opened."""
    call = access_call_for_team(user=request.user, call_id=pk)
    negotiation.access_round(call=call, number=number)
    if not is_round_opened(call, number):
        raise not_found()
    return document_response(opening_record_document(call=call, round_number=number), "pdf")


@require_GET
def round_diff(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    call = access_call_for_team(user=request.user, call_id=pk)
    context = {"call": call, **negotiation.round_diff(user=request.user, call=call, number=number)}
    return render_page(request, "tendering/round_diff.html", context)


@require_GET
def channels(request: HttpRequest, pk: int) -> HttpResponse:
    call = access_call_for_team(user=request.user, call_id=pk)
    if not is_channel_buyer(user=request.user, call=call):
        raise not_found()
    rows = negotiation.channels_for_team(user=request.user, call=call)
    return render_page(request, "tendering/channels.html", {"call": call, "rows": rows})


# --- both sides ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def channel(request: HttpRequest, pk: int, supplier_id: int) -> HttpResponse:
    """One tenderer's confidential channel: the buyer's internal team and that tenderer."""
    call, supplier = access_channel(user=request.user, call_id=pk, supplier_id=supplier_id)
    closed = registry.is_awarded(call)
    form = None if closed and request.method == "GET" else MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.channel_post(
                actor=request.user, call=call, supplier=supplier, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your message was sent."))
            return redirect("tendering:channel", pk=call.pk, supplier_id=supplier.pk)
    return render_page(
        request,
        "tendering/channel.html",
        {
            "call": call,
            "supplier": supplier,
            "form": form,
            "is_buyer": is_channel_buyer(user=request.user, call=call),
            "thread": negotiation.channel_messages(call=call, supplier=supplier),
            "closed": closed,
        },
        status=400 if form is not None and form.errors else 200,
    )


# --- the supplier -------------------------------------------------------------------------


@require_GET
def negotiation_supplier(request: HttpRequest, pk: int) -> HttpResponse:
    """The tenderer's view of the negotiation: rounds, deadlines, changes, its tenders."""
    call = Call.objects.select_related("project").filter(pk=pk).first()
    if call is None:
        raise not_found()
    context = {"call": call, **negotiation.negotiation_for_supplier(user=request.user, call=call)}
    return render_page(request, "tendering/negotiation_supplier.html", context)
