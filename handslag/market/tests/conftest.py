"""The cast of the permission matrix, around one project and its call."""

from types import SimpleNamespace

import pytest

from handslag.accounts.roles import OrganisationRole, ProjectRole
from handslag.accounts.tests.factories import buyer, member, supplier
from handslag.market.tests.factories import (
    CallFactory,
    EffectFactory,
    NeedFactory,
    ProjectFactory,
    team_member,
)


@pytest.fixture
def cast(db):
    project = ProjectFactory()
    need = NeedFactory(organisation=project.organisation)
    EffectFactory(need=need)
    project.needs.add(need)
    supplier_a, supplier_b = supplier(name="Sensor A AB"), supplier(name="Sensor B AB")
    return SimpleNamespace(
        project=project,
        need=need,
        call=CallFactory(project=project),
        manager=team_member(project, ProjectRole.PROCUREMENT_OFFICER),
        lead=team_member(project, ProjectRole.PROJECT_LEAD),
        team_member=team_member(project, ProjectRole.EVALUATOR),
        colleague=member(project.organisation, OrganisationRole.PROCUREMENT_OFFICER),
        outsider=member(buyer(), OrganisationRole.PROCUREMENT_OFFICER),
        supplier_a=supplier_a,
        supplier_b=supplier_b,
        user_a=member(supplier_a, OrganisationRole.ADMIN),
        user_b=member(supplier_b, OrganisationRole.ADMIN),
    )
