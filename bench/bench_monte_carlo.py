"""Benchmark: Monte Carlo of the benefit engine against bare numpy doing the same sums.

Runs 100 000 iterations × 30-year horizon × 30 uncertain lines (half triangular, half
beta-PERT) through ``handslag.benefits.engine.monte_carlo`` and through a direct numpy
computation that draws the same random numbers, builds every iteration's yearly net
flows (iterations × years) and discounts them. It prints wall time (best of several
runs) and peak traced memory (tracemalloc) for both, their ratio, and the largest
difference between the two NPV samples, then exits.

Usage, from the repository root::

    .venv/bin/python bench/bench_monte_carlo.py [--iterations N] [--repeat R]
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import numpy as np

if TYPE_CHECKING:
    from handslag.benefits.engine import BenefitModel

T = TypeVar("T")

ROOT = Path(__file__).resolve().parents[1]
YEARS = 30
LINES = 30
SEED = 20_140_226


def build_model() -> BenefitModel:
    from handslag.benefits import engine

    lines = []
    for i in range(LINES):
        # Every third line is a cost, sized so that P(NPV > 0) is neither 0 nor 1.
        kind = "cost" if i % 3 == 0 else "benefit"
        size = 1.8 if kind == "cost" else 1.0
        values = tuple(size * (1_000 + 37 * i + 11 * year) for year in range(YEARS))
        uncertainty = engine.Uncertainty(
            low=0.7 + 0.005 * i,
            likely=1.0,
            high=1.2 + 0.01 * i,
            distribution="triangular" if i % 2 == 0 else "pert",
        )
        lines.append(
            engine.CashFlowLine(f"Line {i}", "other", kind, values, uncertainty=uncertainty)
        )
    return engine.BenefitModel(tuple(lines), horizon=YEARS, optimism_bias=0.1)


def bare_numpy(model: BenefitModel, iterations: int, seed: int) -> np.ndarray:
    """The same NPVs the plain way: multipliers → yearly flows → discounted sum."""
    from handslag.benefits import engine

    factors = engine.discount_factors(model.discount, model.years)
    signs = np.array([1.0 if line.kind == "benefit" else -1.0 for line in model.lines])
    uplift = np.where(signs < 0, 1.0 + model.optimism_bias, 1.0)
    values = np.array([line.values for line in model.lines]) * (signs * uplift)[:, None]
    low = np.array([line.uncertainty.low for line in model.lines])
    mode = np.array([line.uncertainty.likely for line in model.lines])
    high = np.array([line.uncertainty.high for line in model.lines])
    tri = [i for i, line in enumerate(model.lines) if line.uncertainty.distribution == "triangular"]
    pert = [i for i, line in enumerate(model.lines) if line.uncertainty.distribution == "pert"]

    rng = np.random.default_rng(seed)
    multipliers = np.empty((iterations, len(model.lines)))
    multipliers[:, tri] = rng.triangular(
        low[tri], mode[tri], high[tri], size=(iterations, len(tri))
    )
    width = high[pert] - low[pert]
    alpha = 1.0 + 4.0 * (mode[pert] - low[pert]) / width
    beta = 1.0 + 4.0 * (high[pert] - mode[pert]) / width
    multipliers[:, pert] = low[pert] + width * rng.beta(alpha, beta, size=(iterations, len(pert)))
    yearly_net_flows = multipliers @ values  # iterations × years
    return yearly_net_flows @ factors


def measure(run: Callable[[], T], repeat: int) -> tuple[float, int, T]:
    """Best wall time of ``repeat`` untraced runs after a warm-up, then one traced run's peak."""
    best = float("inf")
    result = run()
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    tracemalloc.start()
    try:
        run()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return best, peak, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from handslag.benefits import engine

    model = build_model()

    engine_time, engine_peak, engine_result = measure(
        lambda: engine.monte_carlo(model, iterations=args.iterations, seed=SEED, keep_samples=True),
        args.repeat,
    )
    bare_time, bare_peak, bare_samples = measure(
        lambda: bare_numpy(model, args.iterations, SEED), args.repeat
    )
    samples = engine_result.samples
    assert samples is not None
    difference = float(np.max(np.abs(samples - bare_samples)))
    scale = float(np.max(np.abs(bare_samples)))

    mib = 1024 * 1024
    print(
        f"Monte Carlo: {args.iterations:,} iterations × {YEARS} years × {LINES} uncertain "
        f"lines (best of {args.repeat})"
    )
    print(f"  engine.monte_carlo : {engine_time:8.3f} s   peak {engine_peak / mib:8.1f} MiB")
    print(f"  bare numpy         : {bare_time:8.3f} s   peak {bare_peak / mib:8.1f} MiB")
    print(
        f"  ratio engine/bare  : {engine_time / bare_time:8.2f} × time   "
        f"{engine_peak / bare_peak:8.2f} × memory"
    )
    print(
        f"  a 3-D iterations × years × lines float64 array would need "
        f"{args.iterations * YEARS * LINES * 8 / mib:,.0f} MiB"
    )
    print(f"  largest NPV difference: {difference:.3g} (relative {difference / scale:.2g})")
    print(f"  mean NPV {engine_result.mean:,.0f}, P(NPV>0) {engine_result.p_npv_positive:.3f}")
    return 0 if difference <= 1e-9 * scale else 1


if __name__ == "__main__":
    raise SystemExit(main())
