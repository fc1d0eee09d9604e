"""The benefit categories: stored codes, labels and the KPI subset."""

from handslag.rules.benefit_categories import (
    COST_ONLY_CATEGORIES,
    KPI_CATEGORIES,
    LABELS,
    BenefitCategory,
)


def test_the_stored_codes_do_not_change():
    assert [c.value for c in BenefitCategory] == [
        "internal_savings",
        "time",
        "transport",
        "water",
        "energy",
        "co2",
        "social",
        "investment",
        "operation",
        "maintenance",
        "other",
    ]


def test_every_category_has_an_english_and_a_swedish_label():
    assert set(LABELS) == set(BenefitCategory)
    assert all(label.english and label.swedish for label in LABELS.values())


def test_kpis_count_under_the_benefit_categories_only():
    assert KPI_CATEGORIES == (
        "internal_savings",
        "time",
        "transport",
        "water",
        "energy",
        "co2",
        "social",
        "other",
    )
    assert not set(KPI_CATEGORIES) & COST_ONLY_CATEGORIES
