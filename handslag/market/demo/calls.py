"""The demo calls and their applications, and load(), which builds them and then the
market dialogue.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation

from handslag.market import extensions, services
from handslag.market.demo import base
from handslag.market.demo.base import (
    EXTRA_SUPPLIERS,
    REFERENCES,
    STOCKHOLM,
    _at,
    _manager,
    _note,
    _supplier,
)
from handslag.market.demo.dialogue import (
    _home_monitoring_dialogue,
    _meals_questions,
    _profiles,
    _residents_sprint,
)
from handslag.market.models import Call

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
    project = base._project(key)
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
        # The criteria and the evaluation model are the evaluation's; a call is published
        # only with them (market.extensions).
        extensions.demo_call_setup(call=created, actor=actor, now=published - dt.timedelta(days=1))
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
