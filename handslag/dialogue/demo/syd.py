"""Innovationsupphandling Syd's innovation sprints with six companies (residents)."""

import datetime as dt

from handslag.dialogue import services
from handslag.dialogue.demo.helpers import (
    K,
    _meeting,
    _note,
    _person,
    _plan,
    _project,
    _stakeholders,
)
from handslag.dialogue.models import Meeting, ParkedIdea

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
        except Exception as error:
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
