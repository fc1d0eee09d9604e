"""Factories for tendering tests: projects with a team, calls, applications and tenders."""

import datetime as dt
from decimal import Decimal

import factory

from handslag.accounts.roles import ProjectRole
from handslag.accounts.tests.factories import member, supplier
from handslag.market.models import Call
from handslag.tendering import services
from handslag.testing import factories as shared
from handslag.testing.api import bearer
from handslag.testing.factories import ProjectFactory, ProjectMemberFactory, team_member

__all__ = [
    "ApplicationFactory",
    "CallFactory",
    "ProjectFactory",
    "ProjectMemberFactory",
    "Scenario",
    "invited_supplier_user",
    "team_member",
]


class CallFactory(shared.CallFactory):
    """A published call whose applications have closed and whose tenders are due."""

    tendering = True


class ApplicationFactory(shared.ApplicationFactory):
    """An application that has been invited to tender in such a call."""

    call = factory.SubFactory(CallFactory)
    invited = True


def invited_supplier_user(call: Call):
    """A person at a new supplier organisation that is invited to tender in `call`."""
    organisation = supplier()
    user = member(organisation)
    ApplicationFactory(call=call, supplier=organisation, submitted_by=user)
    return user


class Scenario:
    """A call with its team, two invited suppliers and helpers to move it along (the
    evaluation's tests add criteria, scores and consensus: evaluation/tests/factories.py)."""

    def __init__(self, **call_fields) -> None:
        self.call = CallFactory(**call_fields)
        project = self.call.project
        self.project = project
        self.lead = team_member(project, ProjectRole.PROJECT_LEAD)
        self.officer = team_member(
            project, ProjectRole.PROCUREMENT_OFFICER, ProjectRole.OPENING_OFFICIAL
        )
        self.official = team_member(project, ProjectRole.OPENING_OFFICIAL)
        self.evaluator = team_member(project, ProjectRole.EVALUATOR)
        self.evaluator2 = team_member(project, ProjectRole.EVALUATOR)
        self.team = team_member(project, ProjectRole.NEED_OWNER)
        self.outsider_staff = member(project.organisation)
        self.supplier_a = invited_supplier_user(self.call)
        self.supplier_b = invited_supplier_user(self.call)
        # The evaluation team declares no conflict of interest, as it would before scoring.
        for person in (self.lead, self.officer, self.evaluator, self.evaluator2):
            services.conflict_declare(actor=person, call=self.call, has_conflict=False)

    def submit(self, user, content: str = "Our tender", price: str = "100000", **kw):
        return services.tender_submit(
            actor=user, call=self.call, content=content, price=Decimal(price), **kw
        )

    def after_deadline(self) -> dt.datetime:
        return self.call.tender_deadline + dt.timedelta(seconds=1)

    def open(self) -> None:
        now = self.after_deadline()
        services.opening_confirm(actor=self.officer, call=self.call, now=now)
        services.opening_confirm(actor=self.official, call=self.call, now=now)

    # --- negotiation rounds (times after the call's deadline, as the services see them) ---

    def round_now(self, hours: int = 1) -> dt.datetime:
        return self.after_deadline() + dt.timedelta(hours=hours)

    def start_round(self, by=None, text: str = "The delivery plan now has two phases.", **kw):
        now = kw.pop("now", None) or self.round_now()
        deadline = kw.pop("deadline", None) or now + dt.timedelta(days=5)
        return services.round_start(
            actor=by or self.lead, call=self.call, deadline=deadline, change_text=text, now=now
        )

    def submit_round(self, user, content: str = "Revised tender", price: str = "90000", **kw):
        kw.setdefault("now", self.round_now(2))
        return services.tender_submit(
            actor=user, call=self.call, content=content, price=Decimal(price), **kw
        )

    def open_round(self, number: int) -> None:
        from handslag.tendering.models import NegotiationRound

        now = NegotiationRound.objects.get(call=self.call, number=number).deadline
        now += dt.timedelta(seconds=1)
        for official in (self.officer, self.official):
            services.opening_confirm(actor=official, call=self.call, round_number=number, now=now)


# --- sending a tender as a supplier would, and moving the deadline under it ---------------

PDF = b"%PDF-1.7\n" + b"bilaga\n" * 40 + b"%%EOF\n"


def page_submit(client, s: Scenario, user, call_id: int | None = None, files=()):
    """A tender through the submit page, signed in as `user`."""
    client.force_login(user)
    return client.post(
        f"/tendering/calls/{call_id or s.call.pk}/submit/",
        {"content": "Vårt anbud", "price": "1000", "files": list(files)},
    )


def api_submit(client, s: Scenario, user, call_id: int | None = None, files=None):
    """A tender through the API (as JSON, or as a multipart form with `files`)."""
    url = f"/api/v1/tendering/calls/{call_id or s.call.pk}/tenders"
    if files is None:
        return client.post(
            url,
            {"content": "Vårt anbud", "price": "1000"},
            content_type="application/json",
            **bearer(user),
        )
    return client.post(
        f"{url}/with-files",
        {"content": "Vårt anbud", "price": "1000", "files": files},
        **bearer(user),
    )


def move_deadline(s: Scenario, when: dt.datetime) -> None:
    Call.objects.filter(pk=s.call.pk).update(tender_deadline=when)
    s.call.refresh_from_db()
