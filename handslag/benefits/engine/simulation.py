"""Monte Carlo over the lines' triangular or beta-PERT ranges, vectorised and seeded."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .evaluation import _prepare
from .inputs import BenefitModel
from .parameters import DEFAULT_MONTE_CARLO_ITERATIONS, DEFAULT_SEED, PERT_LAMBDA
from .validation import (
    MAX_MONTE_CARLO_ITERATIONS,
    FloatArray,
    _whole,
)


@dataclass(frozen=True)
class MonteCarloResult:
    """Distribution of the NPV when every uncertain line is drawn from its range."""

    iterations: int
    seed: int
    deterministic_npv: float
    mean: float
    #: Sample standard deviation (ddof = 1).
    std: float
    p_npv_positive: float
    p10: float
    p50: float
    p90: float
    histogram_edges: tuple[float, ...]
    histogram_counts: tuple[int, ...]
    #: The NPV of every iteration, when asked for (``keep_samples=True``).
    samples: FloatArray | None = field(default=None, compare=False, repr=False)

    @property
    def standard_error(self) -> float:
        """Standard error of ``mean``: how far it may be from the true expected NPV."""
        return self.std / math.sqrt(self.iterations)


def monte_carlo(
    model: BenefitModel,
    iterations: int = DEFAULT_MONTE_CARLO_ITERATIONS.value,
    seed: int = DEFAULT_SEED.value,
    *,
    bins: int = 50,
    keep_samples: bool = False,
) -> MonteCarloResult:
    """Simulate the NPV by drawing each uncertain line's multiplier.

    Because a multiplier scales a whole line, the NPV of one iteration is
    ``certain part + Σ multiplier_i × PV_i``, where ``PV_i = values_i · discount
    factors``. The simulation therefore draws one matrix (iterations × uncertain lines)
    per distribution family and multiplies it with the vector of line present values:
    no Python loop over iterations and no iterations × years × lines array. Triangular
    lines are drawn first, then beta-PERT lines (lambda 4), both from one seeded
    ``numpy.random.Generator``, so a seed always gives the same numbers.
    """
    n = _whole(iterations, "The number of iterations", 2, MAX_MONTE_CARLO_ITERATIONS)
    seed_value = _whole(seed, "The seed", 0, 2**63 - 1)
    bin_count = _whole(bins, "The number of histogram bins", 1, 1000)
    prepared = _prepare(model)
    deterministic = float(prepared.unit_pv @ prepared.likely)

    triangular: list[int] = []
    pert: list[int] = []
    certain = np.ones(len(model.lines), dtype=bool)
    for index, line in enumerate(model.lines):
        u = line.uncertainty
        if u is None or u.is_degenerate:
            continue
        certain[index] = False
        (pert if u.distribution == "pert" else triangular).append(index)

    rng = np.random.default_rng(seed_value)
    samples = np.full(n, float(prepared.unit_pv[certain] @ prepared.likely[certain]))
    low, likely, high = (
        np.array([getattr(line.uncertainty, name, 1.0) for line in model.lines])
        for name in ("low", "likely", "high")
    )
    if triangular:
        idx = np.array(triangular)
        draws = rng.triangular(low[idx], likely[idx], high[idx], size=(n, len(idx)))
        samples += draws @ prepared.unit_pv[idx]
        del draws
    if pert:
        idx = np.array(pert)
        lam = PERT_LAMBDA.value
        width = high[idx] - low[idx]
        alpha = 1.0 + lam * (likely[idx] - low[idx]) / width
        beta = 1.0 + lam * (high[idx] - likely[idx]) / width
        # multiplier = low + width × Beta(alpha, beta), folded into the PV vector.
        draws = rng.beta(alpha, beta, size=(n, len(idx)))
        samples += draws @ (width * prepared.unit_pv[idx])
        samples += float(low[idx] @ prepared.unit_pv[idx])
        del draws

    counts, edges = np.histogram(samples, bins=bin_count)
    p10, p50, p90 = np.percentile(samples, [10.0, 50.0, 90.0])
    return MonteCarloResult(
        iterations=n,
        seed=seed_value,
        deterministic_npv=deterministic,
        mean=float(samples.mean()),
        std=float(samples.std(ddof=1)),
        p_npv_positive=float(np.count_nonzero(samples > 0.0) / n),
        p10=float(p10),
        p50=float(p50),
        p90=float(p90),
        histogram_edges=tuple(edges.tolist()),
        histogram_counts=tuple(int(c) for c in counts),
        samples=samples if keep_samples else None,
    )
