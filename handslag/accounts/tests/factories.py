"""Factories for people and organisations, used by every app's tests."""

import random

import factory

from handslag.accounts.models import Membership, Organisation, User
from handslag.accounts.roles import OrganisationKind, OrganisationRole
from handslag.rules.org_numbers import complete_org_number


def valid_org_number(prefix: str = "55") -> str:
    """A random ten-digit organisation number whose check digit is right."""
    body = prefix + "".join(random.choices("0123456789", k=9 - len(prefix)))
    return complete_org_number(body)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"person{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("secret-pass-123")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.BUYER
    org_number = factory.LazyFunction(valid_org_number)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = OrganisationRole.STAFF


def member(organisation: Organisation, role: str = OrganisationRole.STAFF, **user_fields) -> User:  # noqa: ANN003
    """A new person who belongs to `organisation` with `role`."""
    user = UserFactory(**user_fields)
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


def buyer(**fields) -> Organisation:  # noqa: ANN003
    return OrganisationFactory(kind=OrganisationKind.BUYER, **fields)


def supplier(**fields) -> Organisation:  # noqa: ANN003
    return OrganisationFactory(kind=OrganisationKind.SUPPLIER, is_sme=True, **fields)
