import pytest

from handslag.accounts.roles import OrganisationRole, ProjectRole
from handslag.accounts.tests.factories import buyer, member, supplier
from handslag.projects.models import ProjectMember
from handslag.projects.tests.factories import make_project


@pytest.fixture
def org():  # noqa: ANN201
    return buyer(name="Växjö kommun")


@pytest.fixture
def lead(org):  # noqa: ANN001, ANN201
    return member(org, OrganisationRole.PROCUREMENT_OFFICER, username="lead")


@pytest.fixture
def project(lead, org):  # noqa: ANN001, ANN201
    return make_project(lead=lead, organisation=org)


@pytest.fixture
def need_owner(project, org):  # noqa: ANN001, ANN201
    """A team member who is not a manager."""
    user = member(org, OrganisationRole.NEED_OWNER, username="need-owner")
    ProjectMember.objects.create(project=project, user=user, role=ProjectRole.NEED_OWNER)
    return user


@pytest.fixture
def officer(project, org):  # noqa: ANN001, ANN201
    """A procurement officer in the team: a manager, but not the lead."""
    user = member(org, OrganisationRole.PROCUREMENT_OFFICER, username="officer")
    ProjectMember.objects.create(project=project, user=user, role=ProjectRole.PROCUREMENT_OFFICER)
    return user


@pytest.fixture
def colleague(org):  # noqa: ANN001, ANN201
    """Staff of the owning buyer, outside the team: reads only."""
    return member(org, OrganisationRole.STAFF, username="colleague")


@pytest.fixture
def outsider():  # noqa: ANN201
    return member(
        buyer(name="Annan kommun"), OrganisationRole.PROCUREMENT_OFFICER, username="outsider"
    )


@pytest.fixture
def supplier_user():  # noqa: ANN201
    return member(supplier(name="Sensorbolaget"), OrganisationRole.ADMIN, username="supplier")
