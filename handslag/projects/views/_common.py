"""Helpers shared by the project views."""

from django.http import HttpRequest

PAGE_SIZE = 25


def _posted(request: HttpRequest):
    """The POST data, even when empty, so an empty submission is validated, not ignored."""
    return request.POST if request.method == "POST" else None
