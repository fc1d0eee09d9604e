"""Evaluate a benefit model given as data (the stateless API and the model-file command).

The data is checked with the same rules as the forms (services.check_parameters and
check_line), then evaluated by the engine adapter; nothing is stored.
"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from handslag.benefits import services
from handslag.benefits.selectors import Figures, figures_from_inputs

MAX_LINES = 200


class PostedLine:
    """A validated line given as data, shaped like a stored one for the engine adapter."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        for key, value in data.items():
            setattr(self, key, value)


def figures_from_data(data: Mapping[str, Any], *, analysis: bool = False) -> Figures:
    """Check and evaluate ``{"discount_rate", "horizon_years", "lines": [...], ...}``."""
    if not isinstance(data, Mapping):
        raise ValidationError(_("The model must be a JSON object."))
    params = services.check_parameters(
        discount_rate=data.get("discount_rate", "0.035"),
        horizon_years=data.get("horizon_years", 10),
        price_base_year=data.get("price_base_year", 2024),
        optimism_bias=data.get("optimism_bias", 0),
        discount_schedule=data.get("discount_schedule", "constant"),
    )
    raw_lines = data.get("lines")
    if not isinstance(raw_lines, list) or not raw_lines:
        raise ValidationError({"lines": _("Add at least one cost and one benefit.")})
    if len(raw_lines) > MAX_LINES:
        raise ValidationError(
            {"lines": _("A model may have at most %(n)d lines.") % {"n": MAX_LINES}}
        )
    lines, errors = [], {}
    for index, line in enumerate(raw_lines):
        if not isinstance(line, Mapping):
            errors[f"lines[{index}]"] = [_("Each line must be a JSON object.")]
            continue
        try:
            fields = {key: line.get(key) for key in services.LINE_FIELDS}
            lines.append(services.check_line(horizon_years=params["horizon_years"], **fields))
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors[f"lines[{index}].{field}"] = messages
    if errors:
        raise ValidationError(errors)
    services.check_lines_unique(lines)
    figures = figures_from_inputs(
        discount_rate=params["discount_rate"],
        horizon_years=params["horizon_years"],
        lines=[PostedLine(line) for line in lines],
        optimism_bias=params["optimism_bias"],
        discount_schedule=params["discount_schedule"],
        analysis=analysis,
    )
    if not figures.available:
        raise ValidationError({"lines": figures.message or _("The model cannot be evaluated.")})
    return figures
