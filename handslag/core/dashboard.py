"""What the start page shows: each app's own selectors, gathered for one person."""

from typing import Any


def public_overview() -> dict[str, Any]:
    return {}


def for_user(user: Any) -> dict[str, Any]:
    return {}
