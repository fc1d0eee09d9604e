"""Market test data: a project with its team and needs, calls and applications. The shared
factories are defined once in handslag.testing; the call is open for applications."""

from handslag.accounts.models import User
from handslag.accounts.roles import ProjectRole
from handslag.projects.models import Project
from handslag.testing.factories import (
    ApplicationFactory,
    CallFactory,
    ExpectedEffectFactory,
    NeedStatementFactory,
    ProjectFactory,
    ProjectMemberFactory,
    team_member,
)

# The market tests' own names for the shared need and effect factories.
NeedFactory = NeedStatementFactory
EffectFactory = ExpectedEffectFactory

__all__ = [
    "ApplicationFactory",
    "CallFactory",
    "EffectFactory",
    "NeedFactory",
    "ProjectFactory",
    "ProjectMemberFactory",
    "manager",
    "team_member",
]


def manager(project: Project) -> User:
    return team_member(project, ProjectRole.PROCUREMENT_OFFICER)
