"""A small world for the needs tests: two buyers, a supplier and people in each role."""

from dataclasses import dataclass

import pytest

from handslag.accounts.models import Organisation, User
from handslag.accounts.roles import OrganisationRole as R
from handslag.accounts.tests.factories import buyer, member, supplier


@dataclass
class World:
    org: Organisation
    other_org: Organisation
    supplier_org: Organisation
    staff: User
    need_owner: User
    officer: User
    admin: User
    other_officer: User
    supplier_user: User


@pytest.fixture
def world(db) -> World:
    return make_world()


def make_world() -> World:
    """The world itself, for tests outside needs that start from a need statement."""
    org = buyer(name="Växjö kommun")
    other_org = buyer(name="Ystads kommun")
    supplier_org = supplier(name="Sensorbolaget")
    return World(
        org=org,
        other_org=other_org,
        supplier_org=supplier_org,
        staff=member(org, R.STAFF),
        need_owner=member(org, R.NEED_OWNER),
        officer=member(org, R.PROCUREMENT_OFFICER),
        admin=member(org, R.ADMIN),
        other_officer=member(other_org, R.PROCUREMENT_OFFICER),
        supplier_user=member(supplier_org, R.ADMIN),
    )
