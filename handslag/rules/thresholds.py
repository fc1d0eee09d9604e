"""The EU thresholds and the direct-award limit of the Public Procurement Act, as dated data.

The European Commission revises the thresholds of directive 2014/24/EU every second year
by a delegated regulation (in euro), and publishes their value in kronor; a threshold is
therefore a row with a period of validity, a category, a value in euro and one in kronor,
and the source it was taken from. The rows themselves are data kept by the application
(Django admin, a management command); this module only answers questions about a list of
them, so it can be tested without a database:

* which row of a category is in force on a date (:func:`in_force`), and which category a
  buyer and a contract fall into (:func:`category_for`);
* whether an estimated value is at or above a threshold (:func:`compare`): a procurement
  whose value reaches the threshold follows the directive rules (LOU 5 kap.), one whose
  value is below it ("understiger") the national rules of LOU 19 kap.;
* whether direct award is allowed (:func:`direct_award_allowed`) and must be documented
  (:func:`direct_award_documentation_required`).

Direct award (LOU 19 a kap., since 1 February 2022, SFS 2021:1105) is allowed below a
fixed limit of 700 000 kronor for supplies, services and works, and for social and other
specific services (LOU bilaga 2) below the threshold for those services. Before 2022 the
limit was 28 % of the sub-central threshold; that rule no longer applies, so the limit is
a row of its own in the table, not a percentage computed here. A direct award of at least
100 000 kronor must be documented (LOU 19 a kap. 11 §).

Values are whole kronor and whole euro, excluding VAT. A row may lack its value in kronor
(the Commission has fixed the euro value, the value in kronor is not entered yet): then
:func:`compare` answers :data:`Comparison.UNKNOWN` and a caller applies the stricter
reading, the EU rules.

Nothing here imports Django.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

#: A direct award of this value or more is documented (LOU 19 a kap. 11 §).
DIRECT_AWARD_DOCUMENTATION_SEK = 100_000


class Category(StrEnum):
    """What a threshold applies to (LOU 5 kap.; the direct-award limit, LOU 19 a kap.)."""

    #: Supplies and services bought by central government authorities (bilaga 1 to
    #: directive 2014/24/EU; "statliga myndigheter").
    CENTRAL_SUPPLIES_SERVICES = "central_supplies_services"
    #: Supplies and services bought by other contracting authorities: municipalities,
    #: regions, their companies ("övriga upphandlande myndigheter").
    OTHER_SUPPLIES_SERVICES = "other_supplies_services"
    #: Works contracts, every contracting authority.
    WORKS = "works"
    #: Social and other specific services (LOU bilaga 2), every contracting authority.
    SOCIAL_SERVICES = "social_services"
    #: The direct-award limit for supplies, services and works (LOU 19 a kap.).
    DIRECT_AWARD = "direct_award"


BUYER_CENTRAL = "central"
BUYER_SUB_CENTRAL = "sub_central"
CONTRACT_SUPPLIES_SERVICES = "supplies_services"
CONTRACT_WORKS = "works"
CONTRACT_SOCIAL_SERVICES = "social_services"


class Comparison(StrEnum):
    AT_OR_ABOVE = "at_or_above"
    BELOW = "below"
    #: The row has no value in kronor: the value cannot be compared.
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Threshold:
    """One threshold for one period: from *valid_from* to *valid_to*, both days included."""

    category: Category
    valid_from: date
    valid_to: date
    sek: int | None
    eur: int | None
    source_title: str = ""
    source_url: str = ""

    def applies_on(self, day: date) -> bool:
        return self.valid_from <= day <= self.valid_to

    @property
    def rate(self) -> Decimal | None:
        """Kronor per euro that the row's two values imply, if it has both."""
        if not self.sek or not self.eur:
            return None
        return Decimal(self.sek) / Decimal(self.eur)


def _day(value: date) -> date:
    # A datetime is a date too; which day an instant falls on is the caller's to decide.
    if not isinstance(value, date) or hasattr(value, "hour"):
        raise TypeError("pass a datetime.date in Swedish local time, not a datetime")
    return value


def category_for(*, buyer_kind: str, contract_kind: str) -> Category:
    """The threshold category of a buyer and what it buys.

    Works and social services have one threshold for every contracting authority; supplies
    and services have a lower one for central government authorities.
    """
    if contract_kind == CONTRACT_WORKS:
        return Category.WORKS
    if contract_kind == CONTRACT_SOCIAL_SERVICES:
        return Category.SOCIAL_SERVICES
    if contract_kind != CONTRACT_SUPPLIES_SERVICES:
        raise ValueError(f"unknown contract kind {contract_kind!r}")
    if buyer_kind == BUYER_CENTRAL:
        return Category.CENTRAL_SUPPLIES_SERVICES
    if buyer_kind == BUYER_SUB_CENTRAL:
        return Category.OTHER_SUPPLIES_SERVICES
    raise ValueError(f"unknown buyer kind {buyer_kind!r}")


def in_force(rows: Iterable[Threshold], *, category: Category, on: date) -> Threshold | None:
    """The row of *category* whose period contains *on*, or None if no row does.

    Periods of one category must not overlap (the model refuses it); if they still do,
    the row that started last wins, as a later decision replaces an earlier one.
    """
    day = _day(on)
    matching = [r for r in rows if r.category == category and r.applies_on(day)]
    return max(matching, key=lambda r: r.valid_from, default=None)


def overlapping(rows: Iterable[Threshold], candidate: Threshold) -> list[Threshold]:
    """The rows of the candidate's category whose period shares a day with the candidate's."""
    return [
        r
        for r in rows
        if r.category == candidate.category
        and r.valid_from <= candidate.valid_to
        and candidate.valid_from <= r.valid_to
        and r is not candidate
    ]


def compare(value_sek: int, threshold: Threshold | None) -> Comparison:
    """Whether an estimated value (kronor, excluding VAT) reaches the threshold."""
    if value_sek < 0:
        raise ValueError("an estimated value is never negative")
    if threshold is None or threshold.sek is None:
        return Comparison.UNKNOWN
    return Comparison.AT_OR_ABOVE if value_sek >= threshold.sek else Comparison.BELOW


def direct_award_limit(
    rows: Iterable[Threshold], *, contract_kind: str, on: date
) -> Threshold | None:
    """The limit below which direct award is allowed (LOU 19 a kap.).

    For social and other specific services it is the threshold for those services; for
    everything else the fixed direct-award limit.
    """
    category = (
        Category.SOCIAL_SERVICES
        if contract_kind == CONTRACT_SOCIAL_SERVICES
        else Category.DIRECT_AWARD
    )
    return in_force(rows, category=category, on=on)


def direct_award_allowed(value_sek: int, limit: Threshold | None) -> bool:
    """Direct award is allowed only when the value is *below* the limit; an unknown limit
    allows nothing."""
    return compare(value_sek, limit) == Comparison.BELOW


def direct_award_documentation_required(value_sek: int) -> bool:
    """A direct award of at least 100 000 kronor is documented (LOU 19 a kap. 11 §)."""
    return value_sek >= DIRECT_AWARD_DOCUMENTATION_SEK


def sek_from_eur(eur: int, rate: Decimal) -> int:
    """Euro in whole kronor at *rate*, rounded half up, as the published values are."""
    return int((Decimal(eur) * rate).quantize(Decimal(1), rounding=ROUND_HALF_UP))
