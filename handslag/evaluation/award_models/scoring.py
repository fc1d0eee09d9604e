"""Ranking tenders under one evaluation model."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from handslag.evaluation.award_models.config import (
    ADDED_VALUE,
    MAX_SCORE,
    QUALITY_PRICE_RATIO,
    WEIGHTED_POINTS,
    ModelConfig,
    Notice,
    TenderInput,
    check_tender,
    validate,
)

CENT = Decimal("0.01")
MILLION = Decimal(1_000_000)


def _q(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class TenderResult:
    """One tender's result: its points (or ratio, or comparison price) and its rank."""

    name: str
    price: Decimal
    quality_points: Decimal
    value: Decimal
    complete: bool
    price_points: Decimal | None = None
    deduction: Decimal | None = None
    rank: int = 0
    position: int = 0


@dataclass
class Evaluation:
    """A ranking, best first, with the warnings that go with it."""

    kind: str
    results: list[TenderResult]
    notices: list[Notice] = field(default_factory=list)

    @property
    def higher_is_better(self) -> bool:
        return higher_is_better(self.kind)

    @property
    def winners(self) -> list[TenderResult]:
        return [r for r in self.results if r.rank == 1]

    def by_name(self) -> dict[str, TenderResult]:
        return {r.name: r for r in self.results}


def higher_is_better(kind: str) -> bool:
    return kind != ADDED_VALUE


def score_fraction(tender: TenderInput, key: str) -> Decimal:
    score = tender.scores.get(key)
    return Decimal(0) if score is None else Decimal(score) / MAX_SCORE


def price_fraction(config: ModelConfig, price: Decimal, lowest: Decimal) -> Decimal:
    """The share (0–1) of the price points a price earns.

    Absolute: linear from 1 at price 0 to 0 at the ceiling, so a lower price never earns
    less and no tender's price moves another's points. Relative: lowest ÷ price.
    """
    if config.relative_price:
        if price == 0:
            return Decimal(1)
        return lowest / price
    ceiling = config.price_ceiling or Decimal(0)
    if ceiling <= 0 or price >= ceiling:
        return Decimal(0)
    return (ceiling - price) / ceiling


def evaluate(config: ModelConfig, tenders: Sequence[TenderInput]) -> Evaluation:
    """Rank `tenders` under `config`; raises ModelError for an invalid model or tender."""
    validate(config)
    for tender in tenders:
        check_tender(config, tender)
    lowest = min((t.price for t in tenders), default=Decimal(0))
    results = []
    for position, tender in enumerate(tenders):
        complete = all(tender.scores.get(c.key) is not None for c in config.quality)
        quality = sum(
            (c.weight * score_fraction(tender, c.key) for c in config.quality), Decimal(0)
        )
        result = TenderResult(
            name=tender.name,
            price=tender.price,
            quality_points=_q(quality),
            value=Decimal(0),
            complete=complete,
            position=position,
        )
        if config.kind == WEIGHTED_POINTS:
            points = config.price_weight * price_fraction(config, tender.price, lowest)
            result.price_points = _q(points)
            result.value = _q(quality + points)
        elif config.kind == QUALITY_PRICE_RATIO:
            normalised = quality * 100 / config.quality_weight if config.quality_weight else quality
            result.quality_points = _q(normalised)
            result.value = _q(normalised * MILLION / tender.price)
        else:
            deduction = sum(
                (
                    (c.max_deduction or Decimal(0)) * score_fraction(tender, c.key)
                    for c in config.quality
                ),
                Decimal(0),
            )
            result.deduction = _q(deduction)
            result.value = _q(tender.price - deduction)
        results.append(result)
    rank_results(results, higher=higher_is_better(config.kind))
    return Evaluation(kind=config.kind, results=results, notices=notices_for(config, results))


def rank_results(results: list[TenderResult], *, higher: bool) -> None:
    """Sort best first (input order breaks ties for display); equal values share a rank."""
    results.sort(key=lambda r: (-r.value if higher else r.value, r.position))
    previous, rank = None, 0
    for place, result in enumerate(results, start=1):
        if result.value != previous:
            rank, previous = place, result.value
        result.rank = rank


def notices_for(config: ModelConfig, results: list[TenderResult]) -> list[Notice]:
    notices = []
    if config.relative_price:
        notices.append(
            Notice(
                "relative_price",
                "Relative price scoring: a tender's price points depend on the lowest price, "
                "so adding or removing one tender can reverse the order of two others.",
            )
        )
    if config.kind == WEIGHTED_POINTS and not config.relative_price and config.price_ceiling:
        for result in results:
            if result.price >= config.price_ceiling:
                notices.append(
                    Notice(
                        "above_ceiling",
                        "%(name)s is priced at or above the price ceiling and gets no price "
                        "points; price differences above the ceiling are worth nothing.",
                        {"name": result.name},
                    )
                )
    return notices
