"""A cancelled call: the absolute secrecy ends for the buyer's team, and for nobody else.

OSL 19 kap. 3 § andra stycket keeps the tenders secret until they are made public, the
award is decided "eller ärendet dessförinnan har slutförts": a cancellation concludes the
matter. The team may then know which tenders arrived; other suppliers, staff outside the
team, the external advisor, another buyer and the administrator still may not.

The three worlds of worlds.py (no, one, two sealed tenders) are cancelled after the
tender deadline and walked, over the pages and API reads of the apps that know of
tenders, by the people who must still not tell the worlds apart.
"""

import tempfile
import zlib

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client, override_settings

from handslag.audit.guards import install_guards
from handslag.market import services as market_services
from handslag.tendering.permissions import visible_tenders
from tests.secrecy import worlds
from tests.secrecy.test_walk import answer, plan, quiet_errors

pytestmark = pytest.mark.django_db

# Who must still learn nothing; "supplier_c" is invited and never tenders.
OUTSIDERS = ("external_advisor", "staff_outside_team", "other_buyer", "superuser", "supplier_c")
APPS = {"market", "tendering", "evaluation", "disclosure"}


def _walked_apps(visit) -> bool:
    app = visit.url.strip("/").split("/")
    first = app[2] if app[:2] == ["api", "v1"] and len(app) > 2 else app[0]
    return first in APPS


@pytest.fixture(scope="module")
def cancelled(django_db_setup, django_db_blocker) -> dict:
    answers: dict[int, dict] = {}
    known: dict[int, int] = {}
    visits: list = []
    with (
        django_db_blocker.unblock(),
        tempfile.TemporaryDirectory() as media,
        override_settings(
            MEDIA_ROOT=media,
            LANGUAGE_CODE="sv",
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
        quiet_errors(),
    ):
        install_guards(connection)
        sequences = worlds.Sequences()
        try:
            for count in (2, 1, 0):
                with transaction.atomic():
                    sequences.restore()
                    cache.clear()
                    s = worlds.build(count)
                    if count == 2:
                        visits = [v for v in plan(s)[0] if _walked_apps(v)]
                    people = {**s.people, "supplier_c": s.supplier_c}
                    with time_machine.travel(worlds.WALKED, tick=False):
                        market_services.call_cancel(
                            actor=s.lead,
                            call=s.call,
                            ground="need_changed",
                            reason="Verksamheten läggs ned.",
                        )
                        got = {}
                        for persona in OUTSIDERS:
                            session = Client(raise_request_exception=False)
                            session.force_login(people[persona])
                            for visit in visits:
                                if visit.bearer:
                                    continue  # the session's answer is the same view's
                                response = session.get(visit.url)
                                session.cookies.pop("messages", None)
                                got[(persona, visit.url)] = zlib.compress(answer(response), 1)
                        answers[count] = got
                        known[count] = (
                            visible_tenders(user=s.lead)
                            .filter(call=s.call, status="submitted")
                            .count()
                        )
                    transaction.set_rollback(True)
        finally:
            sequences.restore()
            cache.clear()
    return {"answers": answers, "known": known, "visits": visits}


def test_the_team_knows_the_tenders_of_a_cancelled_call(cancelled):
    """The control: the team's one rule now counts them, so equality below means something."""
    assert cancelled["known"] == {2: 2, 1: 1, 0: 0}
    assert len(cancelled["visits"]) > 50


def test_nobody_else_can_tell_the_worlds_apart_after_the_cancellation(cancelled):
    answers = cancelled["answers"]
    differing = sorted(
        key for key, two in answers[2].items() if not (two == answers[1][key] == answers[0][key])
    )
    assert differing == []
