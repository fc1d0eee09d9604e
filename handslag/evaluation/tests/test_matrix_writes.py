"""Permission matrix for writes: every POST page and every writing API operation of
tendering × the eight kinds of person of the read matrix, plus the project lead as the
control who may do what none of the eight may.

Each operation runs in the state where it makes sense (tenders in, deadline passed,
opened, scored, consensus, awarded). Each person's attempt runs inside a savepoint that
is rolled back afterwards, so every person meets the same state. An attempt that is
refused must change nothing: no tender, file, confirmation, criterion, declaration,
score, award or audit entry.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.utils import timezone

from handslag.accounts.roles import ProjectRole
from handslag.audit.models import AuditEntry
from handslag.evaluation import services
from handslag.evaluation.models import Award, Criterion, Score
from handslag.evaluation.tests.factories import Scenario, team_member
from handslag.market.models import Call
from handslag.tendering import services as tendering_services
from handslag.tendering.models import (
    CallKey,
    ConflictDeclaration,
    NegotiationMessage,
    NegotiationRound,
    OpeningConfirmation,
    Tender,
    TenderFile,
)
from handslag.tendering.tests.test_api import BASE
from handslag.testing.personas import LOGIN, Personas, login_or_status, send, sign_in

pytestmark = pytest.mark.django_db


def _undeclared(s: Scenario):
    # Made inside the savepoint: an evaluator who has not declared would otherwise hold
    # up consensus for the other people in the same state.
    return team_member(s.project, ProjectRole.EVALUATOR)


# Where each kind of person is found in the Scenario.
PERSONAS = Personas(
    anonymous=None,
    supplier_a="supplier_a",
    supplier_b="supplier_b",
    staff_outside_team="outsider_staff",
    team_member="team",
    evaluator_undeclared=_undeclared,
    evaluator="evaluator",
    opening_official="official",
    project_lead="lead",
)
PDF = b"%PDF-1.7\n" + b"bilaga\n" * 20 + b"%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


# --- states -----------------------------------------------------------------------------


def _tenders_in(s: Scenario) -> None:
    s.tender_a = s.submit(s.supplier_a, files=[SimpleUploadedFile("a.pdf", PDF)])
    s.tender_b = s.submit(s.supplier_b, content="Another tender", price="150000")


def _deadline_passed(s: Scenario) -> None:
    _tenders_in(s)
    Call.objects.filter(pk=s.call.pk).update(tender_deadline=timezone.now() - dt.timedelta(hours=1))
    s.call.refresh_from_db()
    # One appointed official has confirmed; a second one completes the opening.
    tendering_services.opening_confirm(actor=s.officer, call=s.call)


def _opened(s: Scenario) -> None:
    _deadline_passed(s)
    tendering_services.opening_confirm(actor=s.official, call=s.call)


def _scored(s: Scenario) -> None:
    _opened(s)
    s.score_all(s.evaluator, 4)
    s.score_all(s.evaluator2, 3)


def _consensus(s: Scenario) -> None:
    _scored(s)
    s.consensus_all({s.tender_a.pk: 4, s.tender_b.pk: 2})


def _awarded(s: Scenario) -> None:
    _consensus(s)
    earlier = timezone.now() - dt.timedelta(days=40)
    services.award_decide(
        actor=s.lead,
        call=s.call,
        tender=s.tender_a,
        justification="Best price-quality ratio.",
        notice_sent_on=timezone.localdate(earlier),
        now=earlier,
    )


def _round_started(s: Scenario) -> None:
    """Round 1 opened; round 2 invites revised tenders for a week (by the real clock)."""
    _opened(s)
    tendering_services.round_start(
        actor=s.lead,
        call=s.call,
        deadline=timezone.now() + dt.timedelta(days=7),
        change_text="The delivery plan now has two phases.",
    )


def _round_tender_in(s: Scenario) -> None:
    _round_started(s)
    s.revised_a = s.submit(s.supplier_a, content="Revised tender", price="90000")


def _round_deadline_passed(s: Scenario) -> None:
    _round_tender_in(s)
    NegotiationRound.objects.filter(call=s.call, number=2).update(
        deadline=timezone.now() - dt.timedelta(minutes=1)
    )
    tendering_services.opening_confirm(actor=s.officer, call=s.call, round_number=2)


def snapshot(s: Scenario) -> dict:
    """Everything a write in tendering could change."""
    call = s.call
    return {
        "tenders": list(
            Tender.objects.filter(call=call).order_by("pk").values_list("pk", "status")
        ),
        "files": TenderFile.objects.filter(tender__call=call).count(),
        "confirmations": list(
            OpeningConfirmation.objects.filter(call=call).values_list("official_id", flat=True)
        ),
        "opened_at": CallKey.objects.filter(call=call).values_list("opened_at", flat=True).first(),
        "criteria": list(
            Criterion.objects.filter(call=call).order_by("pk").values_list("name", "kind", "weight")
        ),
        "declarations": list(
            ConflictDeclaration.objects.filter(call=call).values_list("person_id", "has_conflict")
        ),
        "scores": list(
            Score.objects.filter(tender__call=call)
            .order_by("pk")
            .values_list("tender_id", "criterion_id", "evaluator_id", "is_consensus", "score")
        ),
        "award": list(
            Award.objects.filter(call=call).values_list("tender_id", "contract_signed_on")
        ),
        "rounds": list(
            NegotiationRound.objects.filter(call=call)
            .order_by("number")
            .values_list("number", "deadline", "change_text", "opened_at")
        ),
        "round_confirmations": list(
            OpeningConfirmation.objects.filter(call=call).values_list("round", "official_id")
        ),
        "messages": NegotiationMessage.objects.filter(call=call).count(),
        "audit": AuditEntry.objects.count(),
    }


# --- operations ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Op:
    """One writing request: the state it needs, and how to make it."""

    state: Callable[[Scenario], None]
    method: str
    url: Callable[[Scenario], str]
    data: Callable[[Scenario], dict]
    api: bool = False
    multipart: bool = False


def _criteria_rows(s: Scenario, *, consensus: bool = False) -> dict:
    data = {}
    for criterion in s.criteria:
        data[f"score_{criterion.pk}"] = "4"
        data[f"justification_{criterion.pk}"] = "Well argued."
        if consensus:
            data[f"external_justification_{criterion.pk}"] = "The team agreed."
    return data


def _api_scores(s: Scenario, *, consensus: bool = False) -> dict:
    rows = []
    for criterion in s.criteria:
        row = {"criterion_id": criterion.pk, "score": 4, "justification": "Well argued."}
        if consensus:
            row["external_justification"] = "The team agreed."
        rows.append(row)
    return {"scores": rows}


def _criteria_formset(s: Scenario) -> dict:
    rows = [("Kvalitet", "quality", 50), ("Effekt", "quality", 30), ("Pris", "price", 20)]
    data = {
        "criteria-TOTAL_FORMS": str(len(rows)),
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "20",
    }
    for n, (name, kind, weight) in enumerate(rows):
        data |= {
            f"criteria-{n}-name": name,
            f"criteria-{n}-description": "",
            f"criteria-{n}-kind": kind,
            f"criteria-{n}-weight": str(weight),
        }
    return data


def _api_criteria(s: Scenario) -> dict:
    return {
        "criteria": [
            {"name": "Kvalitet", "weight": 50},
            {"name": "Effekt", "weight": 30},
            {"name": "Pris", "kind": "price", "weight": 20},
        ]
    }


def _tender_form(s: Scenario) -> dict:
    return {
        "content": "Our improved tender",
        "price": "99000",
        "files": [SimpleUploadedFile("bilaga.pdf", PDF)],
    }


def _award_form(s: Scenario) -> dict:
    return {
        "tender": str(s.tender_a.public_id),
        "justification": "Best price-quality ratio.",
        "notice_sent_on": timezone.localdate().isoformat(),
        "sent_electronically": "on",
    }


def _api_award(s: Scenario) -> dict:
    return {
        "tender_id": str(s.tender_a.public_id),
        "justification": "Best price-quality ratio.",
        "notice_sent_on": timezone.localdate().isoformat(),
    }


def _today(s: Scenario) -> dict:
    return {"signed_on": timezone.localdate().isoformat()}


def _none(s: Scenario) -> dict:
    return {}


def _no_conflict(s: Scenario) -> dict:
    return {"has_conflict": "no", "statement": ""}


def _api_no_conflict(s: Scenario) -> dict:
    return {"has_conflict": False}


def _round_form(s: Scenario) -> dict:
    deadline = timezone.localtime(timezone.now() + dt.timedelta(days=7))
    return {"deadline": deadline.strftime("%Y-%m-%dT%H:%M"), "change_text": "New SLA."}


def _api_round(s: Scenario) -> dict:
    deadline = timezone.now() + dt.timedelta(days=7)
    return {"deadline": deadline.isoformat(), "change_text": "New SLA."}


def _message(s: Scenario) -> dict:
    return {"body": "Could you clarify the delivery plan?"}


T = "/tendering"
OPS: dict[str, Op] = {
    "page_submit": Op(
        _tenders_in, "post", lambda s: f"{T}/calls/{s.call.pk}/submit/", _tender_form
    ),
    "api_submit": Op(
        _tenders_in,
        "post",
        lambda s: f"{BASE}/calls/{s.call.pk}/tenders",
        lambda s: {"content": "Our improved tender", "price": "99000"},
        api=True,
    ),
    "api_submit_files": Op(
        _tenders_in,
        "post",
        lambda s: f"{BASE}/calls/{s.call.pk}/tenders/with-files",
        _tender_form,
        api=True,
        multipart=True,
    ),
    "page_withdraw": Op(
        _tenders_in, "post", lambda s: f"{T}/tenders/{s.tender_a.public_id}/withdraw/", _none
    ),
    "api_withdraw": Op(
        _tenders_in,
        "post",
        lambda s: f"{BASE}/tenders/{s.tender_a.public_id}/withdraw",
        _none,
        api=True,
    ),
    "page_criteria": Op(
        _tenders_in, "post", lambda s: f"{T}/calls/{s.call.pk}/criteria/", _criteria_formset
    ),
    "api_criteria": Op(
        _tenders_in, "put", lambda s: f"{BASE}/calls/{s.call.pk}/criteria", _api_criteria, api=True
    ),
    "page_declaration": Op(
        _opened, "post", lambda s: f"{T}/calls/{s.call.pk}/declaration/", _no_conflict
    ),
    "api_declaration": Op(
        _opened,
        "post",
        lambda s: f"{BASE}/calls/{s.call.pk}/declaration",
        _api_no_conflict,
        api=True,
    ),
    "page_opening": Op(
        _deadline_passed, "post", lambda s: f"{T}/calls/{s.call.pk}/opening/", _none
    ),
    "api_opening": Op(
        _deadline_passed, "post", lambda s: f"{BASE}/calls/{s.call.pk}/opening", _none, api=True
    ),
    "page_score": Op(
        _opened, "post", lambda s: f"{T}/tenders/{s.tender_a.public_id}/score/", _criteria_rows
    ),
    "api_score": Op(
        _opened,
        "post",
        lambda s: f"{BASE}/tenders/{s.tender_a.public_id}/scores",
        _api_scores,
        api=True,
    ),
    "page_consensus": Op(
        _scored,
        "post",
        lambda s: f"{T}/tenders/{s.tender_a.public_id}/consensus/",
        lambda s: _criteria_rows(s, consensus=True),
    ),
    "api_consensus": Op(
        _scored,
        "post",
        lambda s: f"{BASE}/tenders/{s.tender_a.public_id}/consensus",
        lambda s: _api_scores(s, consensus=True),
        api=True,
    ),
    "page_award": Op(_consensus, "post", lambda s: f"{T}/calls/{s.call.pk}/award/", _award_form),
    "api_award": Op(
        _consensus, "post", lambda s: f"{BASE}/calls/{s.call.pk}/award", _api_award, api=True
    ),
    "page_contract": Op(_awarded, "post", lambda s: f"{T}/calls/{s.call.pk}/contract/", _today),
    "api_contract": Op(
        _awarded, "post", lambda s: f"{BASE}/calls/{s.call.pk}/award/contract", _today, api=True
    ),
    # negotiation rounds and the confidential channel
    "page_round_start": Op(
        _opened, "post", lambda s: f"{T}/calls/{s.call.pk}/rounds/", _round_form
    ),
    "api_round_start": Op(
        _opened, "post", lambda s: f"{BASE}/calls/{s.call.pk}/rounds", _api_round, api=True
    ),
    "page_round_submit": Op(
        _round_started, "post", lambda s: f"{T}/calls/{s.call.pk}/submit/", _tender_form
    ),
    "api_round_submit": Op(
        _round_started,
        "post",
        lambda s: f"{BASE}/calls/{s.call.pk}/tenders",
        lambda s: {"content": "Our revised tender", "price": "95000", "round": 2},
        api=True,
    ),
    "page_round_withdraw": Op(
        _round_tender_in, "post", lambda s: f"{T}/tenders/{s.revised_a.public_id}/withdraw/", _none
    ),
    "api_round_withdraw": Op(
        _round_tender_in,
        "post",
        lambda s: f"{BASE}/tenders/{s.revised_a.public_id}/withdraw",
        _none,
        api=True,
    ),
    "page_round_opening": Op(
        _round_deadline_passed, "post", lambda s: f"{T}/calls/{s.call.pk}/rounds/2/opening/", _none
    ),
    "api_round_opening": Op(
        _round_deadline_passed,
        "post",
        lambda s: f"{BASE}/calls/{s.call.pk}/rounds/2/opening",
        _none,
        api=True,
    ),
    "page_channel": Op(
        _opened,
        "post",
        lambda s: f"{T}/calls/{s.call.pk}/channels/{s.tender_a.supplier_id}/",
        _message,
    ),
    "api_channel": Op(
        _opened,
        "post",
        lambda s: f"{BASE}/calls/{s.call.pk}/channels/{s.tender_a.supplier_id}/messages",
        _message,
        api=True,
    ),
    # Not a write, but a document that names a winner: it must not leak and must not change
    # anything either.
    "award_document": Op(
        _awarded, "get", lambda s: f"{T}/calls/{s.call.pk}/award/decision.pdf", _none
    ),
}


row = PERSONAS.row


# What each person gets. 302/201/200 with a change is allowed; anything else must change
# nothing. The anonymous person is sent to sign in (pages) or gets 401 (API).
EXPECTED = {
    "page_submit": row(LOGIN, 302, 302, 403, 403, 403, 403, 403, 403),
    "api_submit": row(401, 201, 201, 403, 403, 403, 403, 403, 403),
    "api_submit_files": row(401, 201, 201, 403, 403, 403, 403, 403, 403),
    "page_withdraw": row(LOGIN, 302, 404, 404, 404, 404, 404, 404, 404),
    "api_withdraw": row(401, 200, 404, 404, 404, 404, 404, 404, 404),
    "page_criteria": row(LOGIN, 404, 404, 403, 404, 404, 404, 404, 302),
    "api_criteria": row(401, 404, 404, 403, 403, 403, 403, 403, 200),
    "page_declaration": row(LOGIN, 404, 404, 403, 403, 302, 200, 403, 200),
    "api_declaration": row(401, 404, 404, 403, 403, 201, 400, 403, 400),
    "page_opening": row(LOGIN, 404, 404, 403, 403, 403, 403, 302, 403),
    "api_opening": row(401, 404, 404, 403, 403, 403, 403, 200, 403),
    "page_score": row(LOGIN, 404, 404, 404, 403, 403, 302, 403, 403),
    "api_score": row(401, 404, 404, 404, 403, 403, 200, 403, 403),
    "page_consensus": row(LOGIN, 404, 404, 404, 403, 403, 403, 403, 302),
    "api_consensus": row(401, 404, 404, 404, 403, 403, 403, 403, 200),
    "page_award": row(LOGIN, 404, 404, 403, 403, 403, 403, 403, 302),
    "api_award": row(401, 404, 404, 403, 403, 403, 403, 403, 201),
    "page_contract": row(LOGIN, 404, 404, 403, 403, 403, 403, 403, 302),
    "api_contract": row(401, 404, 404, 403, 403, 403, 403, 403, 200),
    "award_document": row(LOGIN, 200, 200, 403, 200, 200, 200, 200, 200),
    "page_round_start": row(LOGIN, 404, 404, 403, 403, 403, 403, 403, 302),
    "api_round_start": row(401, 404, 404, 403, 403, 403, 403, 403, 201),
    "page_round_submit": row(LOGIN, 302, 302, 403, 403, 403, 403, 403, 403),
    "api_round_submit": row(401, 201, 201, 403, 403, 403, 403, 403, 403),
    "page_round_withdraw": row(LOGIN, 302, 404, 404, 404, 404, 404, 404, 404),
    "api_round_withdraw": row(401, 200, 404, 404, 404, 404, 404, 404, 404),
    "page_round_opening": row(LOGIN, 404, 404, 403, 403, 403, 403, 302, 403),
    "api_round_opening": row(401, 404, 404, 403, 403, 403, 403, 200, 403),
    # Only the internal team and the tenderer itself: never the other tenderer.
    "page_channel": row(LOGIN, 302, 404, 404, 302, 302, 302, 302, 302),
    "api_channel": row(401, 201, 404, 404, 201, 201, 201, 201, 201),
}
READS = {"award_document"}
# The declaration page shows an existing declaration again instead of a second one.
SHOWN_AGAIN = {("page_declaration", "evaluator"), ("page_declaration", "project_lead")}
CHANGES = {200, 201, 302}


def attempt(s: Scenario, op: Op, persona: str) -> tuple[int | str, bool]:
    """Make the request as `persona` in a savepoint that is rolled back; (outcome, changed)."""
    with transaction.atomic():
        client = Client()
        headers = sign_in(client, PERSONAS.person(s, persona), api=op.api)
        before = snapshot(s)
        response = send(
            client,
            op.method,
            op.url(s),
            op.data(s),
            api=op.api,
            multipart=op.multipart,
            headers=headers,
        )
        changed = snapshot(s) != before
        transaction.set_rollback(True)
    return login_or_status(response), changed


@pytest.mark.parametrize("name", list(OPS))
def test_write_matrix(name):
    op = OPS[name]
    s = Scenario()
    op.state(s)
    got, changed = {}, {}
    for persona in PERSONAS.names:
        got[persona], changed[persona] = attempt(s, op, persona)
    assert got == EXPECTED[name]
    expect_change = {
        p: got[p] in CHANGES and name not in READS and (name, p) not in SHOWN_AGAIN
        for p in PERSONAS.names
    }
    # Exactly the allowed attempts change something; a refusal leaves everything as it was.
    assert changed == expect_change
