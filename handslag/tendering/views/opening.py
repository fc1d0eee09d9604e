"""The opening of round 1 by two appointed officials, and its record."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from handslag.core.forms import add_service_error
from handslag.core.htmx import render_page
from handslag.core.permissions import not_found
from handslag.core.render import document_response
from handslag.tendering import selectors, services
from handslag.tendering.documents import opening_record_document
from handslag.tendering.forms import OpeningWindowForm
from handslag.tendering.opening import is_opened, opening_window_minutes
from handslag.tendering.permissions import (
    access_call_for_team,
)


@require_GET
def opening_record_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The opening record as PDF, for the team once the tenders are opened."""
    call = access_call_for_team(user=request.user, call_id=pk)
    if not is_opened(call):
        raise not_found()
    return document_response(opening_record_document(call=call), "pdf")


@require_http_methods(["GET", "POST"])
def opening(request: HttpRequest, pk: int) -> HttpResponse:
    call = access_call_for_team(user=request.user, call_id=pk)
    error = None
    if request.method == "POST":
        try:
            services.opening_confirm(actor=request.user, call=call)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Your confirmation of the opening was recorded."))
            return redirect("tendering:opening", pk=call.pk)
    return _opening_page(request, call, error=error)


def _opening_page(request: HttpRequest, call, *, error=None, window_form=None) -> HttpResponse:
    context = {
        "call": call,
        "error": error,
        "window_form": window_form
        or OpeningWindowForm(initial={"window_minutes": opening_window_minutes(call)}),
        **selectors.opening_overview(user=request.user, call=call),
    }
    failed = error or (window_form is not None and window_form.errors)
    return render_page(request, "tendering/opening.html", context, status=400 if failed else 200)


@require_POST
def opening_window(request: HttpRequest, pk: int) -> HttpResponse:
    """The buyer sets the time allowed between the two confirmations, before the deadline."""
    call = access_call_for_team(user=request.user, call_id=pk)
    form = OpeningWindowForm(request.POST)
    if form.is_valid():
        try:
            services.opening_window_set(
                actor=request.user, call=call, minutes=form.cleaned_data["window_minutes"]
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The opening window was saved."))
            return redirect("tendering:opening", pk=call.pk)
    return _opening_page(request, call, window_form=form)
