"""Demo calls and applications for the seeds' cases (DESIGN §8). Idempotent.

Runs after projects/demo.py and builds on its projects (handslag.projects.demo.project(key)).
Built through the services, with `now=` set to the historical times, so every rule and
audit entry is the same as for a real call. A case whose project is missing is skipped.

- waste, snow (Växjö, 2021): deadlines passed; suppliers invited to tender (the tendering
  demo opens, evaluates and awards them).
- irrigation (Växjö): application deadline passed, suppliers invited, tender deadline in
  the future relative to the moment of loading, so the tenders stay sealed.
- meals (Växjö): published, applications still open.
- sharing (Trelleborg for Innovationsupphandling Syd, 2019): deadlines passed, invited.
- home_monitoring (Region Östergötland, negotiated procedure, 2019): 21 applications,
  5 invited to tender including Vårdnära Teknik, the rest not qualified, with reasons.

Market dialogue (after the calls):
- supplier profiles with capabilities and areas for the accounts demo's suppliers;
- home_monitoring: the spring 2019 workshop and the RFI that followed, with answers from
  four suppliers (closed);
- residents (Innovationsupphandling Syd): the innovation sprint with six companies;
- meals: questions from suppliers, two answered to all and one still waiting.
"""

import datetime as dt
import sys
from zoneinfo import ZoneInfo

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation

from handslag.accounts.models import Organisation, User
from handslag.accounts.roles import OrganisationKind, OrganisationRole, ProjectRole
from handslag.core.validators import luhn_valid
from handslag.market import services
from handslag.market.models import Call
from handslag.projects.models import Project, ProjectMember

STOCKHOLM = ZoneInfo("Europe/Stockholm")

# Fictional suppliers that applied to Region Östergötland's home-monitoring call, beside the
# suppliers of the accounts demo. key: (name, SME)
EXTRA_SUPPLIERS = {
    "hemvardsdata": ("Hemvårdsdata Sverige AB", True),
    "ostgota-sensor": ("Östgöta Sensorteknik AB", True),
    "tryggpuls": ("TryggPuls AB", True),
    "medtek-linkoping": ("Medicinteknik Linköping AB", True),
    "nordic-telecare": ("Nordisk Televård AB", False),
    "vitalis": ("Vitalis Monitorering AB", True),
    "omsorgsportalen": ("Omsorgsportalen i Norden AB", True),
    "klarhalsa": ("KlarHälsa Digital AB", True),
    "axelsson-it": ("Axelsson IT-konsult AB", True),
    "pulsdata": ("Pulsdata Norrköping AB", True),
    "sjukvardssystem": ("Svenska Sjukvårdssystem AB", False),
    "mobilvard": ("Mobilvård i Sverige AB", True),
    "hjartlinjen": ("Hjärtlinjen Teknik AB", True),
    "carelink": ("Carelink Nordic AB", False),
    "lunds-diagnostik": ("Lunds Diagnostikhus AB", True),
    "vardbrygga": ("Vårdbryggan AB", True),
    "sensa-hem": ("Sensa Hem AB", True),
    "digitala-distrikt": ("Digitala Distriktssköterskan AB", True),
}

# Demo people behind the suppliers of the accounts demo.
SUPPLIER_PEOPLE = {
    "sensorbolaget": "leverantor",
    "vardnara": "vardnara",
    "delningstjanst": "delning",
    "ideburen": "ideburen",
}

REFERENCES = {
    "waste": "HSL-2021-0001",
    "snow": "HSL-2021-0002",
    "irrigation": "HSL-DEMO-0001",
    "meals": "HSL-DEMO-0002",
    "sharing": "HSL-2019-0001",
    "home_monitoring": "HSL-2019-0002",
}

REJECTION_REASONS = [
    "Ansökan visar inte erfarenhet av medicintekniska produkter i drift inom hälso- och "
    "sjukvård, vilket urvalskriteriet kräver.",
    "Referensuppdragen gäller inte uppkopplad mätning i patientens hem och styrker därför "
    "inte den tekniska förmågan.",
    "Den ekonomiska kapaciteten styrks inte: omsättningen understiger kravet i "
    "upphandlingsdokumenten.",
    "Ansökan saknar intyg om informationssäkerhet för hantering av patientdata.",
    "Ansökan beskriver en färdig produkt men ingen förmåga att utveckla lösningen tillsammans "
    "med regionen.",
]

PARTNERSHIP = (
    "Vi söker en partner som utvecklar lösningen tillsammans med oss. Partnerskapet har en "
    "utvecklingsfas med delmål, en testfas i vår verksamhet och därefter köp av den färdiga "
    "lösningen utan ny upphandling. Efter varje fas beslutar vi om att fortsätta eller avsluta "
    "på de villkor som anges i upphandlingsdokumenten. Risker och immateriella rättigheter "
    "delas enligt avtalsvillkoren."
)

SELECTION = (
    "Leverantören ska visa teknisk förmåga (minst ett relevant referensuppdrag), "
    "utvecklingsförmåga och tillräcklig ekonomisk kapacitet för partnerskapets faser."
)

APPLICATION_TEXT = (
    "{supplier} ansöker om att delta. Vi har levererat liknande lösningar till offentliga "
    "beställare och har en utvecklingsavdelning som kan arbeta i faser tillsammans med er. "
    "Referensuppdrag och årsredovisning bifogas."
)


def _note(message: str) -> None:
    sys.stdout.write(f"market demo: {message}\n")


def _at(year: int, month: int, day: int, hour: int = 12) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=STOCKHOLM)


def call(key: str) -> Call:
    """The demo call of a case (raises Call.DoesNotExist or KeyError when not loaded)."""
    return Call.objects.select_related("project").get(reference=REFERENCES[key])


def _org_number(index: int) -> str:
    body = f"559300{index:03d}"
    for digit in "0123456789":
        if luhn_valid(body + digit):
            return f"{body[:6]}-{body[6:]}{digit}"
    raise AssertionError("unreachable")


def _extra_supplier(key: str) -> tuple[Organisation, User]:
    """A fictional supplier with one admin, created through the accounts services if missing."""
    from handslag.accounts import services as accounts
    from handslag.accounts.demo_accounts import DEMO_PASSWORD

    index = list(EXTRA_SUPPLIERS).index(key) + 1
    name, sme = EXTRA_SUPPLIERS[key]
    number = _org_number(index)
    organisation = Organisation.objects.filter(org_number=number).first()
    if organisation is None:
        organisation = accounts.organisation_create(
            actor=None, name=name, kind=OrganisationKind.SUPPLIER, org_number=number, is_sme=sme
        )
    username = f"lev-{key}"
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(
            username=username,
            first_name="Kontakt",
            last_name=name.split(" ")[0],
            email=f"{username}@example.org",
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
    if not user.memberships.filter(organisation=organisation).exists():
        accounts.membership_add(
            actor=None, user=user, organisation=organisation, role=OrganisationRole.ADMIN
        )
    return organisation, user


def _supplier(key: str) -> tuple[Organisation, User]:
    if key in EXTRA_SUPPLIERS:
        return _extra_supplier(key)
    from handslag.accounts.demo import org, person

    return org(key), person(SUPPLIER_PEOPLE[key])


def _project(key: str) -> Project | None:
    try:
        from handslag.projects import demo as projects_demo
    except ImportError:
        return None
    getter = getattr(projects_demo, "project", None)
    if getter is None:
        return None
    try:
        return getter(key)
    except (ObjectDoesNotExist, KeyError, LookupError):
        return None


def _manager(project: Project) -> User | None:
    """The person who writes the call: a procurement officer of the project, else its lead."""
    for role in (ProjectRole.PROCUREMENT_OFFICER, ProjectRole.PROJECT_LEAD):
        member = (
            ProjectMember.objects.filter(project=project, role=role)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        if member is not None:
            return member.user
    return None


def _case(
    key: str,
    *,
    procedure: str,
    published: dt.datetime,
    application_deadline: dt.datetime,
    tender_deadline: dt.datetime,
    applicants: list[tuple[str, str]],
    max_partners: int = 1,
    timetable: str = "",
    area: str = "",
) -> None:
    """One call, published at `published`; applicants as (supplier key, outcome).

    Outcome is "invited", "rejected" or "submitted" (not yet decided).
    """
    if Call.objects.filter(reference=REFERENCES[key]).exists():
        return
    project = _project(key)
    if project is None:
        _note(f"skipped {key}: its project is not in the demo data")
        return
    actor = _manager(project)
    if actor is None:
        _note(f"skipped {key}: the project has no procurement officer or project lead")
        return
    # The summary comes from the project's need statements; a project without them still
    # gets a call that says what it is about.
    summary = services.call_defaults(project=project)["summary"] or (
        f"{project.title}. Vi söker en partner som utvecklar en lösning på behovet "
        "tillsammans med oss."
    )
    with transaction.atomic():
        created = services.call_create(
            actor=actor,
            project=project,
            reference=REFERENCES[key],
            summary=summary,
            partnership_description=PARTNERSHIP,
            selection_criteria=SELECTION,
            timetable=timetable,
            legal_procedure=procedure,
            application_deadline=application_deadline,
            tender_deadline=tender_deadline,
            max_partners=max_partners,
            area=area,
            now=published - dt.timedelta(days=7),
        )
        services.call_publish(actor=actor, call=created, now=published)
        decided_at = application_deadline + dt.timedelta(days=2)
        invited_at = application_deadline + dt.timedelta(days=3)
        rejections = iter(REJECTION_REASONS * 4)
        for number, (supplier_key, outcome) in enumerate(applicants):
            organisation, person = _supplier(supplier_key)
            application = services.application_create(
                actor=person,
                call=created,
                supplier=organisation,
                text=APPLICATION_TEXT.format(supplier=organisation.name),
                now=published + dt.timedelta(days=3, hours=number),
            )
            if outcome == "submitted":
                continue
            services.application_decide(
                actor=actor,
                application=application,
                qualified=outcome == "invited",
                reason=(
                    "Uppfyller samtliga urvalskriterier."
                    if outcome == "invited"
                    else next(rejections)
                ),
                now=decided_at,
            )
        services.application_invite_qualified(actor=actor, call=created, now=invited_at)


def load() -> None:
    with translation.override("sv"):
        _load()


def _load() -> None:
    # Today at noon, Swedish time: relative deadlines fall at a sensible hour.
    today = timezone.localdate(timezone=STOCKHOLM)
    now = dt.datetime(today.year, today.month, today.day, 12, tzinfo=STOCKHOLM)
    cases = [
        (
            "waste",
            {
                "area": "waste",
                "procedure": "innovation_partnership",
                "published": _at(2021, 3, 1, 9),
                "application_deadline": _at(2021, 4, 6),
                "tender_deadline": _at(2021, 5, 17),
                "applicants": [
                    ("sensorbolaget", "invited"),
                    ("ostgota-sensor", "invited"),
                    ("ideburen", "rejected"),
                ],
                "timetable": "Dialogmöten under våren 2021, tilldelning i juni, "
                "utvecklingsfasen startar hösten 2021.",
            },
        ),
        (
            "snow",
            {
                "area": "transport",
                "procedure": "innovation_partnership",
                "published": _at(2021, 9, 1, 9),
                "application_deadline": _at(2021, 10, 4),
                "tender_deadline": _at(2021, 11, 15),
                "applicants": [("sensorbolaget", "invited"), ("axelsson-it", "invited")],
                "timetable": "Tilldelning i december 2021, test under vintersäsongen 2022.",
            },
        ),
        (
            "irrigation",
            {
                "area": "environment",
                "procedure": "innovation_partnership",
                "published": now - dt.timedelta(days=60),
                "application_deadline": now - dt.timedelta(days=25),
                "tender_deadline": now + dt.timedelta(days=20),
                "applicants": [
                    ("sensorbolaget", "invited"),
                    ("klarhalsa", "rejected"),
                    ("pulsdata", "invited"),
                ],
                "timetable": "Anbudsöppning direkt efter sista dag för anbud, därefter "
                "förhandling och tilldelning.",
            },
        ),
        (
            "meals",
            {
                "area": "food",
                "procedure": "innovation_partnership",
                "published": now - dt.timedelta(days=10),
                "application_deadline": now + dt.timedelta(days=25),
                "tender_deadline": now + dt.timedelta(days=70),
                "applicants": [("ideburen", "submitted")],
                "max_partners": 2,
            },
        ),
        (
            "sharing",
            {
                "area": "sharing",
                "procedure": "innovation_partnership",
                "published": _at(2019, 3, 1, 9),
                "application_deadline": _at(2019, 4, 5),
                "tender_deadline": _at(2019, 5, 20),
                "applicants": [
                    ("delningstjanst", "invited"),
                    ("omsorgsportalen", "invited"),
                    ("mobilvard", "rejected"),
                ],
                "timetable": "Avtal hösten 2019, införande i de sex kommunerna från januari 2020.",
            },
        ),
        (
            "home_monitoring",
            {
                "area": "care",
                "procedure": "negotiated_with_publication",
                "published": _at(2019, 9, 2, 9),
                "application_deadline": _at(2019, 10, 7),
                "tender_deadline": _at(2019, 11, 18),
                "applicants": [
                    ("vardnara", "invited"),
                    ("hemvardsdata", "invited"),
                    ("tryggpuls", "invited"),
                    ("medtek-linkoping", "invited"),
                    ("nordic-telecare", "invited"),
                    ("sensorbolaget", "rejected"),
                    ("ideburen", "rejected"),
                    *[
                        (supplier_key, "rejected")
                        for supplier_key in EXTRA_SUPPLIERS
                        if supplier_key
                        not in ("hemvardsdata", "tryggpuls", "medtek-linkoping", "nordic-telecare")
                    ][:14],
                ],
                "timetable": "Förhandling under hösten 2019, tilldelning på kostnad och kvalitet, "
                "avtal i mars 2020.",
            },
        ),
    ]
    for key, spec in cases:
        try:
            _case(key, **spec)
        except (ValidationError, PermissionDenied) as error:
            messages = getattr(error, "messages", [str(error)])
            _note(f"stopped {key}: {'; '.join(str(m) for m in messages)}")
    for name, step in (
        ("supplier profiles", _profiles),
        ("home_monitoring dialogue", _home_monitoring_dialogue),
        ("residents sprint", _residents_sprint),
        ("meals questions", lambda: _meals_questions(now)),
    ):
        try:
            step()
        except (ValidationError, PermissionDenied) as error:
            messages = getattr(error, "messages", [str(error)])
            _note(f"stopped {name}: {'; '.join(str(m) for m in messages)}")


# --- Market dialogue ---------------------------------------------------------------------------

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

    project = _project("home_monitoring")
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

    project = _project("residents")
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
