"""Shared building blocks for the per-app permission modules.

Each app keeps its own `can_*()` predicates and `access_*()` fetchers in its
permissions.py; these helpers give them one way to refuse.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _


def not_found() -> Http404:
    """For objects the user may not even know exist."""
    return Http404(_("The page was not found, or you do not have access to it."))


def forbidden(message: str | None = None) -> PermissionDenied:
    """For objects the user may know of but may not act on."""
    return PermissionDenied(message or _("You do not have permission to do this."))
