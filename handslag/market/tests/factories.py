"""Factories for market tests: a project with its team and needs, calls, applications."""

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from handslag.accounts.models import User
from handslag.accounts.roles import OrganisationRole, ProjectRole
from handslag.accounts.tests.factories import UserFactory, buyer, member, supplier
from handslag.market.models import Application, ApplicationStatus, Call, CallStatus
from handslag.needs.models import ExpectedEffect, NeedStatement
from handslag.projects.models import Project
from handslag.projects.tests.factories import (
    ProjectFactory,
    ProjectMemberFactory,
)


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NeedStatement

    organisation = factory.LazyAttribute(lambda o: buyer())
    title = factory.Sequence(lambda n: f"Automated irrigation {n}")
    problem = "Park staff drive out to control the watering by hand."
    target_group = "Park staff"
    created_by = factory.SubFactory(UserFactory)


class EffectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpectedEffect

    need = factory.SubFactory(NeedFactory)
    description = "Less water wasted"
    indicator = "Water used for irrigation"
    unit = "m³"
    baseline = Decimal("12000")
    target = Decimal("9000")


def _later(days: float) -> factory.LazyFunction:
    return factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=days))


class CallFactory(factory.django.DjangoModelFactory):
    """A published call, open for applications."""

    class Meta:
        model = Call

    project = factory.SubFactory(ProjectFactory)
    reference = factory.Sequence(lambda n: f"TEST-{n:04d}")
    title = factory.Sequence(lambda n: f"Call {n}")
    summary = "We want fewer transports and less water wasted."
    legal_procedure = "innovation_partnership"
    status = CallStatus.PUBLISHED
    published_at = _later(-5)
    application_deadline = _later(30)
    tender_deadline = _later(70)
    created_by = factory.SubFactory(UserFactory)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    call = factory.SubFactory(CallFactory)
    supplier = factory.LazyFunction(supplier)
    submitted_by = factory.SubFactory(UserFactory)
    text = "We have built irrigation control for three municipalities."
    status = ApplicationStatus.SUBMITTED


def team_member(project: Project, *roles: str) -> User:
    """A person of the project's buyer holding `roles` in the project."""
    user = member(project.organisation, OrganisationRole.STAFF)
    for role in roles:
        ProjectMemberFactory(project=project, user=user, role=role)
    return user


def manager(project: Project) -> User:
    return team_member(project, ProjectRole.PROCUREMENT_OFFICER)
