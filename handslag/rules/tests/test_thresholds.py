"""Which threshold applies on a date, for which buyer and contract, and how a value compares."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from handslag.rules import thresholds
from handslag.rules.thresholds import Category, Comparison, Threshold

C = Category


def row(category, start, end, sek, eur=None) -> Threshold:
    return Threshold(
        category=category,
        valid_from=date.fromisoformat(start),
        valid_to=date.fromisoformat(end),
        sek=sek,
        eur=eur,
    )


TABLE = [
    row(C.OTHER_SUPPLIES_SERVICES, "2024-01-01", "2025-12-31", 2_389_585, 221_000),
    row(C.OTHER_SUPPLIES_SERVICES, "2026-01-01", "2027-12-31", None, 216_000),
    row(C.CENTRAL_SUPPLIES_SERVICES, "2024-01-01", "2025-12-31", 1_546_202, 143_000),
    row(C.WORKS, "2024-01-01", "2025-12-31", 59_880_179, 5_538_000),
    row(C.SOCIAL_SERVICES, "2024-01-01", "2025-12-31", 8_109_450, 750_000),
    row(C.DIRECT_AWARD, "2024-01-01", "2025-12-31", 700_000),
]


class TestCategory:
    @pytest.mark.parametrize(
        ("buyer", "contract", "category"),
        [
            ("central", "supplies_services", C.CENTRAL_SUPPLIES_SERVICES),
            ("sub_central", "supplies_services", C.OTHER_SUPPLIES_SERVICES),
            ("central", "works", C.WORKS),
            ("sub_central", "works", C.WORKS),
            ("central", "social_services", C.SOCIAL_SERVICES),
            ("sub_central", "social_services", C.SOCIAL_SERVICES),
        ],
    )
    def test_buyer_and_contract(self, buyer, contract, category) -> None:
        assert thresholds.category_for(buyer_kind=buyer, contract_kind=contract) == category

    def test_unknown_kinds_refused(self) -> None:
        with pytest.raises(ValueError, match="contract kind"):
            thresholds.category_for(buyer_kind="central", contract_kind="concession")
        with pytest.raises(ValueError, match="buyer kind"):
            thresholds.category_for(buyer_kind="utility", contract_kind="supplies_services")


class TestInForce:
    def test_both_ends_of_a_period_are_in_it(self) -> None:
        for day in (date(2024, 1, 1), date(2025, 12, 31)):
            found = thresholds.in_force(TABLE, category=C.OTHER_SUPPLIES_SERVICES, on=day)
            assert found.sek == 2_389_585

    def test_new_period_from_new_year(self) -> None:
        found = thresholds.in_force(TABLE, category=C.OTHER_SUPPLIES_SERVICES, on=date(2026, 1, 1))
        assert (found.eur, found.sek) == (216_000, None)

    def test_no_row_outside_the_table(self) -> None:
        assert thresholds.in_force(TABLE, category=C.WORKS, on=date(2023, 12, 31)) is None
        assert thresholds.in_force(TABLE, category=C.WORKS, on=date(2026, 1, 1)) is None

    def test_a_datetime_is_refused(self) -> None:
        with pytest.raises(TypeError):
            thresholds.in_force(TABLE, category=C.WORKS, on=datetime(2024, 5, 1, 12))

    def test_overlap_found_and_later_start_wins(self) -> None:
        late = row(C.WORKS, "2025-07-01", "2026-06-30", 1)
        assert thresholds.overlapping(TABLE, late) == [TABLE[3]]
        assert thresholds.in_force([*TABLE, late], category=C.WORKS, on=date(2025, 8, 1)) is late
        apart = row(C.WORKS, "2026-01-01", "2027-12-31", 1)
        assert thresholds.overlapping(TABLE, apart) == []


class TestCompare:
    def test_reaching_the_threshold_is_at_or_above(self) -> None:
        other = TABLE[0]
        assert thresholds.compare(2_389_585, other) == Comparison.AT_OR_ABOVE
        assert thresholds.compare(2_389_584, other) == Comparison.BELOW
        assert thresholds.compare(0, other) == Comparison.BELOW

    def test_missing_kronor_or_row_is_unknown(self) -> None:
        assert thresholds.compare(1, TABLE[1]) == Comparison.UNKNOWN
        assert thresholds.compare(1, None) == Comparison.UNKNOWN

    def test_negative_value_refused(self) -> None:
        with pytest.raises(ValueError):
            thresholds.compare(-1, TABLE[0])


class TestDirectAward:
    """LOU 19 a kap.: below 700 000 kr; social services below their threshold."""

    def test_fixed_limit_for_supplies_services_and_works(self) -> None:
        for kind in ("supplies_services", "works"):
            limit = thresholds.direct_award_limit(TABLE, contract_kind=kind, on=date(2025, 3, 1))
            assert limit.sek == 700_000
        limit = TABLE[5]
        assert thresholds.direct_award_allowed(699_999, limit)
        assert not thresholds.direct_award_allowed(700_000, limit)

    def test_social_services_up_to_their_threshold(self) -> None:
        limit = thresholds.direct_award_limit(
            TABLE, contract_kind="social_services", on=date(2025, 3, 1)
        )
        assert limit.category == C.SOCIAL_SERVICES
        assert thresholds.direct_award_allowed(8_109_449, limit)
        assert not thresholds.direct_award_allowed(8_109_450, limit)

    def test_unknown_limit_allows_nothing(self) -> None:
        assert not thresholds.direct_award_allowed(1, None)
        limit = thresholds.direct_award_limit(TABLE, contract_kind="works", on=date(2026, 3, 1))
        assert limit is None

    def test_documentation_from_100_000(self) -> None:
        """LOU 19 a kap. 11 §: documented when the value is at least 100 000 kr."""
        assert not thresholds.direct_award_documentation_required(99_999)
        assert thresholds.direct_award_documentation_required(100_000)


def test_rate_and_conversion() -> None:
    assert TABLE[0].rate == Decimal(2_389_585) / Decimal(221_000)
    assert TABLE[1].rate is None
    assert thresholds.sek_from_eur(143_000, Decimal("10.8126")) == 1_546_202
