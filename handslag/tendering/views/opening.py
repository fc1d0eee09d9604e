"""The opening of round 1 by two appointed officials, and its record."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from handslag.core.htmx import render_page
from handslag.core.permissions import not_found
from handslag.core.render import document_response
from handslag.tendering import selectors, services
from handslag.tendering.documents import opening_record_document
from handslag.tendering.opening import is_opened
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
    context = {
        "call": call,
        "error": error,
        **selectors.opening_overview(user=request.user, call=call),
    }
    return render_page(request, "tendering/opening.html", context, status=400 if error else 200)
