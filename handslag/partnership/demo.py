"""Demo partnership contracts from the seeds' cases (DESIGN §8). Idempotent.

Runs after the tendering demo and builds on its awards (handslag.market.demo.call(key)
.award). A case whose project, call, award or project lead is missing is skipped, so
the loader works whatever the earlier demo modules provide.

- waste, snow (Växjö): phase 1 completed with "continue", phase 2 in progress, phase 3
  planned; IP and risk sharing stated, and acquisition and maintenance terms agreed up
  front, as Växjö advises.
- sharing (Innovationsupphandling Syd): both R&D phases completed; the service has been
  in use in the municipalities since January 2020.
- home_monitoring (Region Östergötland): contract March 2020; phase 1 delayed by the
  pandemic; terms in which the partnership was weak (the suppliers' own lesson).
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from handslag.accounts.roles import ProjectRole
from handslag.partnership import services
from handslag.partnership.models import Contract, PhaseDecision, PhaseStatus

# Per phase: (name, goal, days after signing it starts, length in days, payment, target)
# where target is "continue" (started and decided), "active" (started) or "planned".
CASES: dict[str, dict[str, Any]] = {
    "waste": {
        "preferred_signed_on": dt.date(2020, 9, 1),
        "ip_terms": (
            "The supplier keeps the intellectual property in the fill-level sensors and the "
            "route software. Växjö kommun has a free, perpetual right to use the results and "
            "the collected data, and may share the data with other public bodies."
        ),
        "risk_sharing": (
            "Each phase is paid in an instalment when its intermediate target is met. If a "
            "phase fails, the municipality pays the documented costs of that phase up to 50 % "
            "of the instalment; the supplier bears the rest."
        ),
        "acquisition_terms": (
            "Agreed up front: after a successful pilot the municipality buys sensors for up to "
            "4 000 bins at 1 150 SEK each and the route service at 18 000 SEK per month, "
            "without a new procurement."
        ),
        "maintenance_terms": (
            "Five years of service and maintenance, sensor replacement within 10 working days, "
            "with an option of two more years at the same price indexed by KPI."
        ),
        "phases": [
            (
                "Phase 1: prototype",
                "Fill-level sensors in 50 bins report reliably for three months.",
                14,
                180,
                Decimal("350000"),
                "continue",
            ),
            (
                "Phase 2: pilot in one district",
                "Collection by need in one district with at least 25 % fewer runs.",
                200,
                270,
                Decimal("650000"),
                "active",
            ),
            (
                "Phase 3: verification",
                "Route planning by need across the municipality, verified against the baseline.",
                480,
                180,
                Decimal("400000"),
                "planned",
            ),
        ],
    },
    "snow": {
        "preferred_signed_on": dt.date(2020, 10, 15),
        "ip_terms": (
            "Results are owned by the supplier; Växjö kommun receives a free licence to use "
            "them and owns its own weather and road data."
        ),
        "risk_sharing": (
            "Instalments per phase on meeting the intermediate target. Phase 1 failing ends "
            "the partnership with payment for documented work only."
        ),
        "acquisition_terms": (
            "Agreed up front: the decision-support service at 240 000 SEK per winter season "
            "for the whole municipality, bought without a new procurement."
        ),
        "maintenance_terms": "Support on duty during the winter season, 24/7, for four seasons.",
        "phases": [
            (
                "Phase 1: concept and data",
                "Weather and road-condition data combined into a call-out proposal.",
                14,
                150,
                Decimal("300000"),
                "continue",
            ),
            (
                "Phase 2: winter pilot",
                "The on-duty manager uses the support for a full winter season.",
                180,
                200,
                Decimal("500000"),
                "active",
            ),
        ],
    },
    "sharing": {
        "preferred_signed_on": dt.date(2018, 9, 3),
        "ip_terms": "The service is the supplier's; the municipalities own their users' data.",
        "risk_sharing": "Instalments per phase; the six municipalities share the cost by population.",
        "acquisition_terms": (
            "Agreed up front: a licence per municipality of 58 000 SEK a year, open to "
            "municipalities in the network that join later. In use since January 2020 in six "
            "municipalities."
        ),
        "maintenance_terms": "Operation, support and updates included in the licence for four years.",
        "phases": [
            (
                "Phase 1: development",
                "A sharing service that residents can book in.",
                14,
                240,
                Decimal("450000"),
                "continue",
            ),
            (
                "Phase 2: testbed in three municipalities",
                "Trelleborg, Skurup and Ystad run the service with residents.",
                270,
                180,
                Decimal("350000"),
                "continue",
            ),
        ],
    },
    "home_monitoring": {
        "preferred_signed_on": dt.date(2020, 3, 16),
        "ip_terms": "All results and rights pass to the region.",
        "risk_sharing": (
            "The supplier bears all development risk; payment only on delivery of the whole "
            "solution. (The suppliers said afterwards that the partnership was not in the "
            "commercial terms.)"
        ),
        "acquisition_terms": "Volumes to be agreed after the pilot.",
        "maintenance_terms": "To be agreed.",
        "phases": [
            (
                "Phase 1: pilot with patients at home",
                "50 patients monitored at home with fewer physical visits.",
                30,
                240,
                Decimal("800000"),
                "active",
            ),
            (
                "Phase 2: scale-up",
                "Monitoring offered in all the region's primary care.",
                300,
                365,
                Decimal("1200000"),
                "planned",
            ),
        ],
    },
}

PHASE1_DELAY_DAYS = {"home_monitoring": 270}  # the pandemic pushed the start back
LESSONS = {
    "waste": "Involve the drivers when placing the first sensors: they knew which bins overflow.",
    "sharing": "Let the first three municipalities agree the booking rules before the others join.",
}


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def _lead(project: Any) -> Any:
    member = project.members.filter(role=ProjectRole.PROJECT_LEAD).select_related("user").first()
    return member.user if member else None


def _award(key: str) -> Any:
    try:
        from handslag.market.demo import call  # noqa: PLC0415
    except ImportError:
        return None
    try:
        found = call(key)
    except Exception:  # noqa: BLE001 - a missing demo call means: skip this case
        return None
    return getattr(found, "award", None) if found is not None else None


def _ensure_contract(key: str, case: dict[str, Any]) -> Contract | None:
    award = _award(key)
    if award is None:
        return None
    contract = Contract.objects.filter(award=award).first()
    if contract is not None:
        return contract
    lead = _lead(award.call.project)
    if lead is None:
        return None
    signed_on = award.contract_signed_on or max(
        case["preferred_signed_on"], award.standstill_end + dt.timedelta(days=1)
    )
    return services.contract_create(
        actor=lead,
        award=award,
        signed_on=signed_on,
        ip_terms=case["ip_terms"],
        risk_sharing=case["risk_sharing"],
        acquisition_terms=case["acquisition_terms"],
        maintenance_terms=case["maintenance_terms"],
        now=_at(signed_on),
    )


def _ensure_phases(key: str, contract: Contract, case: dict[str, Any]) -> None:
    lead = _lead(contract.project)
    if lead is None:
        return
    for order, (name, goal, offset, length, payment, target) in enumerate(case["phases"], start=1):
        start = contract.signed_on + dt.timedelta(days=offset)
        end = start + dt.timedelta(days=length)
        phase = contract.phases.filter(order=order).first()
        if phase is None:
            phase = services.phase_add(
                actor=lead,
                contract=contract,
                name=name,
                goal=goal,
                planned_start=start,
                planned_end=end,
                payment=payment,
            )
        if target in ("active", "continue") and phase.status == PhaseStatus.PLANNED:
            actual = start + dt.timedelta(days=PHASE1_DELAY_DAYS.get(key, 0) if order == 1 else 0)
            phase = services.phase_start(actor=lead, phase=phase, now=_at(actual))
            if order == 1 and key in PHASE1_DELAY_DAYS:
                services.milestone_add(
                    actor=lead,
                    phase=phase,
                    name="Equipment delivered to the first patients (delayed by the pandemic)",
                    due_on=actual + dt.timedelta(days=60),
                )
        if target == "continue" and phase.status == PhaseStatus.ACTIVE:
            services.phase_decide(
                actor=lead,
                phase=phase,
                decision=PhaseDecision.CONTINUE,
                reason="The intermediate target was met and verified at the gate meeting.",
                lesson_text=LESSONS.get(key, "") if order == 1 else "",
                now=_at(end),
            )


def load() -> None:
    for key, case in CASES.items():
        contract = _ensure_contract(key, case)
        if contract is None:
            continue
        _ensure_phases(key, contract, case)
