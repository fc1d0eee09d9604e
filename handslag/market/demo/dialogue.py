"""The market dialogue of the demo: supplier profiles, the home_monitoring workshop and
RFI, the residents sprint and the questions on the meals call.
"""

import datetime as dt

from django.db import transaction

from handslag.market import services
from handslag.market.demo import base
from handslag.market.demo.base import _at, _manager, _note, _supplier, call
from handslag.market.models import Call

PROFILES = {
    "sensorbolaget": (
        "Trådlösa sensorer för mark, vatten och fyllnadsgrad, med egen molntjänst och öppna "
        "gränssnitt. Vi har levererat till tre kommuner och deltar gärna i utvecklingsfaser.",
        ["environment", "waste", "transport", "digital"],
    ),
    "vardnara": (
        "Medicinteknisk utrustning för mätning i hemmet (blodtryck, syremättnad, vikt) och "
        "en tjänst som larmar vården vid avvikelser. CE-märkt, i drift i två regioner.",
        ["care", "digital"],
    ),
    "delningstjanst": (
        "En plattform för delning av kommunala resurser – lokaler, fordon och utrustning – "
        "med bokning, behörigheter och statistik för flera kommuner samtidigt.",
        ["sharing", "digital"],
    ),
    "ideburen": (
        "En idéburen organisation som arbetar med måltider och social gemenskap för äldre. "
        "Vi samarbetar med kommuner om matlådor, matsällskap och uppföljning av kostvanor.",
        ["food", "care"],
    ),
}


def _profiles() -> None:
    from handslag.market.models import SupplierProfile

    for key, (capabilities, areas) in PROFILES.items():
        organisation, person = _supplier(key)
        if (
            SupplierProfile.objects.filter(organisation=organisation)
            .exclude(capabilities="")
            .exists()
        ):
            continue
        services.supplier_profile_update(
            actor=person, organisation=organisation, capabilities=capabilities, areas=areas
        )


RFI_TITLE = "RFI: Hemmonitorering i Ekosystem för e-Hälsa"
RFI_QUESTIONS = [
    "Vilka mätvärden kan er lösning samla in i patientens hem, och hur når de vården?",
    "Hur ansluter lösningen till regionens journalsystem och befintliga larmtjänster?",
    "Vilka förutsättningar behöver ni från regionen för att testa lösningen i drift?",
    "Hur skulle ni vilja dela risk och nytta i ett partnerskap med regionen?",
]
RFI_ANSWERS = {
    "vardnara": [
        "Blodtryck, puls, syremättnad och vikt, via CE-märkta mätare och en surfplatta. "
        "Värdena når vårdens portal inom en minut.",
        "Via regionens integrationsplattform; vi har färdiga kopplingar för två larmcentraler.",
        "Tio till tjugo patienter under tre månader och en kontaktperson i varje vårdteam.",
        "Vi föreslår en fast del och en rörlig del som följer uppnådda effekter.",
    ],
    "hemvardsdata": [
        "Blodtryck och vikt, med manuell inmatning som reserv.",
        "Vi behöver en specifikation av gränssnittet; standarden HL7 FHIR fungerar för oss.",
        "Tillgång till en testmiljö för journalsystemet.",
        "",
    ],
    "tryggpuls": [
        "Puls och rörelse via armband, med fallarm.",
        "Larmen går till befintliga trygghetslarmcentraler.",
        "Ett boende eller hemtjänstområde som testmiljö.",
        "Vi har svårt att bära utvecklingsrisk utan ersättning i utvecklingsfasen.",
    ],
    "sensorbolaget": [
        "Temperatur, luftfuktighet och närvaro i bostaden – inte medicinska mätvärden.",
        "",
        "",
        "",
    ],
}


def _home_monitoring_dialogue() -> None:
    """The spring 2019 workshop and RFI before Region Östergötland's negotiated procedure."""
    from handslag.market.models import DialogueEvent, Rfi

    project = base._project("home_monitoring")
    actor = _manager(project) if project else None
    if project is None or actor is None:
        _note("skipped the home_monitoring dialogue: its project is not in the demo data")
        return
    if not DialogueEvent.objects.filter(project=project, title__startswith="Workshop").exists():
        services.dialogue_event_create(
            actor=actor,
            project=project,
            kind="workshop",
            title="Workshop om hemmonitorering med leverantörer",
            starts_at=_at(2019, 4, 24, 9),
            description="En halvdag i Linköping: regionen beskriver behovet och "
            "leverantörerna berättar vad som finns och vad som är möjligt.",
            invited=[_supplier(key)[0] for key in ("vardnara", "hemvardsdata", "tryggpuls")],
        )
    if Rfi.objects.filter(project=project, title=RFI_TITLE).exists():
        return
    with transaction.atomic():
        rfi = services.rfi_create(
            actor=actor,
            project=project,
            title=RFI_TITLE,
            introduction="Region Östergötland vill att fler patienter ska kunna mätas och "
            "följas upp i hemmet. Innan vi upphandlar vill vi veta vad marknaden kan erbjuda "
            "och hur ett partnerskap kan se ut. Att svara förpliktar inte till något.",
            deadline=_at(2019, 6, 3, 23),
            questions=RFI_QUESTIONS,
            area="care",
            now=_at(2019, 5, 6, 9),
        )
        services.rfi_publish(actor=actor, rfi=rfi, now=_at(2019, 5, 6, 9))
        questions = list(rfi.questions.all())
        for number, (key, texts) in enumerate(RFI_ANSWERS.items()):
            organisation, person = _supplier(key)
            services.rfi_respond(
                actor=person,
                rfi=rfi,
                supplier=organisation,
                answers={q.pk: text for q, text in zip(questions, texts, strict=True)},
                now=_at(2019, 5, 20 + number, 14),
            )
        services.rfi_close(actor=actor, rfi=rfi)


SPRINT_COMPANIES = [
    "delningstjanst",
    "ideburen",
    "omsorgsportalen",
    "digitala-distrikt",
    "klarhalsa",
    "axelsson-it",
]


def _residents_sprint() -> None:
    """Innovationsupphandling Syd: innovation sprints with six selected companies."""
    from handslag.market.models import DialogueEvent

    project = base._project("residents")
    actor = _manager(project) if project else None
    if project is None or actor is None:
        _note("skipped the residents sprint: its project is not in the demo data")
        return
    if DialogueEvent.objects.filter(project=project, kind="sprint").exists():
        return
    event = services.dialogue_event_create(
        actor=actor,
        project=project,
        kind="sprint",
        title="Innovationssprint: digital service för kommuninvånare",
        starts_at=_at(2019, 10, 15, 9),
        description="Två dagar i Ystad där sex företag tillsammans med kommunernas "
        "medarbetare prövar idéer mot de behov som kartlagts.",
        invited=[_supplier(key)[0] for key in SPRINT_COMPANIES],
    )
    services.dialogue_event_update(
        actor=actor,
        event=event,
        notes="Sex företag deltog. Flera behov visade sig passa bättre i andra processer "
        "(direktupphandling eller befintliga avtal) och flyttades dit. Två idéer går "
        "vidare till en fördjupad dialog.",
    )


MEALS_QUESTIONS = [
    (
        "ideburen",
        "Kan en idéburen organisation ingå i partnerskapet tillsammans med ett IT-företag, "
        "och hur ska vi i så fall ansöka?",
        "Kan flera organisationer ansöka tillsammans, till exempel en idéburen organisation "
        "och ett IT-företag?",
        "Ja. Flera leverantörer kan ansöka gemensamt. Ange vilken organisation som är "
        "huvudansvarig och hur ni åberopar varandras kapacitet; se avsnittet om "
        "kvalificering i upphandlingsdokumenten.",
    ),
    (
        "sensorbolaget",
        "Sensorbolaget undrar: måste lösningen fungera utan uppkoppling i omsorgstagarens hem?",
        "Måste lösningen fungera utan uppkoppling i omsorgstagarens hem?",
        "Nej, men beställningen ska kunna göras per telefon som reserv när uppkopplingen saknas.",
    ),
    (
        "vardnara",
        "Hur många omsorgstagare ingår i den första testfasen?",
        "",
        "",
    ),
]


def _meals_questions(now: dt.datetime) -> None:
    """Questions on the meals call: two answered to all, one waiting for the buyer."""
    from handslag.market.models import Question

    try:
        meals = call("meals")
    except (Call.DoesNotExist, KeyError):
        _note("skipped the meals questions: the call is not in the demo data")
        return
    actor = _manager(meals.project)
    if actor is None:
        return
    for number, (key, text, published, answer) in enumerate(MEALS_QUESTIONS):
        organisation, person = _supplier(key)
        if Question.objects.filter(call=meals, supplier=organisation, text=text).exists():
            continue
        question = services.question_ask(
            actor=person,
            call=meals,
            supplier=organisation,
            text=text,
            now=now - dt.timedelta(days=8 - number),
        )
        if answer:
            services.question_answer(
                actor=actor,
                question=question,
                answer=answer,
                published_question=published,
                now=now - dt.timedelta(days=6 - number),
            )
