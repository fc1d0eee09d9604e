"""Shapes of the accounts API's answers."""

from ninja import Field, Schema


class MembershipOut(Schema):
    organisation_id: int
    organisation: str
    kind: str
    role: str


class MeOut(Schema):
    id: int
    username: str
    name: str
    language: str
    notification_delivery: str
    memberships: list[MembershipOut]


class PreferencesIn(Schema):
    """`language`: sv or en; `notification_delivery`: instant or digest."""

    language: str = Field(..., max_length=10)
    notification_delivery: str = Field(..., max_length=10)


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str
    org_number: str
    is_sme: bool
    is_nonprofit: bool
