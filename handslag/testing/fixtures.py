"""The cast around one project, as pytest fixtures: its buyer, the lead who started it, a
need owner and a procurement officer in the team, a colleague outside the team, another
buyer's officer and a supplier. An app's conftest imports the ones its tests use."""

import pytest

from handslag.accounts.models import Organisation, User
from handslag.accounts.roles import OrganisationRole, ProjectRole
from handslag.projects.models import Project, ProjectMember
from handslag.testing.factories import buyer, make_project, member, supplier


@pytest.fixture
def org() -> Organisation:
    return buyer(name="Växjö kommun")


@pytest.fixture
def lead(org: Organisation) -> User:
    """The procurement officer who started the project (its lead)."""
    return member(org, OrganisationRole.PROCUREMENT_OFFICER, username="lead")


@pytest.fixture
def project(lead: User, org: Organisation) -> Project:
    return make_project(lead=lead, organisation=org)


@pytest.fixture
def need_owner(project: Project, org: Organisation) -> User:
    """A team member who is not a manager."""
    user = member(org, OrganisationRole.NEED_OWNER, username="need-owner")
    ProjectMember.objects.create(project=project, user=user, role=ProjectRole.NEED_OWNER)
    return user


@pytest.fixture
def officer(project: Project, org: Organisation) -> User:
    """A procurement officer in the team: a manager, but not the lead."""
    user = member(org, OrganisationRole.PROCUREMENT_OFFICER, username="officer")
    ProjectMember.objects.create(project=project, user=user, role=ProjectRole.PROCUREMENT_OFFICER)
    return user


@pytest.fixture
def colleague(org: Organisation) -> User:
    """Staff of the owning buyer, outside the team: reads only."""
    return member(org, OrganisationRole.STAFF, username="colleague")


@pytest.fixture
def outsider() -> User:
    return member(
        buyer(name="Annan kommun"), OrganisationRole.PROCUREMENT_OFFICER, username="outsider"
    )


@pytest.fixture
def supplier_org() -> Organisation:
    return supplier(name="Sensorbolaget")


@pytest.fixture
def supplier_user(supplier_org: Organisation) -> User:
    return member(supplier_org, OrganisationRole.ADMIN, username="supplier")
