"""Three worlds around one call whose tender deadline has passed but which is not opened.

The worlds differ only in the sealed tenders: none, one (supplier A) or two (A and B).
Everything else is built first, in the same order, with the clock, the random sources
and the factory sequences fixed, so every object but a tender has the same id and the
same fields in every world. The tenders come last.
"""

import base64
import contextlib
import datetime as dt
import random
import secrets
import uuid
from collections.abc import Iterator
from types import SimpleNamespace
from unittest import mock

import factory
import factory.random
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from handslag.accounts.roles import OrganisationRole, ProjectRole
from handslag.accounts.services import api_token_create
from handslag.accounts.tests.factories import OrganisationFactory, UserFactory, buyer, member
from handslag.benefits.tests.factories import simple_model
from handslag.dialogue.tests.factories import (
    make_action,
    make_communication,
    make_meeting,
    make_stakeholder,
)
from handslag.disclosure import services as disclosure_services
from handslag.evaluation.tests.factories import Scenario, invited_supplier_user
from handslag.needs.tests.factories import ChallengeFactory, ExpectedEffectFactory
from handslag.projects.services.risks import risk_create
from handslag.projects.tests.factories import ProjectMemberFactory, make_project, need_statement

# The world is built at BUILT (tenders are in before the deadline) and walked at WALKED,
# one hour after the deadline and before anyone has opened.
BUILT = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
DEADLINE = BUILT + dt.timedelta(days=1)
WALKED = DEADLINE + dt.timedelta(hours=1)
SEED = 20260302
PDF = b"%PDF-1.7\n" + b"bilaga\n" * 40 + b"%%EOF\n"
TEXT_A = "Vi levererar sensorer i varje brunn. Timpriset för våra tekniker är 950 kr."
TEXT_B = "Vi erbjuder en plattform för läckagesökning. Vår underleverantör är Åkessons AB."

# The people who walk every URL: the buyer's team in each role, a colleague outside the
# team, the team's external advisor, a buyer elsewhere and the staff superuser of the admin.
PERSONAS = (
    "procurement_officer",
    "project_lead",
    "opening_official",
    "need_owner",
    "evaluator",
    "external_advisor",
    "staff_outside_team",
    "other_buyer",
    "superuser",
)


def _factories() -> Iterator[type]:
    stack = [factory.base.Factory]
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        yield cls


def _own_counters() -> list:
    options = []
    for cls in _factories():
        meta = getattr(cls, "_meta", None)
        if meta is not None and meta.model is not None and meta.counter_reference is meta:
            options.append(meta)
    return options


@contextlib.contextmanager
def fixed_sequences() -> Iterator[None]:
    """Start every factory sequence at 0 inside, and give them back their values after."""
    saved = []
    for meta in _own_counters():
        meta._initialize_counter()
        saved.append((meta, meta._counter.seq))
    try:
        for meta, _ in saved:
            meta.reset_sequence(0)
        yield
    finally:
        for meta, seq in saved:
            meta.reset_sequence(seq)


@contextlib.contextmanager
def fixed_randomness(seed: int) -> Iterator[None]:
    """Names, organisation numbers, tokens and ids drawn while building repeat per world."""
    rng = random.Random(seed)

    def token_bytes(n: int | None = None) -> bytes:
        return rng.randbytes(32 if n is None else n)

    def token_hex(n: int | None = None) -> str:
        return token_bytes(n).hex()

    def token_urlsafe(n: int | None = None) -> str:
        return base64.urlsafe_b64encode(token_bytes(n)).rstrip(b"=").decode()

    state = random.getstate()
    random.seed(seed)
    factory.random.reseed_random(seed)
    with (
        # get_random_string() draws with secrets.choice: password salts, for one.
        mock.patch.object(secrets, "choice", rng.choice),
        mock.patch.object(secrets, "token_bytes", token_bytes),
        mock.patch.object(secrets, "token_hex", token_hex),
        mock.patch.object(secrets, "token_urlsafe", token_urlsafe),
        mock.patch.object(uuid, "uuid4", lambda: uuid.UUID(int=rng.getrandbits(128), version=4)),
    ):
        try:
            yield
        finally:
            random.setstate(state)


class Sequences:
    """PostgreSQL's sequences do not roll back; put them back where they were."""

    def __init__(self) -> None:
        self.saved: list[tuple[str, int, bool]] = []
        if connection.vendor != "postgresql":
            return  # SQLite keeps AUTOINCREMENT in a table, which rolls back.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT schemaname || '.' || quote_ident(sequencename),"
                " COALESCE(last_value, start_value), last_value IS NOT NULL FROM pg_sequences"
                " WHERE schemaname = current_schema()"
            )
            self.saved = list(cursor.fetchall())

    def restore(self) -> None:
        with connection.cursor() as cursor:
            for name, value, called in self.saved:
                cursor.execute("SELECT setval(%s, %s, %s)", [name, value, called])


def _common() -> SimpleNamespace:
    """Everything but the tenders: the project, its need, its team and the call."""
    organisation = buyer(name="Exempelby kommun")
    founder = member(organisation, OrganisationRole.PROCUREMENT_OFFICER)
    need = need_statement(organisation, title="Automatisk bevattning", created_by=founder)
    ExpectedEffectFactory(need=need)
    project = make_project(lead=founder, organisation=organisation, needs=[need])
    s = Scenario(project=project, tender_deadline=DEADLINE, reference="EXB-2026-1")
    s.organisation, s.need, s.founder = organisation, need, founder
    s.supplier_c = invited_supplier_user(s.call)  # invited, and never tenders
    s.advisor = member(OrganisationFactory(kind="partner"))
    ProjectMemberFactory(project=project, user=s.advisor, role=ProjectRole.EXTERNAL_ADVISOR)
    s.other_buyer = member(buyer(name="Grannstad kommun"), OrganisationRole.PROCUREMENT_OFFICER)
    s.superuser = UserFactory(username="admin", is_staff=True, is_superuser=True)
    s.challenge = ChallengeFactory(organisation=organisation, submitted_by=s.team)
    s.risk = risk_create(
        actor=s.lead, project=project, title="Sensorerna räcker inte", probability=2, impact=3
    )
    s.meeting = make_meeting(project, s.lead)
    s.action = make_action(s.meeting, s.lead)
    s.stakeholder = make_stakeholder(project, s.lead)
    s.communication = make_communication(project, s.lead)
    s.benefit_model = simple_model(project=project, created_by=s.lead)
    s.people = {
        "procurement_officer": s.officer,
        "project_lead": s.lead,
        "opening_official": s.official,
        "need_owner": s.team,
        "evaluator": s.evaluator,
        "external_advisor": s.advisor,
        "staff_outside_team": s.outsider_staff,
        "other_buyer": s.other_buyer,
        "superuser": s.superuser,
    }
    s.tokens = {
        name: api_token_create(actor=user, name="Secrecy walk").raw
        for name, user in s.people.items()
    }
    s.tenders, s.files, s.claim_ids = [], [], []
    return s


def _tender(s: SimpleNamespace, user, text: str, price: str, files: int) -> None:
    uploads = [SimpleUploadedFile(f"bilaga-{n}.pdf", PDF + bytes([n])) for n in range(files)]
    tender = s.submit(user, content=text, price=price, files=uploads)
    s.tenders.append(tender)
    s.files.extend(tender.files.order_by("pk"))
    claim = disclosure_services.claim_add(
        actor=user, tender=tender, passage=text.split(". ")[1], reason="Affärshemlighet."
    )
    s.claim_ids.append(claim["id"])


def _after_the_tenders(s: SimpleNamespace) -> None:
    """The team goes on working while the tenders lie sealed. What it records now is
    numbered after the tenders in any table the tenders also write to (the audit log):
    those ids must not tell how many tenders came in."""
    s.later_risk = risk_create(
        actor=s.lead, project=s.project, title="Leveransen försenas", probability=3, impact=2
    )
    s.later_stakeholder = make_stakeholder(s.project, s.officer, name="Parkförvaltningen")


def build(tenders: int) -> SimpleNamespace:
    """The world with `tenders` sealed tenders (0, 1 or 2), left at the walking time."""
    with fixed_sequences(), fixed_randomness(SEED), time_machine.travel(BUILT, tick=False):
        s = _common()
        if tenders >= 1:
            _tender(s, s.supplier_a, TEXT_A, "100000", files=1)
        if tenders >= 2:
            # B first sends one version, then replaces it with another, with two files.
            _tender(s, s.supplier_b, TEXT_B + " Utkast.", "95000", files=0)
            _tender(s, s.supplier_b, TEXT_B, "90000", files=2)
        _after_the_tenders(s)
    s.count = tenders
    return s
