"""Evaluation models for award decisions, in plain Python (no Django).

Three models on an absolute price scale (DESIGN §4.4):

* weighted points: quality scores 0–5 × weights, plus price points that fall linearly
  from full points at price 0 to zero at a published price ceiling;
* quality/price ratio: quality points per million SEK, highest wins;
* added value (mervärdesmodell): each quality criterion buys a deduction of up to a
  published amount, and the lowest comparison price wins.

Relative price scoring (lowest price ÷ price) is available only when asked for, and always
comes with a warning: under it one tender can reverse the order of two others. A price
floor above zero is refused (HFD 2022 ref. 41).

The package raises :class:`ModelError` and returns :class:`Notice` objects with a stable
``code`` and ``params`` so that callers can show them in the reader's language.
"""

from handslag.evaluation.award_models.config import (
    ADDED_VALUE,
    KINDS,
    PRICE,
    QUALITY,
    QUALITY_PRICE_RATIO,
    WEIGHTED_POINTS,
    CriterionSpec,
    ModelConfig,
    ModelError,
    Notice,
    TenderInput,
)
from handslag.evaluation.award_models.robustness import Margin, robustness
from handslag.evaluation.award_models.scoring import Evaluation, TenderResult, evaluate
from handslag.evaluation.award_models.simulate import Simulation, simulate

__all__ = [
    "ADDED_VALUE",
    "KINDS",
    "PRICE",
    "QUALITY",
    "QUALITY_PRICE_RATIO",
    "WEIGHTED_POINTS",
    "CriterionSpec",
    "Evaluation",
    "Margin",
    "ModelConfig",
    "ModelError",
    "Notice",
    "Simulation",
    "TenderInput",
    "TenderResult",
    "evaluate",
    "robustness",
    "simulate",
]
