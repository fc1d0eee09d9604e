"""One-at-a-time sensitivity (tornado), switching values and critical variables."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .evaluation import _prepare
from .inputs import BenefitModel, CashFlowLine
from .parameters import DEFAULT_SENSITIVITY_DELTA
from .validation import (
    BenefitInputError,
    Kind,
    _real,
)


@dataclass(frozen=True)
class SensitivityRow:
    """NPV when one line alone moves to its low and high multiplier (one tornado bar)."""

    name: str
    category: str
    kind: Kind
    low_multiplier: float
    high_multiplier: float
    npv_low: float
    npv_high: float
    #: True when the multipliers are the line's own low/high, False when ±delta.
    from_range: bool

    @property
    def swing(self) -> float:
        """Width of the bar: how far this line alone can move the NPV."""
        return abs(self.npv_high - self.npv_low)


@dataclass(frozen=True)
class SensitivityResult:
    """Tornado-chart data: rows sorted by swing, widest first."""

    base_npv: float
    delta: float
    rows: tuple[SensitivityRow, ...]


def sensitivity(
    model: BenefitModel, delta: float = DEFAULT_SENSITIVITY_DELTA.value
) -> SensitivityResult:
    """One-at-a-time sensitivity: each line at its low and high, the others at likely.

    A line with an :class:`Uncertainty` range uses its own low and high multipliers;
    any other line moves by ±``delta`` (0.10 = ±10 %). The NPV is linear in each line,
    so the figures are exact, not approximations.
    """
    step = _real(delta, "The sensitivity step")
    if not 0.0 < step <= 1.0:
        raise BenefitInputError(
            f"The sensitivity step must be a fraction above 0 and at most 1 (0.1 for 10 %), "
            f"not {step}."
        )
    prepared = _prepare(model)
    base = float(prepared.unit_pv @ prepared.likely)
    rows = []
    for line, unit_pv, likely in zip(
        model.lines, prepared.unit_pv.tolist(), prepared.likely.tolist(), strict=True
    ):
        u = line.uncertainty
        low, high = (1.0 - step, 1.0 + step) if u is None else (u.low, u.high)
        rows.append(
            SensitivityRow(
                name=line.name,
                category=line.category,
                kind=line.kind,
                low_multiplier=low,
                high_multiplier=high,
                npv_low=base + (low - likely) * unit_pv,
                npv_high=base + (high - likely) * unit_pv,
                from_range=u is not None,
            )
        )
    rows.sort(key=lambda row: (-row.swing, row.name))
    return SensitivityResult(base_npv=base, delta=step, rows=tuple(rows))


def switching_value(model: BenefitModel, line: str | CashFlowLine) -> float | None:
    """Multiplier of the line's values at which the NPV becomes exactly zero.

    A switching value of 0.7 for a benefit means "the decision flips if this benefit
    turns out 30 % smaller than stated". Returns None when the line cannot bring the NPV
    to zero: its present value is zero, or it would need a negative multiplier (the
    line would have to change from cost to benefit or back). The multiplier applies to
    the stated values, the same base as :class:`Uncertainty`.
    """
    name = line.name if isinstance(line, CashFlowLine) else line
    target = model.line(name)
    index = model.lines.index(target)
    prepared = _prepare(model)
    base = float(prepared.unit_pv @ prepared.likely)
    unit_pv = float(prepared.unit_pv[index])
    scale = max(float(np.max(np.abs(prepared.unit_pv))), 1.0)
    if abs(unit_pv) <= 1e-12 * scale:
        return None
    multiplier = float(prepared.likely[index]) - base / unit_pv
    return multiplier if multiplier >= 0.0 else None


@dataclass(frozen=True)
class CriticalVariable:
    """A line whose relative change moves the NPV by a larger relative change."""

    name: str
    category: str
    kind: Kind
    #: Percent change of NPV per percent change of the line (±inf when NPV is zero).
    elasticity: float


def critical_variables(model: BenefitModel, threshold: float = 1.0) -> tuple[CriticalVariable, ...]:
    """Lines where a 1 % change moves the NPV by more than ``threshold`` %.

    The elasticity of NPV to line ``i`` is ``PV_i / NPV`` (signed), since the NPV is
    linear in every line. When the NPV is zero any line with a present value is
    critical (elasticity ±inf). Sorted by absolute elasticity, largest first.
    """
    limit = _real(threshold, "The threshold")
    prepared = _prepare(model)
    contributions = prepared.unit_pv * prepared.likely
    base = float(contributions.sum())
    found = []
    for line, contribution in zip(model.lines, contributions.tolist(), strict=True):
        if contribution == 0.0:
            continue
        elasticity = contribution / base if base != 0.0 else math.copysign(math.inf, contribution)
        if abs(elasticity) > limit:
            found.append(CriticalVariable(line.name, line.category, line.kind, elasticity))
    found.sort(key=lambda item: (-abs(item.elasticity), item.name))
    return tuple(found)
