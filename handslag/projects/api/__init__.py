"""JSON API for projects, stages, gates and team, at /api/v1/projects/.

Thin: the same permissions, selectors and services as the pages, so no rule exists twice.
The modules register their operations on one router, in the order imported below, which
is the order of the OpenAPI document.
"""

# isort: off
from handslag.projects.api import projects, team, risks, plan, templates  # noqa: F401
from handslag.projects.api import resources, advisor  # noqa: F401

# isort: on
from handslag.projects.api.base import router
from handslag.projects.api.joint import joint_router

__all__ = ["joint_router", "router"]
