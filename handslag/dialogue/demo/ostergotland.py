"""Region Östergötland's workshop and RFI session (home monitoring)."""

import datetime as dt

from handslag.dialogue.demo.helpers import (
    K,
    _meeting,
    _note,
    _person,
    _plan,
    _project,
    _stakeholders,
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
