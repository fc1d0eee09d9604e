"""The audit actions of partnership: the names its services write to the audit log.

Named `<entity>.<verb>`; RENAMED keeps the names actions were stored under before
(handslag.audit.actions says why and reads them).
"""

from collections.abc import Mapping
from enum import StrEnum
from typing import Final


class PartnershipAction(StrEnum):
    # The signed partnership contract of an award was recorded.
    CONTRACT_CREATE = "contract.create"
    # An R&D phase was planned, with its target and payment instalment.
    PHASE_ADD = "phase.add"
    # The next planned phase was started.
    PHASE_START = "phase.start"
    # The gate at a phase's end decided: continue, terminate or reduce partners.
    PHASE_DECIDE = "phase.decide"
    # A dated milestone was added to a phase.
    MILESTONE_ADD = "milestone.add"
    # A milestone was reached.
    MILESTONE_COMPLETE = "milestone.complete"
    # A need's expected effect was taken up as a KPI measured in the pilot.
    PILOT_KPI_ADD = "pilot_kpi.add"
    # What a change of the KPI is worth was set (volume and unit value).
    PILOT_KPI_VALUE = "pilot_kpi.value"
    # One measured value of a KPI was recorded.
    MEASUREMENT_ADD = "measurement.add"
    # Measurements were imported from a file (all rows or none).
    MEASUREMENT_IMPORT = "measurement.import"
    # Another buyer started using the solution on the contract's terms.
    SOLUTION_MEMBER_JOIN = "solution_member.join"
    # An order against the agreed acquisition terms was recorded.
    ORDER_RECORD = "order.record"
    # A follow-up of the service against the maintenance terms was recorded.
    SERVICE_REVIEW_RECORD = "service_review.record"


# The name an action was stored under before -> its name now.
RENAMED: Final[Mapping[str, PartnershipAction]] = {
    "partnership.contract_create": PartnershipAction.CONTRACT_CREATE,
    "partnership.phase_add": PartnershipAction.PHASE_ADD,
    "partnership.phase_start": PartnershipAction.PHASE_START,
    "partnership.phase_decide": PartnershipAction.PHASE_DECIDE,
    "partnership.milestone_add": PartnershipAction.MILESTONE_ADD,
    "partnership.milestone_complete": PartnershipAction.MILESTONE_COMPLETE,
    "pilot.kpi_add": PartnershipAction.PILOT_KPI_ADD,
    "pilot.kpi_value": PartnershipAction.PILOT_KPI_VALUE,
    "pilot.measurement_add": PartnershipAction.MEASUREMENT_ADD,
    "pilot.measurements_import": PartnershipAction.MEASUREMENT_IMPORT,
    "partnership.solution_join": PartnershipAction.SOLUTION_MEMBER_JOIN,
    "partnership.order_record": PartnershipAction.ORDER_RECORD,
    "partnership.service_review": PartnershipAction.SERVICE_REVIEW_RECORD,
}
