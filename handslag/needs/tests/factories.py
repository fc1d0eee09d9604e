"""Factories for challenges, need statements and expected effects."""

from decimal import Decimal

import factory

from handslag.accounts.tests.factories import OrganisationFactory, UserFactory
from handslag.needs.models import Challenge, ExpectedEffect, NeedStatement


class ChallengeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Challenge

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Challenge {n}")
    description = "Staff drive around to check every park by hand."
    affected = "Park staff"
    frequency = "Every day in summer"
    cost_today = "Two full-time staff"
    area = "Parks"
    submitted_by = factory.SubFactory(UserFactory)


class NeedStatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NeedStatement

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Need {n}")
    problem = "Watering is controlled by hand."
    created_by = factory.SubFactory(UserFactory)


class ExpectedEffectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpectedEffect

    need = factory.SubFactory(NeedStatementFactory)
    description = "Less water wasted"
    indicator = "Water used for irrigation"
    unit = "m³ per season"
    baseline = Decimal("12000")
    target = Decimal("9000")
    direction = "decrease"
