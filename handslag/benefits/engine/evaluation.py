"""Deterministic evaluation of a model at its likely values: NPV, ratios, IRR, payback."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .discounting import _factors, _payback_year, irr_detail
from .inputs import BenefitModel
from .validation import (
    FloatArray,
    Kind,
)


@dataclass(frozen=True)
class _Prepared:
    """Arrays shared by every analysis of one model (internal)."""

    factors: FloatArray  # (years,)
    #: Signed present value of each line's *stated* values (multiplier 1), with
    #: optimism bias applied to costs: the NPV is linear in these.
    unit_pv: FloatArray  # (lines,)
    likely: FloatArray  # (lines,)
    #: Signed yearly amounts at the likely multiplier, optimism bias included.
    flows: FloatArray  # (lines, years)


def _prepare(model: BenefitModel) -> _Prepared:
    factors = _factors(model.discount, model.years)
    signs = np.array([line.sign for line in model.lines])
    uplift = np.where(signs < 0, 1.0 + model.optimism_bias, 1.0)
    stated = np.array([line.values for line in model.lines], dtype=float)
    unit = stated * (signs * uplift)[:, None]
    likely = np.array([line.likely_multiplier for line in model.lines])
    return _Prepared(
        factors=factors,
        unit_pv=unit @ factors,
        likely=likely,
        flows=unit * likely[:, None],
    )


# ---------------------------------------------------------------------------------------
# Deterministic evaluation
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinePresentValue:
    """Present value of one line, as a positive amount (its kind gives the sign)."""

    name: str
    category: str
    kind: Kind
    present_value: float

    @property
    def signed(self) -> float:
        """Contribution to NPV: negative for costs."""
        return self.present_value if self.kind == "benefit" else -self.present_value


@dataclass(frozen=True)
class Result:
    """Deterministic cost-benefit indicators of a model (at the likely values)."""

    pv_benefits: float
    pv_costs: float
    npv: float
    #: Benefit-cost ratio PV(benefits) / PV(costs); None when there are no costs.
    bcr: float | None
    #: Net present value ratio NPV / PV(costs); None when there are no costs.
    npv_ratio: float | None
    irr: float | None
    #: Why ``irr`` is None (English, one of the IRR_NOTE_* constants), else None.
    irr_note: str | None
    #: First year from which the cumulative net flow stays ≥ 0; None if never.
    simple_payback_year: int | None
    #: The same on discounted flows; None if never within the horizon.
    discounted_payback_year: int | None
    annual_net_flows: tuple[float, ...]
    annual_discounted_net_flows: tuple[float, ...]
    discount_factors: tuple[float, ...]
    line_present_values: tuple[LinePresentValue, ...]


def present_values(model: BenefitModel) -> tuple[LinePresentValue, ...]:
    """Present value of each line at its likely values, in the model's order."""
    prepared = _prepare(model)
    return tuple(
        LinePresentValue(
            name=line.name,
            category=line.category,
            kind=line.kind,
            present_value=abs(unit_pv) * likely,
        )
        for line, unit_pv, likely in zip(
            model.lines, prepared.unit_pv.tolist(), prepared.likely.tolist(), strict=True
        )
    )


def evaluate(model: BenefitModel) -> Result:
    """NPV, benefit-cost ratio, NPV ratio, IRR and payback of a model at likely values."""
    prepared = _prepare(model)
    line_pvs = present_values(model)
    pv_benefits = math.fsum(lp.present_value for lp in line_pvs if lp.kind == "benefit")
    pv_costs = math.fsum(lp.present_value for lp in line_pvs if lp.kind == "cost")
    net = prepared.flows.sum(axis=0)
    discounted = net * prepared.factors
    value = pv_benefits - pv_costs
    irr_result = irr_detail(net.tolist())
    return Result(
        pv_benefits=pv_benefits,
        pv_costs=pv_costs,
        npv=value,
        bcr=pv_benefits / pv_costs if pv_costs > 0 else None,
        npv_ratio=value / pv_costs if pv_costs > 0 else None,
        irr=irr_result.value,
        irr_note=irr_result.note,
        simple_payback_year=_payback_year(net),
        discounted_payback_year=_payback_year(discounted),
        annual_net_flows=tuple(net.tolist()),
        annual_discounted_net_flows=tuple(discounted.tolist()),
        discount_factors=tuple(prepared.factors.tolist()),
        line_present_values=line_pvs,
    )
