"""Rendering helpers for pages whose parts htmx swaps in place."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def render_page(
    request: HttpRequest,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    partial: str | None = None,
    status: int = 200,
) -> HttpResponse:
    """Render the whole page, or only its named partial for an htmx request.

    The page works without JavaScript; htmx merely asks for the fragment it swaps.
    """
    name = template
    if partial and request.htmx and not request.htmx.boosted:
        name = f"{template}#{partial}"
    response = render(request, name, context or {}, status=status)
    if partial:
        patch_vary_headers(response, ("HX-Request",))
    return response
