"""Demo dialogue from the seeds' cases (DESIGN §8): Växjö's dialogue meetings before the
call and through the partnerships (waste, snow), Innovationsupphandling Syd's innovation
sprints with six companies (residents), and Region Östergötland's workshop and RFI session
(home monitoring). Stakeholders and a communication plan for the same cases.

Built through the services. Idempotent: a meeting is looked up by project, title and date,
a stakeholder by project and name, a line of the plan by project, audience and date, a
parked idea by its title; what exists is left as it is. A case whose project (or whose
people) the earlier loaders did not create is skipped.
"""

import datetime as dt
import sys

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone, translation

from handslag.accounts.models import Organisation, User
from handslag.accounts.roles import OrganisationKind
from handslag.dialogue import services
from handslag.dialogue.models import (
    CommunicationItem,
    Meeting,
    MeetingKind,
    ParkedIdea,
    Stakeholder,
)
from handslag.projects.models import Project

K = MeetingKind


def _note(message: str) -> None:
    sys.stdout.write(f"dialogue demo: {message}\n")


def _project(key: str) -> Project | None:
    try:
        from handslag.projects.demo import project
    except ImportError:
        return None
    try:
        return project(key)
    except (ObjectDoesNotExist, KeyError, LookupError):
        return None


def _person(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _suppliers(*names: str) -> list[Organisation]:
    """The supplier organisations with these names that the earlier loaders created."""
    return list(
        Organisation.objects.filter(kind=OrganisationKind.SUPPLIER, name__in=names).order_by("name")
    )


def _meeting(
    project: Project,
    actor: User,
    *,
    kind: str,
    title: str,
    held_on: dt.date,
    people: list[str],
    suppliers: list[str] = (),
    external: str = "",
    notes: str = "",
    decisions: str = "",
    actions: list[tuple[str, str, dt.date, bool]] = (),
) -> Meeting | None:
    existing = Meeting.objects.filter(project=project, title=title, held_on=held_on).first()
    if existing is not None:
        return existing
    meeting = services.meeting_create(
        actor=actor,
        project=project,
        kind=kind,
        title=title,
        held_on=held_on,
        notes=notes,
        decisions=decisions,
        external_participants=external,
        internal_participants=[p for p in (_person(u) for u in people) if p is not None],
        supplier_organisations=_suppliers(*suppliers),
    )
    for text, owner, due_on, done in actions:
        action = services.action_add(
            actor=actor,
            meeting=meeting,
            text=text,
            owner=_person(owner) or actor,
            due_on=due_on,
        )
        if done:
            finished = min(due_on, timezone.localdate())
            services.action_set_done(
                actor=actor,
                action=action,
                done=True,
                now=timezone.make_aware(dt.datetime.combine(finished, dt.time(15, 0))),
            )
    return meeting


def _stakeholders(
    project: Project, actor: User, rows: list[tuple[str, int, int, str, str]]
) -> None:
    for name, interest, influence, description, strategy in rows:
        if Stakeholder.objects.filter(project=project, name=name).exists():
            continue
        services.stakeholder_create(
            actor=actor,
            project=project,
            name=name,
            interest=interest,
            influence=influence,
            description=description,
            strategy=strategy,
        )


def _plan(
    project: Project, actor: User, rows: list[tuple[str, str, dt.date, str, str, bool]]
) -> None:
    for audience, message, planned_on, channel, responsible, done in rows:
        if CommunicationItem.objects.filter(
            project=project, audience=audience, planned_on=planned_on
        ).exists():
            continue
        stakeholder = Stakeholder.objects.filter(project=project, name=audience).first()
        item = services.communication_create(
            actor=actor,
            project=project,
            audience=audience,
            stakeholder=stakeholder,
            message=message,
            planned_on=planned_on,
            channel=channel,
            responsible=_person(responsible) or actor,
        )
        if done:
            services.communication_set_done(
                actor=actor,
                item=item,
                done=True,
                now=timezone.make_aware(dt.datetime.combine(planned_on, dt.time(16, 0))),
            )


def _days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


VAXJO_PEOPLE = ["upphandlare", "behovsagare", "utvarderare"]


def _load_waste() -> None:
    project = _project("waste")
    actor = _person("upphandlare")
    if project is None or actor is None:
        _note("skipping waste: the project or its procurement officer is missing")
        return
    _meeting(
        project,
        actor,
        kind=K.INTERNAL,
        title="Behovsworkshop med renhållningen",
        held_on=dt.date(2020, 11, 12),
        people=VAXJO_PEOPLE,
        external="Två chaufförer från renhållningen\nArbetsledare, tekniska förvaltningen",
        notes="Chaufförerna beskrev hur många kärl som töms halvfulla. Vi formulerade behovet "
        "som effekter – färre transporter, lika god service – inte som krav på en teknik.",
        decisions="Behovet beskrivs som tömning efter fyllnadsgrad, inte som en viss sensor\n"
        "Marknadsdialog före annonsering",
        actions=[
            (
                "Sammanställa utgångsläget: antal tömningar och körda mil per år",
                "behovsagare",
                dt.date(2020, 12, 4),
                True,
            ),
        ],
    )
    _meeting(
        project,
        actor,
        kind=K.SUPPLIER,
        title="Dialogmöte med leverantörer om sophämtning efter behov",
        held_on=dt.date(2021, 2, 9),
        people=VAXJO_PEOPLE,
        suppliers=["Sensorbolaget i Småland AB", "Östgöta Sensorteknik AB"],
        external="Ali Haddad, Sensorbolaget i Småland AB\nTvå representanter för Östgöta "
        "Sensorteknik AB",
        notes="Vi presenterade behovet och de förväntade effekterna. Leverantörerna ser att "
        "nivågivare finns, men inte integration med ruttplaneringen – där behövs utveckling. "
        "En leverantör föreslog sensorer även i parkernas papperskorgar.",
        decisions="Annonsen beskriver effekterna, inte tekniken\n"
        "Papperskorgar i parker ligger utanför avgränsningen",
        actions=[
            (
                "Skicka ut frågor och svar från mötet till alla leverantörer samtidigt",
                "upphandlare",
                dt.date(2021, 2, 16),
                True,
            ),
            (
                "Stämma av integrationen med ruttplaneringssystemet med IT",
                "utvarderare",
                dt.date(2021, 2, 26),
                True,
            ),
        ],
    )
    _meeting(
        project,
        actor,
        kind=K.CHECK_IN,
        title="Avstämning med partnern: utvecklingsfasen",
        held_on=dt.date(2021, 11, 23),
        people=["upphandlare", "behovsagare"],
        suppliers=["Sensorbolaget i Småland AB"],
        external="Ali Haddad, Sensorbolaget i Småland AB",
        notes="Prototypen mäter fyllnadsgrad i 40 kärl. Batteritiden är kortare än väntat i kyla.",
        decisions="Testet förlängs över vintern",
        actions=[
            (
                "Ta fram mätpunkter för batteritid i minusgrader",
                "behovsagare",
                dt.date(2021, 12, 17),
                True,
            ),
        ],
    )
    _meeting(
        project,
        actor,
        kind=K.CHECK_IN,
        title="Månadsavstämning med partnern",
        held_on=_days(-21),
        people=VAXJO_PEOPLE,
        suppliers=["Sensorbolaget i Småland AB"],
        external="Ali Haddad, Sensorbolaget i Småland AB",
        notes="Färre tömningar på de testade rutterna. Chaufförerna vill se fyllnadsgraden "
        "i hytten innan de kör.",
        decisions="Visning i hytten tas med i nästa delleverans",
        actions=[
            (
                "Ta fram underlag för beslutspunkten efter testfasen",
                "upphandlare",
                _days(-5),
                False,
            ),
            ("Mäta körda mil på testrutterna mot utgångsläget", "behovsagare", _days(14), False),
            (
                "Boka chaufförer till användartest av visningen i hytten",
                "behovsagare",
                _days(-10),
                True,
            ),
        ],
    )
    _stakeholders(
        project,
        actor,
        [
            (
                "Chaufförer på renhållningen",
                5,
                3,
                "Använder lösningen varje dag.",
                "Med i användartester och på avstämningarna.",
            ),
            (
                "Tekniska nämnden",
                3,
                5,
                "Beslutar om budget och avrop efter partnerskapet.",
                "Lägesrapport inför varje beslutspunkt.",
            ),
            ("Hushåll med sopkärl", 2, 1, "Märker om tömningen missas.", "Information på webben."),
            (
                "IT-avdelningen",
                3,
                4,
                "Ansvarar för integrationen med ruttplaneringen.",
                "Med i dialogen om integration och drift.",
            ),
        ],
    )
    _plan(
        project,
        actor,
        [
            (
                "Tekniska nämnden",
                "Lägesrapport: utvecklingsfasen och nästa beslutspunkt",
                dt.date(2021, 12, 8),
                "meeting",
                "upphandlare",
                True,
            ),
            (
                "Chaufförer på renhållningen",
                "Hur testet går och vad som ändras i rutterna",
                _days(-3),
                "meeting",
                "behovsagare",
                False,
            ),
            (
                "Hushåll med sopkärl",
                "Varför tömningen nu sker efter behov",
                _days(30),
                "web",
                "behovsagare",
                False,
            ),
            (
                "Tekniska nämnden",
                "Resultat från testfasen och förslag om avrop",
                _days(45),
                "meeting",
                "upphandlare",
                False,
            ),
        ],
    )


def _load_snow() -> None:
    project = _project("snow")
    actor = _person("upphandlare")
    if project is None or actor is None:
        _note("skipping snow: the project or its procurement officer is missing")
        return
    _meeting(
        project,
        actor,
        kind=K.SUPPLIER,
        title="Dialogmöte om beslutsstöd för snöröjning",
        held_on=dt.date(2021, 8, 18),
        people=VAXJO_PEOPLE,
        suppliers=["Sensorbolaget i Småland AB", "Axelsson IT-konsult AB"],
        external="Ali Haddad, Sensorbolaget i Småland AB\nKontakt, Axelsson IT-konsult AB",
        notes="Leverantörerna frågade vilka väderdata kommunen har tillgång till och hur "
        "entreprenörerna tar emot uppdrag i dag.",
        decisions="Vägväderdata från Trafikverket ska kunna användas\n"
        "Entreprenörerna bjuds in till nästa möte",
        actions=[
            (
                "Ta reda på villkoren för Trafikverkets vägväderdata",
                "utvarderare",
                dt.date(2021, 8, 31),
                True,
            ),
        ],
    )
    _meeting(
        project,
        actor,
        kind=K.WORKSHOP,
        title="Workshop med entreprenörer och arbetsledare",
        held_on=dt.date(2022, 1, 20),
        people=VAXJO_PEOPLE,
        suppliers=["Sensorbolaget i Småland AB"],
        external="Tre snöröjningsentreprenörer\nArbetsledare för vinterväghållningen",
        notes="Vi gick igenom hur ett utryckningsbeslut fattas i dag: många samtal och sms "
        "mitt i natten.",
        decisions="Beslutsstödet ska föreslå, inte beordra, utryckning",
        actions=[
            (
                "Skriva ner dagens beslutsgång som underlag för partnern",
                "behovsagare",
                dt.date(2022, 2, 4),
                True,
            ),
        ],
    )
    _meeting(
        project,
        actor,
        kind=K.CHECK_IN,
        title="Avstämning inför vintersäsongen",
        held_on=_days(-8),
        people=["upphandlare", "behovsagare"],
        suppliers=["Sensorbolaget i Småland AB"],
        notes="Partnern har byggt in prognoser för halka per område.",
        decisions="Testet körs i två områden i vinter",
        actions=[
            ("Utbilda arbetsledarna i beslutsstödet", "behovsagare", _days(10), False),
            (
                "Avtala rapportering av utryckningar med entreprenörerna",
                "upphandlare",
                _days(20),
                False,
            ),
        ],
    )
    _stakeholders(
        project,
        actor,
        [
            (
                "Snöröjningsentreprenörer",
                4,
                3,
                "Utför utryckningarna.",
                "Med i workshopar och test.",
            ),
            (
                "Arbetsledare för vinterväghållningen",
                5,
                4,
                "Fattar utryckningsbesluten.",
                "Med på avstämningarna.",
            ),
        ],
    )


RESIDENTS_COMPANIES = [
    "Vårdnära Teknik AB",
    "Delningstjänst Nord AB",
    "Idéburna Digitalhjälpen",
    "KlarHälsa Digital AB",
    "Omsorgsportalen i Norden AB",
    "Axelsson IT-konsult AB",
]
SYD_PEOPLE = ["syd-projektledare", "ystad-behov", "radgivare"]


def _load_residents() -> None:
    project = _project("residents")
    actor = _person("syd-projektledare")
    if project is None or actor is None:
        _note("skipping residents: the project or its project lead is missing")
        return
    companies = "\n".join(f"Två deltagare från {name}" for name in RESIDENTS_COMPANIES)
    _meeting(
        project,
        actor,
        kind=K.INTERNAL,
        title="Behovskartläggning med Ystads verksamheter",
        held_on=dt.date(2019, 3, 14),
        people=SYD_PEOPLE,
        external="Representanter för kundtjänst, bygglov och socialtjänst, Ystads kommun",
        notes="Många behov kom fram. Flera av dem löses bäst i andra processer: vanlig "
        "upphandling, IT-förvaltning eller verksamhetsutveckling.",
        decisions="Tre behov går vidare till innovationssprintar\n"
        "Övriga behov lämnas till andra processer",
        actions=[
            (
                "Lämna över behoven som inte går vidare till ansvariga förvaltningar",
                "ystad-behov",
                dt.date(2019, 4, 12),
                True,
            ),
        ],
    )
    for number, (held_on, theme) in enumerate(
        [
            (dt.date(2019, 9, 18), "förstå invånarnas ärenden"),
            (dt.date(2019, 10, 16), "prototyper för digital service"),
            (dt.date(2019, 11, 13), "test med invånare och handläggare"),
        ],
        start=1,
    ):
        _meeting(
            project,
            actor,
            kind=K.SPRINT,
            title=f"Innovationssprint {number}: {theme}",
            held_on=held_on,
            people=SYD_PEOPLE,
            suppliers=RESIDENTS_COMPANIES,
            external=companies,
            notes="Sex utvalda företag arbetade i blandade grupper med kommunens "
            "handläggare under en heldag.",
            decisions="Resultaten sammanfattas och delas med alla sex företagen samtidigt",
            actions=[
                (
                    "Dela sammanfattningen med alla deltagande företag",
                    "syd-projektledare",
                    held_on + dt.timedelta(days=7),
                    True,
                ),
            ],
        )
    idea_title = "Digital bokning av lokaler för föreningar"
    if not ParkedIdea.objects.filter(project=project, challenge__title=idea_title).exists():
        try:
            services.idea_park(
                actor=actor,
                project=project,
                title=idea_title,
                description="Under sprintarna föreslog flera företag att föreningar ska "
                "kunna boka kommunens lokaler digitalt.",
                reason="Ligger utanför arbetspaketets avgränsning; finns redan som "
                "standardprodukt och kan köpas i vanlig upphandling.",
                meeting=Meeting.objects.filter(
                    project=project, title__startswith="Innovationssprint 2"
                ).first(),
            )
        except Exception as error:  # noqa: BLE001 - the demo goes on without the idea
            _note(f"could not park the residents idea: {error}")
    _stakeholders(
        project,
        actor,
        [
            ("Invånare i Ystad", 4, 2, "Använder tjänsterna.", "Med i test under sprint 3."),
            (
                "Handläggare i kundtjänst",
                5,
                3,
                "Tar emot ärendena i dag.",
                "Deltar i alla sprintar.",
            ),
            (
                "Kommunledningen i Ystad",
                2,
                5,
                "Beslutar om fortsättningen.",
                "Kort lägesrapport efter varje sprint.",
            ),
        ],
    )
    _plan(
        project,
        actor,
        [
            (
                "Kommunledningen i Ystad",
                "Vad sprintarna gav och förslag till fortsättning",
                dt.date(2019, 12, 4),
                "meeting",
                "ystad-behov",
                True,
            ),
            (
                "Invånare i Ystad",
                "Inbjudan att testa prototyperna",
                dt.date(2019, 11, 1),
                "social",
                "ystad-behov",
                True,
            ),
        ],
    )


OG_PEOPLE = ["og-upphandlare", "og-behov", "og-oppnare"]


def _load_home_monitoring() -> None:
    project = _project("home_monitoring")
    actor = _person("og-upphandlare")
    if project is None or actor is None:
        _note("skipping home_monitoring: the project or its procurement officer is missing")
        return
    _meeting(
        project,
        actor,
        kind=K.WORKSHOP,
        title="Workshop om behovet av hemmonitorering",
        held_on=dt.date(2019, 5, 15),
        people=OG_PEOPLE,
        external="Sjuksköterskor och läkare från primärvården\nTvå patientrepresentanter\n"
        "Representanter för kommunernas hemsjukvård",
        notes="Vården och patienterna beskrev vad som ska mätas hemma och hur larm ska tas "
        "om hand. Behovet formulerades efter workshopen.",
        decisions="Behovet formuleras som funktion och effekt\nEn RFI skickas till marknaden",
        actions=[
            (
                "Skriva behovsbeskrivningen utifrån workshopen",
                "og-behov",
                dt.date(2019, 5, 29),
                True,
            ),
            ("Ta fram frågorna till RFI:n", "og-upphandlare", dt.date(2019, 6, 7), True),
        ],
    )
    _meeting(
        project,
        actor,
        kind=K.RFI,
        title="RFI-möte med leverantörer om hemmonitorering",
        held_on=dt.date(2019, 8, 21),
        people=OG_PEOPLE,
        suppliers=["Vårdnära Teknik AB", "Hemvårdsdata Sverige AB", "TryggPuls AB"],
        external="Nils Åberg, Vårdnära Teknik AB\nRepresentanter för fem andra leverantörer",
        notes="Leverantörerna gick igenom sina svar på RFI:n. Flera påpekade att "
        "partnerskapet behöver synas i de kommersiella villkoren, inte bara i "
        "beskrivningen.",
        decisions="Förhandlat förfarande med föregående annonsering\n"
        "Riskdelningen ses över i avtalsvillkoren",
        actions=[
            (
                "Sammanfatta RFI-svaren och publicera sammanfattningen",
                "og-upphandlare",
                dt.date(2019, 9, 6),
                True,
            ),
            (
                "Se över riskdelning och betalning i avtalsvillkoren",
                "og-oppnare",
                dt.date(2019, 9, 27),
                True,
            ),
        ],
    )
    _meeting(
        project,
        actor,
        kind=K.CHECK_IN,
        title="Avstämning om införandet under pandemin",
        held_on=dt.date(2020, 4, 22),
        people=["og-upphandlare", "og-behov"],
        suppliers=["Vårdnära Teknik AB"],
        notes="Vården har inte möjlighet att ta emot införandet nu.",
        decisions="Införandet skjuts upp",
        actions=[
            (
                "Ny tidplan för införandet tillsammans med leverantören",
                "og-behov",
                dt.date(2020, 6, 15),
                True,
            ),
        ],
    )
    _stakeholders(
        project,
        actor,
        [
            (
                "Patienter med kroniska sjukdomar",
                5,
                2,
                "Mäter sina värden hemma.",
                "Patientrepresentanter i workshop och test.",
            ),
            (
                "Primärvårdens personal",
                5,
                4,
                "Tar emot mätvärden och larm.",
                "Med i workshop, utvärdering och införande.",
            ),
            (
                "Regionens ledning",
                2,
                5,
                "Beslutar om finansiering.",
                "Rapport vid tilldelning och vid införande.",
            ),
            (
                "Kommunernas hemsjukvård",
                4,
                3,
                "Delar ansvaret för patienterna hemma.",
                "Bjuds in till workshop och avstämningar.",
            ),
        ],
    )
    _plan(
        project,
        actor,
        [
            (
                "Leverantörer",
                "Sammanfattning av RFI-svaren",
                dt.date(2019, 9, 6),
                "web",
                "og-upphandlare",
                True,
            ),
            (
                "Regionens ledning",
                "Tilldelningsbeslut och avtal",
                dt.date(2020, 3, 20),
                "meeting",
                "og-upphandlare",
                True,
            ),
            (
                "Primärvårdens personal",
                "Ny tidplan för införandet",
                dt.date(2020, 6, 30),
                "email",
                "og-behov",
                True,
            ),
        ],
    )


def load() -> None:
    with translation.override("sv"):
        _load_waste()
        _load_snow()
        _load_residents()
        _load_home_monitoring()
