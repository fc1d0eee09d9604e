"""People and organisations for the accounts tests; defined once in handslag.testing."""

from handslag.testing.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    buyer,
    member,
    supplier,
    valid_org_number,
)

__all__ = [
    "MembershipFactory",
    "OrganisationFactory",
    "UserFactory",
    "buyer",
    "member",
    "supplier",
    "valid_org_number",
]
