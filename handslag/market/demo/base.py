"""What the market demo's steps share: the suppliers, the calls' references and the
look-ups of the projects and the people who act for them.
"""

import datetime as dt
import sys
from zoneinfo import ZoneInfo

from django.core.exceptions import ObjectDoesNotExist

from handslag.accounts import services as accounts
from handslag.accounts.demo import org, person
from handslag.accounts.demo_accounts import DEMO_PASSWORD
from handslag.accounts.models import Organisation, User
from handslag.accounts.roles import OrganisationKind, OrganisationRole, ProjectRole
from handslag.market.models import Call
from handslag.projects import demo as projects_demo
from handslag.projects.models import Project, ProjectMember
from handslag.rules.org_numbers import complete_org_number

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


def _note(message: str) -> None:
    sys.stdout.write(f"market demo: {message}\n")


def _at(year: int, month: int, day: int, hour: int = 12) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=STOCKHOLM)


def call(key: str) -> Call:
    """The demo call of a case (raises Call.DoesNotExist or KeyError when not loaded)."""
    return Call.objects.select_related("project").get(reference=REFERENCES[key])


def _org_number(index: int) -> str:
    return complete_org_number(f"559300{index:03d}")


def _extra_supplier(key: str) -> tuple[Organisation, User]:
    """A fictional supplier with one admin, created through the accounts services if missing."""
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

    return org(key), person(SUPPLIER_PEOPLE[key])


def _project(key: str) -> Project | None:
    try:
        return projects_demo.project(key)
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
