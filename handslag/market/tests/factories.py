"""Market test data: a project with its team and needs, calls and applications. The shared
factories are defined once in handslag.testing; the call is open for applications."""

import datetime as dt
from decimal import Decimal

from handslag.accounts.models import User
from handslag.accounts.roles import ProjectRole
from handslag.evaluation import services as evaluation_services
from handslag.evaluation.services.criteria import default_criteria
from handslag.market.models import Call
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
    "ready_to_publish",
    "team_member",
]


def ready_to_publish(call: Call, actor: User, now: dt.datetime | None = None) -> Call:
    """Give a draft what publication requires besides lawful deadlines: selection
    criteria, a partnership description, award criteria with weights and an evaluation
    model."""
    Call.objects.filter(pk=call.pk, selection_criteria="").update(
        selection_criteria="A relevant reference."
    )
    Call.objects.filter(pk=call.pk, partnership_description="").update(
        partnership_description="Development, tests in our operations, then purchase."
    )
    call.refresh_from_db()
    evaluation_services.criteria_set(actor=actor, call=call, criteria=default_criteria(), now=now)
    evaluation_services.evaluation_model_set(
        actor=actor,
        call=call,
        kind="weighted_points",
        price_ceiling=Decimal(4_000_000),
        now=now,
    )
    return call


def manager(project: Project) -> User:
    return team_member(project, ProjectRole.PROCUREMENT_OFFICER)
