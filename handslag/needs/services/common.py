"""Helpers shared by the needs services."""

from typing import Any


def _clean(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value
