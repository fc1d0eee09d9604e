"""Form helpers: service errors land on the form, so the user sees them in place.

Most pages that change something take the same steps: a form parses the POST, one service
writes, a message says what happened and the browser is sent on; a refused service call or
bad input shows the form again with its errors and status 400. `submit_form` and
`form_page` are those steps, so each view only names its form, service, message and page.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render

T = TypeVar("T")


def add_service_error(form: forms.Form, error: ValidationError) -> None:
    """Attach a ValidationError raised by a service to the form's fields or to the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def posted(request: HttpRequest) -> QueryDict | None:
    """The POST data, even when empty, so an empty submission is validated, not ignored."""
    return request.POST if request.method == "POST" else None


def submit_form(
    request: HttpRequest,
    form: forms.Form,
    save: Callable[[dict[str, Any]], T],
    *,
    message: str | Callable[[T], str],
    to: str | Callable[[T], str],
) -> HttpResponse | None:
    """On a POST with valid input, call `save(form.cleaned_data)`, say `message`, redirect `to`.

    `message` and `to` may be functions of what `save` returned (the new object). Returns
    None when the form is to be shown (again): on GET, on bad input, and when the service
    refused with a ValidationError, which then stands on the form.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = save(form.cleaned_data)
    except ValidationError as error:
        add_service_error(form, error)
        return None
    messages.success(request, message(result) if callable(message) else message)
    return redirect(to(result) if callable(to) else to)


def form_page(
    request: HttpRequest, template: str, context: dict[str, Any], form: forms.Form
) -> HttpResponse:
    """The page with its form; 400 when the form carries errors, so the refusal is visible."""
    return render(request, template, {**context, "form": form}, status=400 if form.errors else 200)
