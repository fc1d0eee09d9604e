"""The audit actions of benefits: the names its services write to the audit log.

Named `<entity>.<verb>`; RENAMED keeps the names actions were stored under before
(handslag.audit.actions says why and reads them).
"""

from collections.abc import Mapping
from enum import StrEnum
from typing import Final


class BenefitsAction(StrEnum):
    # A benefit model (a forecast or an outturn) was started.
    BENEFIT_MODEL_CREATE = "benefit_model.create"
    # A benefit model's name, scenario or parameters were changed.
    BENEFIT_MODEL_UPDATE = "benefit_model.update"
    # The outturn model was made or remade from the pilot's measurements.
    BENEFIT_MODEL_OUTTURN_FROM_PILOT = "benefit_model.outturn_from_pilot"
    # A cost or benefit line was added to a model.
    BENEFIT_LINE_ADD = "benefit_line.add"
    # A cost or benefit line was changed.
    BENEFIT_LINE_UPDATE = "benefit_line.update"
    # A cost or benefit line was removed.
    BENEFIT_LINE_REMOVE = "benefit_line.remove"


# The name an action was stored under before -> its name now.
RENAMED: Final[Mapping[str, BenefitsAction]] = {
    "benefits.model_create": BenefitsAction.BENEFIT_MODEL_CREATE,
    "benefits.model_update": BenefitsAction.BENEFIT_MODEL_UPDATE,
    "benefits.outturn_from_pilot": BenefitsAction.BENEFIT_MODEL_OUTTURN_FROM_PILOT,
    "benefits.line_add": BenefitsAction.BENEFIT_LINE_ADD,
    "benefits.line_update": BenefitsAction.BENEFIT_LINE_UPDATE,
    "benefits.line_remove": BenefitsAction.BENEFIT_LINE_REMOVE,
}
