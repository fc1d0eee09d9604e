"""Need statements, shipped templates and projects built by the service; defined once in
handslag.testing."""

from handslag.testing.factories import (
    ProcedureTemplateFactory,
    ProjectFactory,
    ProjectMemberFactory,
    complete_checklist,
    make_project,
    need_statement,
    project_lead,
    shipped,
)

__all__ = [
    "ProcedureTemplateFactory",
    "ProjectFactory",
    "ProjectMemberFactory",
    "complete_checklist",
    "make_project",
    "need_statement",
    "project_lead",
    "shipped",
]
