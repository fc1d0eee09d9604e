"""Loading the cases through the services, and finding their need statements."""

from decimal import Decimal
from typing import Any

from handslag.accounts.demo import org, person
from handslag.accounts.models import Organisation
from handslag.needs import services
from handslag.needs.demo.cases import CASES, NEEDS
from handslag.needs.models import Challenge, NeedStatement

# Innovationsupphandling Syd's residents work package mapped many needs; some went
# elsewhere. Each extra challenge: (title, description, area, outcome, reason).
RESIDENT_EXTRAS = [
    (
        "Felanmälan av gatubelysning via webben",
        "Invånare vet inte var de ska anmäla trasig gatubelysning.",
        "Invånarservice",
        services.TriageOutcome.MOVE,
        "Tas vidare i e-tjänsteplattformens ordinarie utveckling.",
    ),
    (
        "Digital bokning av kommunens lokaler",
        "Föreningar bokar lokaler per telefon och e-post.",
        "Invånarservice",
        services.TriageOutcome.MOVE,
        "Löses med en vanlig upphandling av bokningssystem; lösningar finns på marknaden.",
    ),
    (
        "Chattrobot på flera språk",
        "Många invånare behöver svar på andra språk än svenska.",
        "Invånarservice",
        services.TriageOutcome.PARK,
        "Bra idé men utanför den här upphandlingen; sparas i idébanken.",
    ),
    (
        "Egen app för varje förvaltning",
        "Varje förvaltning vill ha en egen app för sina invånarkontakter.",
        "Invånarservice",
        services.TriageOutcome.DECLINE,
        "Går emot målet om en samlad ingång för invånarna.",
    ),
    (
        "Svårt att följa sitt ärende",
        "Invånare vet inte hur långt deras ärende har kommit.",
        "Invånarservice",
        services.TriageOutcome.MERGE,
        "Samma behov som den samlade invånarservicen.",
    ),
]


def _challenge(organisation: Organisation, title: str) -> Challenge | None:
    return Challenge.objects.filter(organisation=organisation, title=title).first()


def need(key: str) -> NeedStatement:
    return NeedStatement.objects.get(organisation=org(CASES[key]["org"]), title=NEEDS[key])


def _load_case(key: str, case: dict[str, Any]) -> Challenge:
    organisation = org(case["org"])
    existing = _challenge(organisation, case["challenge"]["title"])
    if existing is not None:
        return existing
    challenge = services.challenge_submit(
        actor=person(case["submitter"]), organisation=organisation, **case["challenge"]
    )
    triager = person(case["triager"])
    statement = services.challenge_refine(
        actor=triager,
        challenge=challenge,
        reason="Behovet är väl beskrivet och passar en innovationsupphandling.",
    )
    services.need_update(actor=triager, need=statement, title=NEEDS[key], **case["need"])
    for description, indicator, unit, baseline, target, method, frequency in case["effects"]:
        services.effect_add(
            actor=triager,
            need=statement,
            description=description,
            indicator=indicator,
            unit=unit,
            baseline=Decimal(baseline),
            target=Decimal(target),
            measurement_method=method,
            measurement_frequency=frequency,
        )
    if case["publish"]:
        challenge.refresh_from_db()
        services.challenge_publish(actor=triager, challenge=challenge)
    return challenge


def _load_resident_extras(main: Challenge) -> None:
    organisation = org("ystad")
    submitter = person("ystad-behov")
    for title, description, area, outcome, reason in RESIDENT_EXTRAS:
        if _challenge(organisation, title) is not None:
            continue
        extra = services.challenge_submit(
            actor=submitter,
            organisation=organisation,
            title=title,
            description=description,
            area=area,
            affected="Kommuninvånare",
        )
        services.challenge_triage(
            actor=submitter,
            challenge=extra,
            outcome=outcome,
            reason=reason,
            merge_into=main if outcome == services.TriageOutcome.MERGE else None,
        )
