"""The categories a cost or benefit is counted under, shared by benefit models and pilots.

A benefit model's lines and a testbed pilot's KPIs must speak of the same categories:
the realised benefit of a pilot replaces the forecast's benefit lines *of the KPI's
category*, so a code that exists on one side only silently matches nothing. The codes
are stored in the database, so they never change; the labels are the English text the
Django apps translate (the msgid) and the Swedish text that translation gives, for
places that write Swedish without Django (and to check the catalogue against).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType


class BenefitCategory(StrEnum):
    """What a cost or benefit is about; the values are the stored codes."""

    INTERNAL_SAVINGS = "internal_savings"
    TIME = "time"
    TRANSPORT = "transport"
    WATER = "water"
    ENERGY = "energy"
    CO2 = "co2"
    SOCIAL = "social"
    INVESTMENT = "investment"
    OPERATION = "operation"
    MAINTENANCE = "maintenance"
    OTHER = "other"


@dataclass(frozen=True)
class CategoryLabel:
    """A category's name: *english* is the msgid the Django apps translate."""

    english: str
    swedish: str


#: The name of every category, in the order the categories are offered.
LABELS: Mapping[BenefitCategory, CategoryLabel] = MappingProxyType(
    {
        BenefitCategory.INTERNAL_SAVINGS: CategoryLabel("Internal savings", "Interna besparingar"),
        BenefitCategory.TIME: CategoryLabel("Time", "Tid"),
        BenefitCategory.TRANSPORT: CategoryLabel("Transport", "Transporter"),
        BenefitCategory.WATER: CategoryLabel("Water", "Vatten"),
        BenefitCategory.ENERGY: CategoryLabel("Energy", "Energi"),
        BenefitCategory.CO2: CategoryLabel("CO2", "Koldioxid"),
        BenefitCategory.SOCIAL: CategoryLabel("Social", "Social nytta"),
        BenefitCategory.INVESTMENT: CategoryLabel("Investment", "Investering"),
        BenefitCategory.OPERATION: CategoryLabel("Operation", "Drift"),
        BenefitCategory.MAINTENANCE: CategoryLabel("Maintenance", "Underhåll"),
        BenefitCategory.OTHER: CategoryLabel("Other", "Övrigt"),
    }
)

#: Categories only costs fall under: spending on the solution, not a change it brings.
COST_ONLY_CATEGORIES = frozenset(
    {BenefitCategory.INVESTMENT, BenefitCategory.OPERATION, BenefitCategory.MAINTENANCE}
)

#: Categories a pilot KPI's money value may count under: every category a benefit can
#: have, in the order of :class:`BenefitCategory`.
KPI_CATEGORIES: tuple[BenefitCategory, ...] = tuple(
    category for category in BenefitCategory if category not in COST_ONLY_CATEGORIES
)
