"""Parts of the project page that other apps fill in.

A part is asked with the person and the project (`part(user=..., project=...)`) and
returns context for the page (knowledge: the project's lessons). Apps above projects
register their parts from their AppConfig.ready(). No models are imported here, so an
apps.py can import this module before the app registry is ready.
"""

from collections.abc import Callable
from typing import Any

ProjectPagePart = Callable[..., dict[str, Any]]

_parts: list[ProjectPagePart] = []


def register_project_page_part(part: ProjectPagePart) -> None:
    if part not in _parts:
        _parts.append(part)


def project_page_context(*, user: Any, project: Any) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for part in _parts:
        context.update(part(user=user, project=project))
    return context
