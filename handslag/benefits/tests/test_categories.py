"""The benefit lines' categories come from handslag.rules and are translated by gettext."""

import pytest
from django.utils import translation

from handslag.benefits.models import CATEGORY_MSGIDS, LineCategory
from handslag.partnership.forms import KPI_CATEGORY_CHOICES
from handslag.rules.benefit_categories import KPI_CATEGORIES, LABELS, BenefitCategory


def test_line_categories_are_the_rules_categories():
    assert LineCategory.values == [category.value for category in BenefitCategory]
    assert LineCategory.CO2 == BenefitCategory.CO2


def test_kpi_choices_are_the_kpi_categories():
    assert [code for code, _label in KPI_CATEGORY_CHOICES] == list(KPI_CATEGORIES)


@pytest.mark.parametrize(("language", "side"), [("sv", "swedish"), ("en", "english")])
def test_labels_read_as_the_rules_say_in_each_language(language, side):
    """The catalogue must hold every label's msgid, translated as the rules write it."""
    with translation.override(language):
        for category, label in zip(LineCategory, BenefitCategory, strict=True):
            assert str(category.label) == getattr(LABELS[label], side)
        for code, label in KPI_CATEGORY_CHOICES:
            assert str(label) == getattr(LABELS[BenefitCategory(code)], side)


def test_the_catalogue_keeps_every_label():
    """`make messages` extracts only the written-out msgids: they must be the rules' labels."""
    assert sorted(CATEGORY_MSGIDS) == sorted(label.english for label in LABELS.values())
