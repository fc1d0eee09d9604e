"""How far each weight (or maximum deduction) can move before the winner changes.

One criterion's share of the total moves from 0 to 100 %, the other criteria keep their
proportions to each other. Every tender's result is then linear in that share, so the
point where the winner stops being first is where two lines cross.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from handslag.evaluation.award_models.config import (
    ADDED_VALUE,
    QUALITY_PRICE_RATIO,
    WEIGHTED_POINTS,
    CriterionSpec,
    ModelConfig,
    TenderInput,
)
from handslag.evaluation.award_models.scoring import (
    MILLION,
    evaluate,
    price_fraction,
    score_fraction,
)


@dataclass(frozen=True)
class Margin:
    """For one criterion: its share now and the nearest shares (in %) at which the winner
    changes, downwards and upwards; None means never within 0–100 %."""

    key: str
    name: str
    share: Decimal
    lower: Decimal | None
    upper: Decimal | None

    @property
    def margin(self) -> Decimal | None:
        """The smallest move in percentage points that changes the winner, or None (never)."""
        moves = [abs(self.share - x) for x in (self.lower, self.upper) if x is not None]
        return min(moves) if moves else None


def _percent(share: float) -> Decimal:
    """A share (0–1) in percent with two decimals; never "-0.00"."""
    value = Decimal(f"{share * 100:.2f}")
    return value if value != 0 else Decimal("0.00")


def _components(config: ModelConfig) -> list[tuple[CriterionSpec, Decimal]]:
    """The criteria that can move, with their current size (weight or max deduction)."""
    if config.kind == WEIGHTED_POINTS:
        return [(c, c.weight) for c in config.criteria]
    if config.kind == QUALITY_PRICE_RATIO:
        return [(c, c.weight) for c in config.quality]
    return [(c, c.max_deduction or Decimal(0)) for c in config.quality]


def _unit(config: ModelConfig, c: CriterionSpec, t: TenderInput, lowest: Decimal) -> float:
    """The tender's result per unit of the whole (total weight or total deduction)."""
    if config.kind == WEIGHTED_POINTS:
        fraction = (
            price_fraction(config, t.price, lowest)
            if c.kind == "price"
            else score_fraction(t, c.key)
        )
        return float(fraction * 100)
    if config.kind == QUALITY_PRICE_RATIO:
        return float(score_fraction(t, c.key) * 100 * MILLION / t.price)
    return float(score_fraction(t, c.key))  # deduction per SEK of the total


def robustness(config: ModelConfig, tenders: Sequence[TenderInput]) -> list[Margin]:
    """One Margin per movable criterion, for the current winner."""
    evaluation = evaluate(config, tenders)
    if len(evaluation.results) < 2:
        return []
    sign = 1.0 if evaluation.higher_is_better else -1.0
    winner = next(t for t in tenders if t.name == evaluation.results[0].name)
    tied = len(evaluation.winners) > 1
    lowest = min(t.price for t in tenders)
    components = _components(config)
    total = float(sum((size for _, size in components), Decimal(0)))
    margins = []
    for criterion, size in components:
        s0 = float(size) / total if total else 0.0
        if tied:
            share = _percent(s0)
            margins.append(Margin(criterion.key, criterion.name, share, share, share))
            continue
        if total == 0 or s0 >= 1.0 or len(components) < 2:
            margins.append(Margin(criterion.key, criterion.name, _percent(s0), None, None))
            continue

        def value(
            t: TenderInput, s: float, criterion: CriterionSpec = criterion, s0: float = s0
        ) -> float:
            rest = sum(
                _unit(config, c, t, lowest) * float(sz) / total
                for c, sz in components
                if c.key != criterion.key
            )
            own = _unit(config, criterion, t, lowest)
            result = s * own + (1 - s) / (1 - s0) * rest
            if config.kind == ADDED_VALUE:
                result = float(t.price) - total * result
            return sign * result

        lower = upper = None
        for other in tenders:
            if other is winner:
                continue
            d0 = value(winner, 0.0) - value(other, 0.0)
            d1 = value(winner, 1.0) - value(other, 1.0)
            slope = d1 - d0
            if slope == 0:
                continue
            root = -d0 / slope
            if not 0.0 <= root <= 1.0:
                continue
            if root < s0 and (lower is None or root > lower):
                lower = root
            elif root > s0 and (upper is None or root < upper):
                upper = root

        def pct(x: float | None) -> Decimal | None:
            return None if x is None else _percent(x)

        margins.append(
            Margin(
                criterion.key,
                criterion.name,
                _percent(s0),
                pct(lower),
                pct(upper),
            )
        )
    return margins
