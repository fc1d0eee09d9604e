"""What the start page shows, gathered from the apps that have something to show.

Core knows no domain app. Each app registers its parts from its AppConfig.ready():
a dashboard part is asked for one signed-in person's context (`part(user=user)`), a
landing part gives the rows of a public list on the start page for visitors (the first
five are shown). Parts are asked in the order they were registered, which is the order
of INSTALLED_APPS. Nothing here imports models, so an apps.py can import it early.
"""

from collections.abc import Callable, Iterable
from typing import Any

DashboardPart = Callable[..., dict[str, Any]]
LandingPart = Callable[[], Iterable[Any]]

LANDING_ROWS = 5

_dashboard_parts: list[DashboardPart] = []
_landing_parts: dict[str, LandingPart] = {}


def register_dashboard_part(part: DashboardPart) -> None:
    """Add `part(user=...)`'s context to a signed-in person's start page."""
    if part not in _dashboard_parts:
        _dashboard_parts.append(part)


def register_landing_part(name: str, rows: LandingPart) -> None:
    """Show the first rows of `rows()` on the public start page, as `name`."""
    _landing_parts[name] = rows


def public_overview() -> dict[str, Any]:
    return {name: list(rows()[:LANDING_ROWS]) for name, rows in _landing_parts.items()}


def for_user(user: Any) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for part in _dashboard_parts:
        context.update(part(user=user))
    context["has_anything"] = any(bool(value) for value in context.values())
    return context
