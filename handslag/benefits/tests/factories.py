"""Factories for benefit models and lines, on the shared project factory."""

from decimal import Decimal

import factory

from handslag.accounts.tests.factories import UserFactory
from handslag.benefits.models import BenefitLine, BenefitModel
from handslag.partnership.tests.factories import project_member  # noqa: F401
from handslag.testing.factories import ProjectFactory


class BenefitModelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BenefitModel

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"Forecast {n}")
    scenario = "forecast"
    discount_rate = Decimal("0.035")
    horizon_years = 10
    created_by = factory.SubFactory(UserFactory)


class BenefitLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BenefitLine

    model = factory.SubFactory(BenefitModelFactory)
    name = factory.Sequence(lambda n: f"Line {n}")
    kind = "benefit"
    category = "transport"
    first_year = 1
    last_year = 9
    low = Decimal("80000")
    likely = Decimal("100000")
    high = Decimal("130000")


def simple_model(**fields) -> BenefitModel:
    """1 000 000 invested in year 0, 150 000 a year saved in years 1-9 (uncertain)."""
    model = BenefitModelFactory(**fields)
    BenefitLineFactory(
        model=model,
        name="Sensors and installation",
        kind="cost",
        category="investment",
        first_year=0,
        last_year=0,
        low=Decimal("900000"),
        likely=Decimal("1000000"),
        high=Decimal("1200000"),
    )
    BenefitLineFactory(
        model=model,
        name="Fewer transports",
        kind="benefit",
        category="transport",
        first_year=1,
        last_year=9,
        low=Decimal("100000"),
        likely=Decimal("150000"),
        high=Decimal("180000"),
    )
    return model
