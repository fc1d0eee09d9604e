"""Shapes of the accounts API's answers."""

from ninja import Schema


class MembershipOut(Schema):
    organisation_id: int
    organisation: str
    kind: str
    role: str


class MeOut(Schema):
    id: int
    username: str
    name: str
    memberships: list[MembershipOut]


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str
    org_number: str
    is_sme: bool
    is_nonprofit: bool
