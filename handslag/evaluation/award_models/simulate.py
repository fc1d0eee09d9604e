"""The simulator: rank fictive tenders and look for rank reversals.

A rank reversal is found by removing each tender in turn, and by adding a probe tender
(half the lowest price, no quality), and checking whether any two other tenders swap
places. Under the absolute models a tender's result depends on nothing but itself, so a
reversal is impossible; under relative price scoring it is not.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations

from handslag.evaluation.award_models.config import ModelConfig, Notice, TenderInput
from handslag.evaluation.award_models.scoring import Evaluation, evaluate, higher_is_better

PROBE_NAME = "\u2063probe"  # cannot clash with a name someone types


@dataclass
class Simulation:
    evaluation: Evaluation
    notices: list[Notice] = field(default_factory=list)


def _order(evaluation: Evaluation) -> dict[tuple[str, str], int]:
    """For every pair of tenders (a, b): 1 if a is better, -1 if b is, 0 if equal."""
    values = {r.name: r.value for r in evaluation.results}
    sign = 1 if higher_is_better(evaluation.kind) else -1
    order = {}
    for a, b in combinations(sorted(values), 2):
        difference = (values[a] - values[b]) * sign
        order[(a, b)] = (difference > 0) - (difference < 0)
    return order


def _reversals(
    base: dict[tuple[str, str], int], other: dict[tuple[str, str], int]
) -> list[tuple[str, str]]:
    return [pair for pair, was in base.items() if pair in other and other[pair] * was < 0]


def simulate(config: ModelConfig, tenders: Sequence[TenderInput]) -> Simulation:
    """Rank `tenders` and warn about rank reversals and worthless price differences."""
    evaluation = evaluate(config, tenders)
    notices = list(evaluation.notices)
    base = _order(evaluation)
    seen: set[tuple[str, str]] = set()
    for removed in tenders:
        rest = [t for t in tenders if t is not removed]
        for a, b in _reversals(base, _order(evaluate(config, rest))):
            if (a, b) not in seen:
                seen.add((a, b))
                notices.append(
                    Notice(
                        "rank_reversal_removed",
                        "Without %(removed)s, %(a)s and %(b)s change places.",
                        {"removed": removed.name, "a": a, "b": b},
                    )
                )
    if tenders:
        lowest = min(t.price for t in tenders)
        probe_price = (lowest / 2).quantize(Decimal("0.01")) if lowest > 1 else Decimal("0.50")
        probe = TenderInput(name=PROBE_NAME, price=probe_price, scores={})
        added = _order(evaluate(config, [*tenders, probe]))
        for a, b in _reversals(base, added):
            if (a, b) not in seen:
                seen.add((a, b))
                notices.append(
                    Notice(
                        "rank_reversal_added",
                        "A new tender at %(price)s SEK would make %(a)s and %(b)s change places.",
                        {"price": probe_price, "a": a, "b": b},
                    )
                )
    return Simulation(evaluation=evaluation, notices=notices)
