"""JSON API for partnership contracts and phases (mounted at /api/v1/partnership/).

The operations call the same permissions and services as the pages.
"""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Router
from ninja.files import UploadedFile

from handslag.accounts.models import Organisation
from handslag.partnership import acquisition, pilots, services
from handslag.partnership.models import Contract, Phase, PilotKpi, SolutionMember
from handslag.partnership.permissions import (
    access_award_for_contract,
    access_contract,
    access_kpi,
    access_phase,
)
from handslag.partnership.schemas import (
    AcquisitionOut,
    ContractIn,
    ContractOut,
    DashboardOut,
    DecisionIn,
    ImportOut,
    JoinIn,
    KpiDetailOut,
    KpiIn,
    KpiOut,
    KpiValueIn,
    MeasurementIn,
    MeasurementOut,
    MemberOut,
    OrderIn,
    OrderOut,
    PhaseIn,
    PhaseOut,
    ReviewIn,
    ReviewOut,
)
from handslag.partnership.selectors.contracts import contract_state, dashboard_for, phase_list
from handslag.partnership.selectors.pilots import (
    effect_candidates,
    kpi_list,
    kpi_periods,
    kpi_status,
)

router = Router(tags=["partnership"])


def _contract_out(contract: Contract) -> dict:
    phases = phase_list(contract=contract)
    return {
        "id": contract.pk,
        "award_id": contract.award_id,
        "project_id": contract.project_id,
        "supplier_id": contract.supplier_id,
        "supplier": contract.supplier.name,
        "signed_on": contract.signed_on,
        "ip_model": contract.ip_model,
        "ip_terms": contract.ip_terms,
        "risk_model": contract.risk_model,
        "risk_sharing": contract.risk_sharing,
        "acquisition_terms": contract.acquisition_terms,
        "maintenance_terms": contract.maintenance_terms,
        "state": contract_state(contract=contract, phases=phases),
        "phases": phases,
    }


@router.get("/dashboard", response=DashboardOut, summary="Phases and decisions to act on")
def dashboard(request: HttpRequest) -> dict:
    data = dashboard_for(user=request.user)

    def row(phase: Phase, overdue: bool = False) -> dict:
        return {
            "phase_id": phase.pk,
            "contract_id": phase.contract_id,
            "project": phase.contract.project.title,
            "name": phase.name,
            "planned_end": phase.planned_end,
            "overdue": overdue,
        }

    return {
        "active_phases": [row(p) for p in data["active_phases"]],
        "upcoming_decisions": [row(d["phase"], d["overdue"]) for d in data["upcoming_decisions"]],
        "supplier_contracts": [_contract_out(i["contract"]) for i in data["supplier_contracts"]],
    }


@router.post("/contracts", response={201: ContractOut}, summary="Record a signed contract")
def contract_create(request: HttpRequest, payload: ContractIn) -> tuple[int, dict]:
    award = access_award_for_contract(user=request.user, award_id=payload.award_id)
    data = payload.dict()
    data.pop("award_id")
    contract = services.contract_create(actor=request.user, award=award, **data)
    return 201, _contract_out(contract)


@router.get("/contracts/{contract_id}", response=ContractOut, summary="A contract and its phases")
def contract_get(request: HttpRequest, contract_id: int) -> dict:
    return _contract_out(access_contract(user=request.user, contract_id=contract_id))


@router.get(
    "/contracts/{contract_id}/phases", response=list[PhaseOut], summary="A contract's phases"
)
def phase_list_get(request: HttpRequest, contract_id: int) -> list[Phase]:
    contract = access_contract(user=request.user, contract_id=contract_id)
    return phase_list(contract=contract)


@router.post("/contracts/{contract_id}/phases", response={201: PhaseOut}, summary="Plan a phase")
def phase_add(request: HttpRequest, contract_id: int, payload: PhaseIn) -> tuple[int, Phase]:
    contract = access_contract(user=request.user, contract_id=contract_id, manage=True)
    phase = services.phase_add(actor=request.user, contract=contract, **payload.dict())
    return 201, phase


@router.post("/phases/{phase_id}/start", response=PhaseOut, summary="Start the next phase")
def phase_start(request: HttpRequest, phase_id: int) -> Phase:
    phase = access_phase(user=request.user, phase_id=phase_id, manage=True)
    return services.phase_start(actor=request.user, phase=phase)


@router.post("/phases/{phase_id}/decide", response=PhaseOut, summary="Gate decision after a phase")
def phase_decide(request: HttpRequest, phase_id: int, payload: DecisionIn) -> Phase:
    phase = access_phase(user=request.user, phase_id=phase_id, decide=True)
    return services.phase_decide(actor=request.user, phase=phase, **payload.dict())


# ---------------------------------------------------------------------------------------
# Testbed pilot
# ---------------------------------------------------------------------------------------


def _kpi_out(kpi: PilotKpi, measurements: bool = False) -> dict:
    status = kpi_status(kpi=kpi)
    data = {
        "id": kpi.pk,
        "contract_id": kpi.contract_id,
        "effect_id": kpi.effect_id,
        "indicator": kpi.indicator,
        "unit": kpi.unit,
        "baseline": kpi.baseline,
        "target": kpi.target,
        "category": kpi.category,
        "volume": kpi.volume,
        "unit_value": kpi.unit_value,
        "unit_value_source": kpi.unit_value_source,
        "latest_value": status.latest.value if status.latest else None,
        "progress": status.progress,
        "periods": [vars(p) for p in kpi_periods(kpi=kpi)],
    }
    if measurements:
        data["measurements"] = list(kpi.measurements.order_by("measured_on"))
    return data


@router.get(
    "/contracts/{contract_id}/kpis", response=list[KpiOut], summary="The pilot's KPIs with status"
)
def kpi_list_api(request: HttpRequest, contract_id: int) -> list[dict]:
    contract = access_contract(user=request.user, contract_id=contract_id)
    return [_kpi_out(kpi) for kpi in kpi_list(contract=contract)]


@router.post(
    "/contracts/{contract_id}/kpis",
    response={201: KpiOut},
    summary="Measure one of the need's expected effects in the pilot",
)
def kpi_add_api(request: HttpRequest, contract_id: int, payload: KpiIn) -> tuple[int, dict]:
    contract = access_contract(user=request.user, contract_id=contract_id, manage=True)
    effect = effect_candidates(contract=contract).filter(pk=payload.effect_id).first()
    if effect is None:
        raise ValidationError(
            {"effect_id": _("Choose an expected effect of the project that is not measured yet.")}
        )
    data = payload.dict()
    data.pop("effect_id")
    kpi = pilots.kpi_add_from_effect(actor=request.user, contract=contract, effect=effect, **data)
    return 201, _kpi_out(kpi)


@router.get("/kpis/{kpi_id}", response=KpiDetailOut, summary="A KPI with its measurements")
def kpi_get_api(request: HttpRequest, kpi_id: int) -> dict:
    return _kpi_out(access_kpi(user=request.user, kpi_id=kpi_id), measurements=True)


@router.put("/kpis/{kpi_id}/value", response=KpiOut, summary="What a change of the KPI is worth")
def kpi_value_api(request: HttpRequest, kpi_id: int, payload: KpiValueIn) -> dict:
    kpi = access_kpi(user=request.user, kpi_id=kpi_id, manage=True)
    kpi = pilots.kpi_update_valuation(actor=request.user, kpi=kpi, **payload.dict())
    return _kpi_out(kpi)


@router.post(
    "/kpis/{kpi_id}/measurements", response={201: MeasurementOut}, summary="Record a measurement"
)
def measurement_add_api(request: HttpRequest, kpi_id: int, payload: MeasurementIn) -> tuple:
    kpi = access_kpi(user=request.user, kpi_id=kpi_id, manage=True)
    return 201, pilots.measurement_add(actor=request.user, kpi=kpi, **payload.dict())


@router.post(
    "/contracts/{contract_id}/measurements/import",
    response=ImportOut,
    summary="Import measurements from a CSV or XLSX file (all rows or none)",
)
def measurement_import_api(
    request: HttpRequest,
    contract_id: int,
    file: UploadedFile = File(...),  # noqa: B008
) -> dict:
    contract = access_contract(user=request.user, contract_id=contract_id, manage=True)
    count = pilots.measurements_import(
        actor=request.user, contract=contract, content=file.read(pilots.MAX_IMPORT_BYTES + 1)
    )
    return {"imported": count}


# ---------------------------------------------------------------------------------------
# Acquisition and maintenance
# ---------------------------------------------------------------------------------------


def _member_out(member: SolutionMember) -> dict:
    return {
        "organisation_id": member.organisation_id,
        "organisation": member.organisation.name,
        "joined_on": member.joined_on,
    }


def _organisation(organisation_id: int) -> Organisation:
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise ValidationError({"organisation_id": _("No such organisation.")})
    return organisation


@router.get(
    "/contracts/{contract_id}/acquisition",
    response=AcquisitionOut,
    summary="Acquisition and maintenance: members, orders (latest 100), service reviews",
)
def acquisition_get(request: HttpRequest, contract_id: int) -> dict:
    contract = access_contract(user=request.user, contract_id=contract_id)
    return {
        "in_stage": acquisition.in_acquisition_stage(contract=contract),
        "acquisition_terms": contract.acquisition_terms,
        "maintenance_terms": contract.maintenance_terms,
        "members": [_member_out(m) for m in contract.members.select_related("organisation")],
        "orders": list(contract.orders.all()[:100]),
        "reviews": list(contract.reviews.all()[:100]),
    }


@router.post(
    "/contracts/{contract_id}/members", response={201: MemberOut}, summary="An organisation joins"
)
def acquisition_join(request: HttpRequest, contract_id: int, payload: JoinIn) -> tuple:
    contract = access_contract(user=request.user, contract_id=contract_id, manage=True)
    member = acquisition.solution_join(
        actor=request.user,
        contract=contract,
        organisation=_organisation(payload.organisation_id),
        joined_on=payload.joined_on,
    )
    return 201, _member_out(member)


@router.post("/contracts/{contract_id}/orders", response={201: OrderOut}, summary="Record an order")
def acquisition_order(request: HttpRequest, contract_id: int, payload: OrderIn) -> tuple:
    contract = access_contract(user=request.user, contract_id=contract_id, manage=True)
    data = payload.dict()
    organisation = _organisation(data.pop("organisation_id"))
    order = acquisition.order_record(
        actor=request.user, contract=contract, organisation=organisation, **data
    )
    return 201, order


@router.post(
    "/contracts/{contract_id}/reviews", response={201: ReviewOut}, summary="Record a service review"
)
def acquisition_review(request: HttpRequest, contract_id: int, payload: ReviewIn) -> tuple:
    contract = access_contract(user=request.user, contract_id=contract_id, manage=True)
    review = acquisition.service_review_record(
        actor=request.user, contract=contract, **payload.dict()
    )
    return 201, review
