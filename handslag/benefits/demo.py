"""Demo benefit models from the seeds' cases (DESIGN §8). Idempotent.

Forecasts with low / likely / high values for waste collection by need (Växjö), the
inter-municipal sharing service (Innovationsupphandling Syd) and home monitoring (Region
Östergötland), and outturn scenarios for the two that have been in use. Projects come
from handslag.projects.demo.project(key); a case whose project or project manager is
missing is skipped.
"""

from decimal import Decimal as D
from typing import Any

from handslag.accounts.roles import ProjectRole
from handslag.benefits import services
from handslag.benefits.models import BenefitModel

# (name, kind, category, first year, last year, low, likely, high, source)
Line = tuple[str, str, str, int, int, D, D, D, str]

MODELS: dict[str, list[dict[str, Any]]] = {
    "waste": [
        {
            "name": "Waste collection by fill level – forecast",
            "scenario": "forecast",
            "lines": [
                (
                    "Sensors and installation",
                    "cost",
                    "investment",
                    0,
                    0,
                    D("1600000"),
                    D("1800000"),
                    D("2300000"),
                    "Acquisition terms: 1 150 SEK per bin, about 1 500 bins",
                ),
                (
                    "Sensor subscription and route service",
                    "cost",
                    "operation",
                    1,
                    9,
                    D("180000"),
                    D("216000"),
                    D("260000"),
                    "Acquisition terms: 18 000 SEK per month",
                ),
                (
                    "New routines and training",
                    "cost",
                    "other",
                    0,
                    1,
                    D("100000"),
                    D("150000"),
                    D("220000"),
                    "Estimate by the waste unit",
                ),
                (
                    "Fewer collection transports",
                    "benefit",
                    "transport",
                    1,
                    9,
                    D("396000"),
                    D("600000"),
                    D("924000"),
                    "Transports per month × cost per transport: 40 (30–55) fewer runs × 1 250 (1 100–1 400) SEK × 12 months; pilot routes",
                ),
                (
                    "Less CO2 from the refuse trucks",
                    "benefit",
                    "co2",
                    1,
                    9,
                    D("60000"),
                    D("100000"),
                    D("140000"),
                    "14.4 t CO2 a year × 7 SEK/kg (ASEK 7.0)",
                ),
            ],
        }
    ],
    "sharing": [
        {
            "name": "Sharing service – forecast",
            "scenario": "forecast",
            "lines": [
                (
                    "Implementation in the municipalities",
                    "cost",
                    "investment",
                    0,
                    0,
                    D("400000"),
                    D("500000"),
                    D("700000"),
                    "Phase payments and own staff time",
                ),
                (
                    "Licences for six municipalities",
                    "cost",
                    "operation",
                    1,
                    9,
                    D("320000"),
                    D("348000"),
                    D("420000"),
                    "Acquisition terms: 58 000 SEK per municipality and year",
                ),
                (
                    "Equipment not bought new",
                    "benefit",
                    "internal_savings",
                    1,
                    9,
                    D("400000"),
                    D("600000"),
                    D("800000"),
                    "Estimate from the municipalities' purchases 2017–2018",
                ),
                (
                    "Staff time saved on lending",
                    "benefit",
                    "time",
                    1,
                    9,
                    D("150000"),
                    D("200000"),
                    D("280000"),
                    "Estimate: hours per week × 450 SEK",
                ),
                (
                    "Less CO2 from new production",
                    "benefit",
                    "co2",
                    1,
                    9,
                    D("20000"),
                    D("40000"),
                    D("60000"),
                    "Avoided purchases × emission factors × 7 SEK/kg",
                ),
            ],
        },
        {
            "name": "Sharing service – outturn since January 2020",
            "scenario": "outturn",
            "lines": [
                (
                    "Implementation in the municipalities",
                    "cost",
                    "investment",
                    0,
                    0,
                    D("540000"),
                    D("540000"),
                    D("540000"),
                    "Outturn, accounts 2019",
                ),
                (
                    "Licences for six municipalities",
                    "cost",
                    "operation",
                    1,
                    9,
                    D("348000"),
                    D("348000"),
                    D("348000"),
                    "Outturn: six licences",
                ),
                (
                    "Equipment not bought new",
                    "benefit",
                    "internal_savings",
                    1,
                    9,
                    D("480000"),
                    D("520000"),
                    D("560000"),
                    "Bookings in the service × average purchase price, 2020–2022",
                ),
                (
                    "Staff time saved on lending",
                    "benefit",
                    "time",
                    1,
                    9,
                    D("160000"),
                    D("180000"),
                    D("200000"),
                    "Time study in the municipalities",
                ),
                (
                    "Less CO2 from new production",
                    "benefit",
                    "co2",
                    1,
                    9,
                    D("30000"),
                    D("35000"),
                    D("40000"),
                    "Bookings × emission factors × 7 SEK/kg",
                ),
            ],
        },
    ],
    "home_monitoring": [
        {
            "name": "Home monitoring – forecast",
            "scenario": "forecast",
            "lines": [
                (
                    "Monitoring kits and platform",
                    "cost",
                    "investment",
                    0,
                    0,
                    D("2500000"),
                    D("3000000"),
                    D("3800000"),
                    "Tender price",
                ),
                (
                    "Operation and support",
                    "cost",
                    "operation",
                    1,
                    9,
                    D("600000"),
                    D("700000"),
                    D("850000"),
                    "Tender price",
                ),
                (
                    "Fewer physical visits",
                    "benefit",
                    "time",
                    1,
                    9,
                    D("2400000"),
                    D("3600000"),
                    D("4500000"),
                    "3 000 (2 000–3 750) fewer visits a year × 1 200 SEK per visit",
                ),
                (
                    "Less travel to patients",
                    "benefit",
                    "transport",
                    1,
                    9,
                    D("150000"),
                    D("225000"),
                    D("300000"),
                    "Avoided visits × 30 km × 2.50 SEK/km",
                ),
                (
                    "Fewer readmissions",
                    "benefit",
                    "social",
                    2,
                    9,
                    D("500000"),
                    D("800000"),
                    D("1200000"),
                    "Estimate from published studies",
                ),
            ],
        },
        {
            "name": "Home monitoring – outturn from the pilot",
            "scenario": "outturn",
            "lines": [
                (
                    "Monitoring kits and platform",
                    "cost",
                    "investment",
                    0,
                    0,
                    D("3400000"),
                    D("3400000"),
                    D("3400000"),
                    "Outturn, including the pandemic delay",
                ),
                (
                    "Operation and support",
                    "cost",
                    "operation",
                    1,
                    9,
                    D("700000"),
                    D("720000"),
                    D("760000"),
                    "Outturn 2021–2022",
                ),
                (
                    "Fewer physical visits",
                    "benefit",
                    "time",
                    1,
                    9,
                    D("1900000"),
                    D("2160000"),
                    D("2400000"),
                    "Pilot KPI: 1 800 fewer visits a year × 1 200 SEK",
                ),
                (
                    "Less travel to patients",
                    "benefit",
                    "transport",
                    1,
                    9,
                    D("120000"),
                    D("135000"),
                    D("150000"),
                    "Pilot KPI × 30 km × 2.50 SEK/km",
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
        from handslag.projects.demo import project  # noqa: PLC0415
    except ImportError:
        return None
    try:
        return project(key)
    except Exception:  # noqa: BLE001 - a missing demo project means: skip this case
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
