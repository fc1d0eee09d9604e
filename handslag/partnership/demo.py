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

from handslag.accounts.demo import org
from handslag.accounts.roles import ProjectRole
from handslag.market.demo import call
from handslag.needs.models import ExpectedEffect
from handslag.partnership import acquisition, pilots, services
from handslag.partnership.models import Contract, PhaseDecision, PhaseStatus, PilotKpi

# Per phase: (name, goal, days after signing it starts, length in days, payment, target)
# where target is "continue" (started and decided), "active" (started) or "planned".
CASES: dict[str, dict[str, Any]] = {
    "waste": {
        "preferred_signed_on": dt.date(2020, 9, 1),
        "ip_terms": (
            "Leverantören behåller de immateriella rättigheterna till fyllnadsgradssensorerna "
            "och ruttplaneringsprogrammet. Växjö kommun får en kostnadsfri och tidsobegränsad "
            "nyttjanderätt till resultaten och till insamlade data, och får dela data med andra "
            "offentliga aktörer."
        ),
        "risk_sharing": (
            "Varje fas ersätts med en delbetalning när fasens delmål har uppnåtts. Om en fas "
            "misslyckas ersätter kommunen fasens styrkta kostnader med upp till 50 % av "
            "delbetalningen; resten står leverantören för."
        ),
        "acquisition_terms": (
            "Avtalat redan när partnerskapet ingicks: efter en lyckad pilot köper kommunen "
            "sensorer till upp till 4 000 sopkärl för 1 150 kr styck och ruttplaneringstjänsten "
            "för 18 000 kr per månad, utan ny upphandling."
        ),
        "maintenance_terms": (
            "Service och underhåll i fem år med byte av trasig sensor inom tio arbetsdagar, "
            "med option på ytterligare två år till samma pris, indexreglerat enligt KPI."
        ),
        "phases": [
            (
                "Fas 1: prototyp",
                "Fyllnadsgradssensorer i 50 sopkärl rapporterar tillförlitligt under tre månader.",
                14,
                180,
                Decimal("350000"),
                "continue",
            ),
            (
                "Fas 2: pilot i en stadsdel",
                (
                    "Tömning efter behov i en stadsdel med minst 25 % färre turer än med "
                    "fasta tömningsdatum."
                ),
                200,
                270,
                Decimal("650000"),
                "active",
            ),
            (
                "Fas 3: verifiering",
                "Behovsstyrd ruttplanering i hela kommunen, verifierad mot utgångsläget.",
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
            "Leverantören äger resultaten; Växjö kommun får en kostnadsfri licens att använda "
            "dem och äger sina egna väder- och väglagsdata."
        ),
        "risk_sharing": (
            "Delbetalning per fas när delmålet har uppnåtts. Om fas 1 inte når sitt delmål "
            "avslutas partnerskapet och endast styrkt utfört arbete ersätts."
        ),
        "acquisition_terms": (
            "Avtalat redan när partnerskapet ingicks: beslutsstödet köps för hela kommunen "
            "för 240 000 kr per vintersäsong, utan ny upphandling."
        ),
        "maintenance_terms": "Support dygnet runt under vintersäsongen, i fyra säsonger.",
        "phases": [
            (
                "Fas 1: koncept och data",
                (
                    "Väder- och väglagsdata kombineras till ett förslag om var snöröjning och "
                    "halkbekämpning behövs."
                ),
                14,
                150,
                Decimal("300000"),
                "continue",
            ),
            (
                "Fas 2: vinterpilot",
                "Vakthavande arbetsledare använder beslutsstödet under en hel vintersäsong.",
                180,
                200,
                Decimal("500000"),
                "active",
            ),
        ],
    },
    "sharing": {
        "preferred_signed_on": dt.date(2018, 9, 3),
        "ip_terms": "Tjänsten tillhör leverantören; kommunerna äger sina användares data.",
        "risk_sharing": "Delbetalning per fas; kommunerna delar kostnaden efter invånarantal.",
        "acquisition_terms": (
            "Avtalat redan när partnerskapet ingicks: en licens per kommun för 58 000 kr per år, "
            "på samma villkor för kommuner i nätverket som ansluter senare. Implementeringen "
            "inleddes i januari 2020 och tjänsten används nu i sex kommuner."
        ),
        "maintenance_terms": "Drift, support och uppdateringar ingår i licensen i fyra år.",
        "phases": [
            (
                "Fas 1: utveckling",
                "En interkommunal delningstjänst där invånarna kan boka och låna utrustning.",
                14,
                240,
                Decimal("450000"),
                "continue",
            ),
            (
                "Fas 2: testbädd i tre kommuner",
                "Trelleborg, Skurup och Ystad använder tjänsten tillsammans med sina invånare.",
                270,
                180,
                Decimal("350000"),
                "continue",
            ),
        ],
    },
    "home_monitoring": {
        "preferred_signed_on": dt.date(2020, 3, 16),
        "ip_terms": "Alla resultat och rättigheter övergår till regionen.",
        "risk_sharing": (
            "Leverantören bär hela utvecklingsrisken; betalning sker först när hela lösningen "
            "har levererats. (Leverantörerna uppgav efteråt att partnerskapet inte återspeglades "
            "i de kommersiella villkoren.)"
        ),
        "acquisition_terms": "Volymer avtalas efter piloten.",
        "maintenance_terms": "Avtalas senare.",
        "phases": [
            (
                "Fas 1: pilot med patienter i hemmet",
                "50 patienter monitoreras i hemmet och behöver färre fysiska besök.",
                30,
                240,
                Decimal("800000"),
                "active",
            ),
            (
                "Fas 2: uppskalning",
                "Hemmonitorering erbjuds i hela regionens primärvård.",
                300,
                365,
                Decimal("1200000"),
                "planned",
            ),
        ],
    },
}

# Per case: the documented IP and risk-sharing options the buyer chose (partnership.terms).
TERM_MODELS = {
    "waste": ("supplier_owns_licence", "first_customer"),
    "snow": ("supplier_owns_licence", "first_customer"),
    "sharing": ("supplier_owns_licence", "phase_payments"),
    "home_monitoring": ("buyer_owns", "phase_payments"),
}

PHASE1_DELAY_DAYS = {"home_monitoring": 270}  # the pandemic pushed the start back
# Per case: (title, text) of the lesson captured at the decision after phase 1.
LESSONS = {
    "waste": (
        "Låt chaufförerna vara med och placera sensorerna",
        "Involvera chaufförerna när de första sensorerna placeras: de visste vilka kärl som "
        "brukar bli överfulla.",
    ),
    "sharing": (
        "Gemensamma bokningsregler innan fler kommuner ansluter",
        "Låt de tre första kommunerna komma överens om bokningsreglerna innan fler kommuner "
        "ansluter.",
    ),
}


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def _lead(project: Any) -> Any:
    member = project.members.filter(role=ProjectRole.PROJECT_LEAD).select_related("user").first()
    return member.user if member else None


def _award(key: str) -> Any:
    try:
        found = call(key)
    except Exception:
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
        ip_model=TERM_MODELS.get(key, ("", ""))[0],
        risk_model=TERM_MODELS.get(key, ("", ""))[1],
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
                    name="Utrustning levererad till de första patienterna (försenad av pandemin)",
                    due_on=actual + dt.timedelta(days=60),
                )
        if target == "continue" and phase.status == PhaseStatus.ACTIVE:
            lesson_title, lesson_text = LESSONS.get(key, ("", "")) if order == 1 else ("", "")
            services.phase_decide(
                actor=lead,
                phase=phase,
                decision=PhaseDecision.CONTINUE,
                reason="Delmålet uppnåddes och verifierades vid beslutspunkten.",
                lesson_title=lesson_title,
                lesson_text=lesson_text,
                now=_at(end),
            )


def _monthly(first: dt.date, values: list[int]) -> list[tuple[dt.date, int]]:
    """Month-end dates from ``first``'s month on, one per value."""
    result = []
    year, month = first.year, first.month
    for value in values:
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        result.append((following - dt.timedelta(days=1), value))
        year, month = following.year, following.month
    return result


# Per case: the pilot's KPIs as (indicator of the need's expected effect, benefit category,
# volume per year, value per unit in SEK, source of the value, [(date, value)]).
PILOTS: dict[str, list[tuple[str, str, str, str, str, list[tuple[dt.date, Any]]]]] = {
    "waste": [
        (
            "Antal tömningstransporter per månad",
            "transport",
            "12",
            "1250",
            "Avfallsverksamhetens kostnad per tömningstur 2020 (fordon, förare, bränsle)",
            _monthly(
                dt.date(2021, 3, 1),
                [478, 476, 473, 470, 468, 465, 462, 460, 458, 455]
                + [452, 450, 447, 445, 443, 441, 440, 438, 437, 436, 435, 434],
            ),
        )
    ],
    "sharing": [
        (
            "Antal utlån per år",
            "internal_savings",
            "1",
            "1100",
            "Genomsnittligt undvikt inköp per utlån, kommunernas inköpsstatistik 2019",
            [
                (dt.date(2020, 12, 31), 310),
                (dt.date(2021, 12, 31), 440),
                (dt.date(2022, 12, 31), 520),
            ],
        )
    ],
    "home_monitoring": [
        (
            "Kontrollbesök per patient och år",
            "time",
            "450",
            "1600",
            "Regionens kostnad för ett fysiskt kontrollbesök (personaltid), 450 patienter",
            [
                (dt.date(2021, 12, 31), "5.1"),
                (dt.date(2022, 12, 31), "4.2"),
                (dt.date(2023, 12, 31), "3.5"),
            ],
        )
    ],
}


def _ensure_pilot(key: str, contract: Contract) -> None:
    lead = _lead(contract.project)
    if lead is None:
        return
    for indicator, category, volume, unit_value, source, measurements in PILOTS.get(key, []):
        kpi = PilotKpi.objects.filter(contract=contract, indicator=indicator).first()
        if kpi is None:
            effect = (
                ExpectedEffect.objects.filter(need__projects=contract.project, indicator=indicator)
                .order_by("pk")
                .first()
            )
            if effect is None:
                continue
            kpi = pilots.kpi_add_from_effect(
                actor=lead,
                contract=contract,
                effect=effect,
                category=category,
                volume=Decimal(volume),
                unit_value=Decimal(unit_value),
                unit_value_source=source,
            )
        if kpi.measurements.exists():
            continue
        lines = ["indikator;datum;värde;enhet"] + [
            f"{kpi.indicator};{day.isoformat()};{value};{kpi.unit}" for day, value in measurements
        ]
        pilots.measurements_import(actor=lead, contract=contract, content="\n".join(lines).encode())


# The sharing service in use: who joined when, and the first year's orders and follow-up.
ACQUISITION = {
    "sharing": {
        "joined": [
            ("skurup", dt.date(2019, 11, 1)),
            ("ystad", dt.date(2019, 11, 1)),
            ("simrishamn", dt.date(2020, 9, 1)),
            ("sjobo", dt.date(2020, 10, 1)),
            ("tomelilla", dt.date(2021, 1, 15)),
        ],
        "order": ("Licens för delningstjänsten, första året", "1", "58000"),
        "orders_on": dt.date(2020, 1, 10),
        "review": (
            dt.date(2020, 12, 15),
            "99.2",
            3,
            "Tre kortare avbrott i bokningen under hösten.",
        ),
    }
}


def _ensure_acquisition(key: str, contract: Contract) -> None:
    spec = ACQUISITION.get(key)
    lead = _lead(contract.project)
    if spec is None or lead is None:
        return
    if contract.members.exists() or contract.orders.exists() or contract.reviews.exists():
        return
    if not acquisition.in_acquisition_stage(contract=contract):
        return
    for org_key, joined_on in spec["joined"]:
        try:
            organisation = org(org_key)
        except Exception:  # noqa: S112 - a missing demo organisation is skipped
            continue
        acquisition.solution_join(
            actor=lead, contract=contract, organisation=organisation, joined_on=joined_on
        )
    description, quantity, price = spec["order"]
    for organisation in acquisition.ordering_organisations(contract=contract):
        acquisition.order_record(
            actor=lead,
            contract=contract,
            organisation=organisation,
            ordered_on=spec["orders_on"],
            description=description,
            quantity=Decimal(quantity),
            unit_price=Decimal(price),
        )
    reviewed_on, availability, incidents, notes = spec["review"]
    acquisition.service_review_record(
        actor=lead,
        contract=contract,
        reviewed_on=reviewed_on,
        availability=Decimal(availability),
        incidents=incidents,
        notes=notes,
    )


def load() -> None:
    for key, case in CASES.items():
        contract = _ensure_contract(key, case)
        if contract is None:
            continue
        _ensure_phases(key, contract, case)
        _ensure_pilot(key, contract)
        _ensure_acquisition(key, contract)
