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
