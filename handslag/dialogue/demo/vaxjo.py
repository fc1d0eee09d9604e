"""Växjö's dialogue meetings before the call and through the partnerships (waste, snow)."""

import datetime as dt

from handslag.dialogue.demo.helpers import (
    K,
    _days,
    _meeting,
    _note,
    _person,
    _plan,
    _project,
    _stakeholders,
)

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
