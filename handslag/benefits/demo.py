"""Demo benefit models from the seeds' cases (DESIGN §8). Idempotent.

Forecasts with low / likely / high values for waste collection by need (Växjö), the
inter-municipal sharing service (Innovationsupphandling Syd) and home monitoring (Region
Östergötland). The outturn scenarios of the two that have been in use are built from
their pilots' measurements (handslag.partnership.demo) by benefits.realised. Projects come
from handslag.projects.demo.project(key); a case whose project or project manager is
missing is skipped.
"""

from decimal import Decimal as D
from typing import Any

from handslag.accounts.roles import ProjectRole
from handslag.benefits import services
from handslag.benefits.models import BenefitModel
from handslag.projects.demo import project

# (name, kind, category, first year, last year, low, likely, high, source)
Line = tuple[str, str, str, int, int, D, D, D, str]

MODELS: dict[str, list[dict[str, Any]]] = {
    "waste": [
        {
            "name": "Sophämtning efter behov och fyllnadsgrad – prognos",
            "scenario": "forecast",
            "lines": [
                (
                    "Sensorer och installation",
                    "cost",
                    "investment",
                    0,
                    0,
                    D("1600000"),
                    D("1800000"),
                    D("2300000"),
                    "Enligt avtalade köpvillkor: 1 150 kr per sopkärl, cirka 1 500 kärl",
                ),
                (
                    "Sensorabonnemang och ruttplaneringstjänst",
                    "cost",
                    "operation",
                    1,
                    9,
                    D("180000"),
                    D("216000"),
                    D("260000"),
                    "Enligt avtalade köpvillkor: 18 000 kr per månad",
                ),
                (
                    "Nya rutiner och utbildning",
                    "cost",
                    "other",
                    0,
                    1,
                    D("100000"),
                    D("150000"),
                    D("220000"),
                    "Uppskattning från avfallsverksamheten",
                ),
                (
                    "Färre tömningstransporter",
                    "benefit",
                    "transport",
                    1,
                    9,
                    D("396000"),
                    D("600000"),
                    D("924000"),
                    "Transporter per månad × kostnad per transport: 40 (30–55) färre turer × 1 250 (1 100–1 400) kr × 12 månader; pilotens rutter",
                ),
                (
                    "Lägre koldioxidutsläpp från sopbilarna",
                    "benefit",
                    "co2",
                    1,
                    9,
                    D("60000"),
                    D("100000"),
                    D("140000"),
                    "14,4 ton koldioxid per år × 7 kr/kg (ASEK 7.0)",
                ),
            ],
        }
    ],
    "sharing": [
        {
            "name": "Delningstjänst – prognos",
            "scenario": "forecast",
            "lines": [
                (
                    "Införande i kommunerna",
                    "cost",
                    "investment",
                    0,
                    0,
                    D("400000"),
                    D("500000"),
                    D("700000"),
                    "Fasbetalningar och egen arbetstid",
                ),
                (
                    "Licenser för sex kommuner",
                    "cost",
                    "operation",
                    1,
                    9,
                    D("320000"),
                    D("348000"),
                    D("420000"),
                    "Enligt avtalade köpvillkor: 58 000 kr per kommun och år",
                ),
                (
                    "Utrustning som inte behöver köpas in",
                    "benefit",
                    "internal_savings",
                    1,
                    9,
                    D("400000"),
                    D("600000"),
                    D("800000"),
                    "Uppskattning utifrån kommunernas inköp 2017–2018",
                ),
                (
                    "Sparad arbetstid för utlåning",
                    "benefit",
                    "time",
                    1,
                    9,
                    D("150000"),
                    D("200000"),
                    D("280000"),
                    "Uppskattning: timmar per vecka × 450 kr",
                ),
                (
                    "Lägre koldioxidutsläpp från nyproduktion",
                    "benefit",
                    "co2",
                    1,
                    9,
                    D("20000"),
                    D("40000"),
                    D("60000"),
                    "Undvikna inköp × emissionsfaktorer × 7 kr/kg",
                ),
            ],
        },
    ],
    "home_monitoring": [
        {
            "name": "Hemmonitorering – prognos",
            "scenario": "forecast",
            "lines": [
                (
                    "Mätutrustning och plattform",
                    "cost",
                    "investment",
                    0,
                    0,
                    D("2500000"),
                    D("3000000"),
                    D("3800000"),
                    "Anbudspris",
                ),
                (
                    "Drift och support",
                    "cost",
                    "operation",
                    1,
                    9,
                    D("600000"),
                    D("700000"),
                    D("850000"),
                    "Anbudspris",
                ),
                (
                    "Färre fysiska besök",
                    "benefit",
                    "time",
                    1,
                    9,
                    D("2400000"),
                    D("3600000"),
                    D("4500000"),
                    "3 000 (2 000–3 750) färre besök per år × 1 200 kr per besök",
                ),
                (
                    "Färre resor till patienter",
                    "benefit",
                    "transport",
                    1,
                    9,
                    D("150000"),
                    D("225000"),
                    D("300000"),
                    "Undvikna besök × 30 km × 2,50 kr/km",
                ),
                (
                    "Färre återinskrivningar",
                    "benefit",
                    "social",
                    2,
                    9,
                    D("500000"),
                    D("800000"),
                    D("1200000"),
                    "Uppskattning utifrån publicerade studier",
                ),
            ],
        },
    ],
}


def _manager(project: Any) -> Any:
    member = (
        project.members.filter(role__in=[ProjectRole.PROJECT_LEAD, ProjectRole.PROCUREMENT_OFFICER])
        .select_related("user")
        .order_by("role", "pk")
        .first()
    )
    return member.user if member else None


def _project(key: str) -> Any:
    try:
        return project(key)
    except Exception:
        return None


def load() -> None:
    for key, models in MODELS.items():
        project = _project(key)
        if project is None:
            continue
        actor = _manager(project)
        if actor is None:
            continue
        for spec in models:
            model = BenefitModel.objects.filter(project=project, name=spec["name"]).first()
            if model is None:
                model = services.benefit_model_create(
                    actor=actor,
                    project=project,
                    name=spec["name"],
                    scenario=spec["scenario"],
                    discount_rate=D("0.035"),
                    horizon_years=10,
                    price_base_year=2020,
                )
            existing = set(model.lines.values_list("name", flat=True))
            for name, kind, category, first, last, low, likely, high, source in spec["lines"]:
                if name in existing:
                    continue
                services.benefit_line_add(
                    actor=actor,
                    model=model,
                    name=name,
                    kind=kind,
                    category=category,
                    first_year=first,
                    last_year=last,
                    low=low,
                    likely=likely,
                    high=high,
                    source=source,
                )
    load_outturns()


#: Cases whose outturn scenario is built from the pilot's measurements.
OUTTURN_FROM_PILOT = ("sharing", "home_monitoring")


def load_outturns() -> None:
    from handslag.benefits.realised import outturn_from_pilot

    for key in OUTTURN_FROM_PILOT:
        project = _project(key)
        if project is None:
            continue
        actor = _manager(project)
        if actor is None:
            continue
        if BenefitModel.objects.filter(
            project=project, scenario="outturn", from_pilot=True
        ).exists():
            continue
        if not project.contracts.filter(kpis__measurements__isnull=False).exists():
            continue
        outturn_from_pilot(actor=actor, project=project)
