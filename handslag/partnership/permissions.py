"""Who may see and change a partnership contract and its phases.

The buyer side builds on the project's rules (handslag.projects.permissions); the
supplier that signed a contract sees that contract and its phases, nothing else.
"""

from django.utils.translation import gettext as _

from handslag.accounts.models import User
from handslag.core.permissions import forbidden, not_found
from handslag.evaluation.models import Award
from handslag.partnership.models import Contract, Phase, PilotKpi
from handslag.projects.permissions import can_lead_project, can_manage_project, can_view_project


def is_contract_supplier(*, user: User, contract: Contract) -> bool:
    return user.is_authenticated and contract.supplier_id in user.supplier_organisation_ids


def can_view_contract(*, user: User, contract: Contract) -> bool:
    """The buyer's project team and staff, and the supplier that signed the contract."""
    if not user.is_authenticated:
        return False
    return is_contract_supplier(user=user, contract=contract) or can_view_project(
        user=user, project=contract.project
    )


def can_manage_contract(*, user: User, contract: Contract) -> bool:
    """Plan phases and milestones, start phases: the project lead and procurement officers."""
    return can_manage_project(user=user, project=contract.project)


def can_decide_phase(*, user: User, contract: Contract) -> bool:
    """Gate decisions at the end of a phase belong to the project lead alone."""
    return can_lead_project(user=user, project=contract.project)


def can_create_contract(*, user: User, award: Award) -> bool:
    return can_lead_project(user=user, project=award.call.project)


def access_contract(
    *, user: User, contract_id: int, manage: bool = False, decide: bool = False
) -> Contract:
    """The contract if the user may see it (404 otherwise); manage/decide add a 403 check."""
    contract = (
        Contract.objects.select_related("project", "supplier", "award", "award__call")
        .filter(pk=contract_id)
        .first()
    )
    if contract is None or not can_view_contract(user=user, contract=contract):
        raise not_found()
    if manage and not can_manage_contract(user=user, contract=contract):
        raise forbidden()
    if decide and not can_decide_phase(user=user, contract=contract):
        raise forbidden()
    return contract


def access_phase(*, user: User, phase_id: int, manage: bool = False, decide: bool = False) -> Phase:
    phase = Phase.objects.filter(pk=phase_id).only("pk", "contract_id").first()
    if phase is None:
        raise not_found()
    contract = access_contract(
        user=user, contract_id=phase.contract_id, manage=manage, decide=decide
    )
    phase = Phase.objects.get(pk=phase_id)
    phase.contract = contract
    return phase


def access_award_for_contract(*, user: User, award_id: int) -> Award:
    """The award a new contract is signed under: visible to the project, signed by its lead."""
    award = (
        Award.objects.select_related("call", "call__project", "tender", "tender__supplier")
        .filter(pk=award_id)
        .first()
    )
    if award is None or not can_view_project(user=user, project=award.call.project):
        raise not_found()
    if not can_create_contract(user=user, award=award):
        raise forbidden(_("Only the project lead may sign the partnership contract."))
    return award


def access_kpi(*, user: User, kpi_id: int, manage: bool = False) -> PilotKpi:
    """A pilot KPI through its contract: visible to whoever sees the contract."""
    kpi = PilotKpi.objects.filter(pk=kpi_id).only("pk", "contract_id").first()
    if kpi is None:
        raise not_found()
    contract = access_contract(user=user, contract_id=kpi.contract_id, manage=manage)
    kpi = PilotKpi.objects.get(pk=kpi_id)
    kpi.contract = contract
    return kpi
