"""Reads for the partnership: contract state, phases, and what a person should act on next."""

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from handslag.accounts.models import User
from handslag.accounts.roles import ProjectRole
from handslag.market.models import Call
from handslag.partnership.models import Contract, Phase, PhaseDecision, PhaseStatus
from handslag.projects.models import ProjectMember

#: How far ahead a phase's planned end makes its gate decision "upcoming".
DECISION_HORIZON_DAYS = 45
DASHBOARD_LIMIT = 25


def contracts_for_call(*, call: Call) -> QuerySet[Contract]:
    """Every partner's contract under one call (an innovation partnership may have several)."""
    return Contract.objects.filter(award__call=call).order_by("pk")


def contract_is_ended(*, contract: Contract) -> bool:
    """True once the partnership with this supplier was terminated or reduced away."""
    return contract.phases.filter(
        Q(status=PhaseStatus.TERMINATED)
        | Q(decision__in=[PhaseDecision.TERMINATE, PhaseDecision.REDUCE])
    ).exists()


def contract_state(*, contract: Contract, phases: list[Phase] | None = None) -> str:
    """One word for the contract's state: "ended", "running", "rd_completed" or "not_started"."""
    phases = list(contract.phases.all()) if phases is None else phases
    if any(
        p.status == PhaseStatus.TERMINATED
        or p.decision in (PhaseDecision.TERMINATE, PhaseDecision.REDUCE)
        for p in phases
    ):
        return "ended"
    if any(p.status == PhaseStatus.ACTIVE for p in phases):
        return "running"
    if phases and all(p.status == PhaseStatus.COMPLETED for p in phases):
        return "rd_completed"
    if any(p.status == PhaseStatus.COMPLETED for p in phases):
        return "running"
    return "not_started"


def next_startable_phase(*, contract: Contract, phases: list[Phase]) -> Phase | None:
    """The phase the buyer may start next, if the rules allow one now (ignoring the date)."""
    if contract_state(contract=contract, phases=phases) == "ended":
        return None
    if any(p.status == PhaseStatus.ACTIVE for p in phases):
        return None
    previous = None
    for phase in phases:
        if phase.status == PhaseStatus.PLANNED:
            if previous is None or (
                previous.status == PhaseStatus.COMPLETED
                and previous.decision == PhaseDecision.CONTINUE
            ):
                return phase
            return None
        previous = phase
    return None


def contract_for_award(*, award_id: int) -> Contract | None:
    return Contract.objects.filter(award_id=award_id).first()


def phase_list(*, contract: Contract) -> list[Phase]:
    return list(
        contract.phases.select_related("decided_by")
        .prefetch_related("milestones")
        .order_by("order")
    )


def _managed_project_ids(user: User) -> QuerySet:
    return ProjectMember.objects.filter(
        user=user, role__in=[ProjectRole.PROJECT_LEAD, ProjectRole.PROCUREMENT_OFFICER]
    ).values("project_id")


def dashboard_for(*, user: User, now: dt.datetime | None = None) -> dict[str, Any]:
    """What a person should see of the partnerships on their start page.

    Project leads and procurement officers: phases in progress in their projects and the
    gate decisions coming up (phases planned to end within DECISION_HORIZON_DAYS or
    already overdue). Suppliers: their own contracts and those contracts' phases.
    """
    result: dict[str, Any] = {
        "active_phases": [],
        "upcoming_decisions": [],
        "supplier_contracts": [],
    }
    if not user.is_authenticated:
        return result
    today = timezone.localdate(now or timezone.now())
    active = list(
        Phase.objects.filter(
            status=PhaseStatus.ACTIVE, contract__project_id__in=_managed_project_ids(user)
        )
        .select_related("contract__project", "contract__supplier")
        .order_by("planned_end", "pk")[:DASHBOARD_LIMIT]
    )
    result["active_phases"] = active
    horizon = today + dt.timedelta(days=DECISION_HORIZON_DAYS)
    result["upcoming_decisions"] = [
        {"phase": p, "due": p.planned_end, "overdue": p.planned_end < today}
        for p in active
        if p.planned_end <= horizon
    ]
    supplier_ids = user.supplier_organisation_ids
    if supplier_ids:
        contracts = list(
            Contract.objects.filter(supplier_id__in=supplier_ids)
            .select_related("project", "supplier")
            .prefetch_related("phases")
            .order_by("-signed_on", "pk")[:DASHBOARD_LIMIT]
        )
        result["supplier_contracts"] = [
            {
                "contract": c,
                "phases": list(c.phases.all()),
                "state": contract_state(contract=c, phases=list(c.phases.all())),
            }
            for c in contracts
        ]
    return result
