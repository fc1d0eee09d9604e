import datetime as dt

import pytest

from handslag.accounts.roles import OrganisationRole, ProjectRole
from handslag.accounts.tests.factories import buyer, member, supplier
from handslag.projects.models import ProjectMember
from handslag.projects.tests.factories import make_project

TODAY = dt.date(2026, 3, 2)


@pytest.fixture
def org():  # noqa: ANN201
    return buyer(name="Växjö kommun")


@pytest.fixture
def lead(org):  # noqa: ANN001, ANN201
    """The procurement officer who started the project (its lead)."""
    return member(org, OrganisationRole.PROCUREMENT_OFFICER, username="lead", first_name="Maria")


@pytest.fixture
def project(lead, org):  # noqa: ANN001, ANN201
    return make_project(lead=lead, organisation=org)


@pytest.fixture
def team_member(project, org):  # noqa: ANN001, ANN201
    """A need owner in the team: not a manager of the project, but keeps its dialogue."""
    user = member(org, OrganisationRole.NEED_OWNER, username="need-owner", first_name="Johan")
    ProjectMember.objects.create(project=project, user=user, role=ProjectRole.NEED_OWNER)
    return user


@pytest.fixture
def colleague(org):  # noqa: ANN001, ANN201
    """Staff of the owning buyer, outside the team: reads only."""
    return member(org, OrganisationRole.STAFF, username="colleague", first_name="Sara")


@pytest.fixture
def outsider():  # noqa: ANN201
    return member(
        buyer(name="Annan kommun"), OrganisationRole.PROCUREMENT_OFFICER, username="outsider"
    )


@pytest.fixture
def supplier_org():  # noqa: ANN201
    return supplier(name="Sensorbolaget")


@pytest.fixture
def supplier_user(supplier_org):  # noqa: ANN001, ANN201
    return member(supplier_org, OrganisationRole.ADMIN, username="supplier")
