"""The shapes of a model, its criteria and the tenders it ranks, and their validation."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

WEIGHTED_POINTS = "weighted_points"
QUALITY_PRICE_RATIO = "quality_price_ratio"
ADDED_VALUE = "added_value"
KINDS = (WEIGHTED_POINTS, QUALITY_PRICE_RATIO, ADDED_VALUE)

QUALITY = "quality"
PRICE = "price"
MAX_SCORE = 5


class ModelError(ValueError):
    """A model or a tender that cannot be evaluated; ``code`` says which rule it breaks."""

    def __init__(self, code: str, message: str, **params: Any) -> None:
        super().__init__(message % params if params else message)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Notice:
    """A warning about a result: ``code`` is stable, ``message`` is English."""

    code: str
    message: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CriterionSpec:
    """One award criterion as the models see it."""

    key: str
    name: str
    kind: str = QUALITY
    weight: Decimal = Decimal(0)
    max_deduction: Decimal | None = None


@dataclass(frozen=True)
class TenderInput:
    """A tender (real or fictive): its price and its score 0–5 per quality criterion key."""

    name: str
    price: Decimal
    scores: Mapping[str, int | Decimal | None] = field(default_factory=dict)


@dataclass(frozen=True)
class ModelConfig:
    """An evaluation model: its kind, its criteria and its price parameters."""

    kind: str
    criteria: tuple[CriterionSpec, ...]
    price_ceiling: Decimal | None = None
    relative_price: bool = False
    price_floor: Decimal | None = None

    @property
    def quality(self) -> tuple[CriterionSpec, ...]:
        return tuple(c for c in self.criteria if c.kind == QUALITY)

    @property
    def price_weight(self) -> Decimal:
        return sum((c.weight for c in self.criteria if c.kind == PRICE), Decimal(0))

    @property
    def quality_weight(self) -> Decimal:
        return sum((c.weight for c in self.quality), Decimal(0))

    @property
    def total_weight(self) -> Decimal:
        return sum((c.weight for c in self.criteria), Decimal(0))


def as_decimal(value: Any, *, what: str) -> Decimal:
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError, TypeError):
        raise ModelError("not_a_number", "%(what)s must be a number.", what=what) from None
    if not number.is_finite():
        raise ModelError("not_a_number", "%(what)s must be a number.", what=what)
    return number


def validate(config: ModelConfig) -> ModelConfig:
    """Return the config unchanged or raise ModelError saying what is wrong with it."""
    if config.kind not in KINDS:
        raise ModelError("unknown_kind", "Unknown evaluation model: %(kind)s.", kind=config.kind)
    if config.price_floor is not None and config.price_floor > 0:
        raise ModelError(
            "price_floor",
            "A price floor is not allowed: below it a lower price would be worth nothing, "
            "and a lower price must never be worthless (HFD 2022 ref. 41).",
        )
    if not config.criteria:
        raise ModelError("no_criteria", "The model needs at least one award criterion.")
    for criterion in config.criteria:
        if criterion.kind not in (QUALITY, PRICE):
            raise ModelError("unknown_criterion_kind", "Unknown kind of criterion.")
        if criterion.weight < 0:
            raise ModelError("negative_weight", "A weight cannot be negative.")
    if config.total_weight > 100:
        raise ModelError("weights_over_100", "The weights add up to more than 100.")
    if config.relative_price and config.kind != WEIGHTED_POINTS:
        raise ModelError(
            "relative_not_here", "Relative price scoring exists only for weighted points."
        )
    needs_ceiling = (
        config.kind == WEIGHTED_POINTS and config.price_weight > 0 and not config.relative_price
    )
    if needs_ceiling and (config.price_ceiling is None or config.price_ceiling <= 0):
        raise ModelError(
            "ceiling_required",
            "Weighted points need a published price ceiling above zero: the price at and "
            "above which a tender gets no price points.",
        )
    if config.kind in (QUALITY_PRICE_RATIO, ADDED_VALUE) and not config.quality:
        raise ModelError("quality_required", "This model needs at least one quality criterion.")
    if config.kind == ADDED_VALUE:
        for criterion in config.quality:
            if criterion.max_deduction is None or criterion.max_deduction < 0:
                raise ModelError(
                    "deduction_required",
                    "Give a maximum deduction in SEK (zero or more) for %(name)s.",
                    name=criterion.name,
                )
    return config


def check_tender(config: ModelConfig, tender: TenderInput) -> None:
    if tender.price < 0:
        raise ModelError(
            "negative_price", "A price cannot be negative (%(name)s).", name=tender.name
        )
    if config.kind == QUALITY_PRICE_RATIO and tender.price == 0:
        raise ModelError(
            "zero_price_ratio",
            "The quality/price ratio needs a price above zero (%(name)s).",
            name=tender.name,
        )
    for criterion in config.quality:
        score = tender.scores.get(criterion.key)
        if score is not None and not 0 <= Decimal(score) <= MAX_SCORE:
            raise ModelError(
                "score_out_of_range",
                "A score must be between 0 and 5 (%(name)s).",
                name=tender.name,
            )
