"""Permission matrix: every tendering page and API read × eight kinds of person, after the
opening (and the sealed pages before it). Writes are covered per service in the other tests."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from handslag.accounts.roles import ProjectRole
from handslag.evaluation.tests.factories import Scenario, team_member
from handslag.tendering.models import NegotiationMessage, NegotiationRound, OpeningConfirmation
from handslag.tendering.tests.test_api import BASE
from handslag.testing.api import bearer as auth
from handslag.testing.personas import Personas

pytestmark = pytest.mark.django_db

# Where each kind of person is found in the Scenario.
PERSONAS = Personas(
    anonymous=None,
    supplier_a="supplier_a",
    supplier_b="supplier_b",
    staff_outside_team="outsider_staff",
    team_member="team",
    evaluator_undeclared="undeclared",
    evaluator="evaluator",
    opening_official="official",
)
PDF = b"%PDF-1.7\n" + b"bilaga\n" * 20


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def world():
    s = Scenario()
    s.undeclared = team_member(s.project, ProjectRole.EVALUATOR)
    s.tender_a = s.submit(s.supplier_a, files=[SimpleUploadedFile("a.pdf", PDF)])
    s.file_a = s.tender_a.files.get()
    s.people = PERSONAS.people(s)
    return s


def pages(s) -> dict[str, str]:
    c, t = s.call.pk, s.tender_a.public_id
    return {
        "tender_list": "/tendering/mine/",
        "tender_submit": f"/tendering/calls/{c}/submit/",
        "tender_receipt": f"/tendering/tenders/{t}/",
        "tender_withdraw": f"/tendering/tenders/{t}/withdraw/",
        "tender_file": f"/tendering/files/{s.file_a.public_id}/",
        "opening": f"/tendering/calls/{c}/opening/",
        "opening_record": f"/tendering/calls/{c}/opening/record.pdf",
        "criteria": f"/tendering/calls/{c}/criteria/",
        "declaration": f"/tendering/calls/{c}/declaration/",
        "evaluation": f"/tendering/calls/{c}/evaluation/",
        "tender_evaluate": f"/tendering/tenders/{t}/evaluate/",
        "award": f"/tendering/calls/{c}/award/",
        "evaluation_model": f"/tendering/calls/{c}/evaluation-model/",
        "simulator": f"/tendering/calls/{c}/simulator/",
        "evaluation_matrix": f"/tendering/calls/{c}/evaluation/matrix.xlsx",
    }


def api(s) -> dict[str, str]:
    c, t = s.call.pk, s.tender_a.public_id
    return {
        "api_mine": f"{BASE}/tenders/mine",
        "api_tender_files": f"{BASE}/tenders/{t}/files",
        "api_file": f"{BASE}/files/{s.file_a.public_id}",
        "api_content": f"{BASE}/tenders/{t}/content",
        "api_opening_record": f"{BASE}/calls/{c}/opening/record.pdf",
        "api_evaluation_model": f"{BASE}/calls/{c}/evaluation-model",
        "api_robustness": f"{BASE}/calls/{c}/robustness",
        "api_evaluation_matrix": f"{BASE}/calls/{c}/evaluation-matrix.xlsx",
    }


def matrix(client, s, urls: dict[str, str], *, bearer: bool) -> dict[str, dict[str, int]]:
    return PERSONAS.matrix(client, s, urls, api=bearer)


row = PERSONAS.row


AFTER_OPENING_PAGES = {
    "tender_list": row(302, 200, 200, 200, 200, 200, 200, 200),
    "tender_submit": row(302, 200, 200, 403, 403, 403, 403, 403),
    "tender_receipt": row(302, 200, 404, 404, 404, 404, 404, 404),
    "tender_withdraw": row(302, 200, 404, 404, 404, 404, 404, 404),
    "tender_file": row(302, 200, 404, 404, 200, 403, 200, 200),
    "opening": row(302, 404, 404, 403, 200, 200, 200, 200),
    "opening_record": row(302, 404, 404, 403, 200, 200, 200, 200),
    "criteria": row(302, 404, 404, 403, 404, 404, 404, 404),
    "declaration": row(302, 404, 404, 403, 403, 200, 200, 403),
    "evaluation": row(302, 404, 404, 403, 200, 200, 200, 200),
    "tender_evaluate": row(302, 404, 404, 404, 200, 403, 200, 200),
    "award": row(302, 404, 404, 403, 200, 200, 200, 200),
    # Setting the model is for the project lead and procurement officers only (not personas).
    "evaluation_model": row(302, 404, 404, 403, 404, 404, 404, 404),
    "simulator": row(302, 404, 404, 403, 200, 200, 200, 200),
    # Prices are tender content: an evaluator who has not declared does not see them.
    "evaluation_matrix": row(302, 404, 404, 403, 200, 403, 200, 200),
}
AFTER_OPENING_API = {
    "api_mine": row(401, 200, 200, 200, 200, 200, 200, 200),
    "api_tender_files": row(401, 404, 404, 404, 200, 403, 200, 200),
    "api_file": row(401, 200, 404, 404, 200, 403, 200, 200),
    "api_content": row(401, 200, 404, 404, 200, 403, 200, 200),
    "api_opening_record": row(401, 404, 404, 403, 200, 200, 200, 200),
    "api_evaluation_model": row(401, 404, 404, 403, 200, 200, 200, 200),
    "api_robustness": row(401, 404, 404, 403, 200, 403, 200, 200),
    "api_evaluation_matrix": row(401, 404, 404, 403, 200, 403, 200, 200),
}
# Before the opening nobody at the buyer learns that the tender or its file exists (404),
# and its own supplier is told it is sealed (403).
SEALED = row(302, 403, 404, 404, 404, 404, 404, 404)
SEALED_API = row(401, 403, 404, 404, 404, 404, 404, 404)
BEFORE_OPENING = {
    "tender_file": SEALED,
    "tender_evaluate": {**SEALED, "supplier_a": 404},
    "opening_record": row(302, 404, 404, 403, 404, 404, 404, 404),
    "api_file": SEALED_API,
    "api_content": SEALED_API,
    "api_tender_files": {**SEALED_API, "supplier_a": 404},
    "api_opening_record": row(401, 404, 404, 403, 404, 404, 404, 404),
    "evaluation_matrix": row(302, 404, 404, 403, 404, 404, 404, 404),
    "api_robustness": row(401, 404, 404, 403, 404, 404, 404, 404),
    "api_evaluation_matrix": row(401, 404, 404, 403, 404, 404, 404, 404),
}


def test_pages_after_opening(client, world):
    world.open()
    assert matrix(client, world, pages(world), bearer=False) == AFTER_OPENING_PAGES


def test_api_after_opening(client, world):
    world.open()
    assert matrix(client, world, api(world), bearer=True) == AFTER_OPENING_API


def test_sealed_before_opening(client, world):
    urls = {**pages(world), **api(world)}
    got = {
        **matrix(
            client,
            world,
            {k: urls[k] for k in BEFORE_OPENING if not k.startswith("api")},
            bearer=False,
        ),
        **matrix(
            client, world, {k: urls[k] for k in BEFORE_OPENING if k.startswith("api")}, bearer=True
        ),
    }
    assert got == BEFORE_OPENING


SIMULATION = {
    "kind": "weighted_points",
    "price_ceiling": "1000000",
    "tenders": [{"name": "A", "price": "500000", "scores": {}}],
}


def test_writes_of_the_evaluation_model(client, world):
    """PUT the model and POST a simulation, × the eight personas (all but the managers fail)."""
    c = world.call.pk
    model = {"kind": "weighted_points", "price_ceiling": "1000000"}
    got = {
        **PERSONAS.matrix(
            client,
            world,
            {"put_model": (f"{BASE}/calls/{c}/evaluation-model", model)},
            api=True,
            method="put",
        ),
        **PERSONAS.matrix(
            client,
            world,
            {"simulate": (f"{BASE}/calls/{c}/simulate", SIMULATION)},
            api=True,
            method="post",
        ),
    }
    assert got == {
        "put_model": row(401, 404, 404, 403, 403, 403, 403, 403),
        "simulate": row(401, 404, 404, 403, 200, 200, 200, 200),
    }
    lead = client.put(
        f"{BASE}/calls/{c}/evaluation-model",
        {"kind": "weighted_points", "price_ceiling": "1000000"},
        content_type="application/json",
        **auth(world.lead),
    )
    assert lead.status_code == 200


# --- negotiation rounds -------------------------------------------------------------------


@pytest.fixture
def negotiation(world):
    """Round 1 opened with tenders from A and B; round 2 started and A's revision sealed."""
    world.tender_b = world.submit(world.supplier_b)
    world.open()
    world.start_round()
    world.revised_a = world.submit_round(
        world.supplier_a, files=[SimpleUploadedFile("a.pdf", PDF + b"v2")]
    )
    world.revised_file = world.revised_a.files.get()
    return world


def negotiation_pages(s) -> dict[str, str]:
    c, r, sa = s.call.pk, s.revised_a.public_id, s.tender_a.supplier_id
    return {
        "rounds": f"/tendering/calls/{c}/rounds/",
        "opening": f"/tendering/calls/{c}/opening/",
        "evaluation": f"/tendering/calls/{c}/evaluation/",
        "award": f"/tendering/calls/{c}/award/",
        "round_opening": f"/tendering/calls/{c}/rounds/2/opening/",
        "round_record": f"/tendering/calls/{c}/rounds/2/opening/record.pdf",
        "round_diff": f"/tendering/calls/{c}/rounds/2/diff/",
        "channels": f"/tendering/calls/{c}/channels/",
        "channel": f"/tendering/calls/{c}/channels/{sa}/",
        "negotiation_supplier": f"/tendering/calls/{c}/negotiation/",
        "round2_receipt": f"/tendering/tenders/{r}/",
        "round2_evaluate": f"/tendering/tenders/{r}/evaluate/",
        "round2_file": f"/tendering/files/{s.revised_file.public_id}/",
        "round1_evaluate": f"/tendering/tenders/{s.tender_a.public_id}/evaluate/",
    }


def negotiation_api(s) -> dict[str, str]:
    c, r, sa = s.call.pk, s.revised_a.public_id, s.tender_a.supplier_id
    return {
        "api_rounds": f"{BASE}/calls/{c}/rounds",
        "api_round_opening": f"{BASE}/calls/{c}/rounds/2/opening",
        "api_round_record": f"{BASE}/calls/{c}/rounds/2/opening/record.pdf",
        "api_round_diff": f"{BASE}/calls/{c}/rounds/2/diff",
        "api_channel": f"{BASE}/calls/{c}/channels/{sa}/messages",
        "api_negotiation": f"{BASE}/calls/{c}/negotiation",
        "api_round2_content": f"{BASE}/tenders/{r}/content",
        "api_round2_files": f"{BASE}/tenders/{r}/files",
        "api_round1_content": f"{BASE}/tenders/{s.tender_a.public_id}/content",
        "api_tenders": f"{BASE}/calls/{c}/tenders",
    }


TEAM_PAGE = row(302, 404, 404, 403, 200, 200, 200, 200)
TEAM_API = row(401, 404, 404, 403, 200, 200, 200, 200)
CHANNEL_A = row(302, 200, 404, 404, 200, 200, 200, 200)
SUPPLIERS = row(302, 200, 200, 404, 404, 404, 404, 404)
READ_PAGE = row(302, 404, 404, 404, 200, 403, 200, 200)
READ_API = row(401, 200, 404, 404, 200, 403, 200, 200)
SEALED_ROUND_PAGES = {
    "rounds": TEAM_PAGE,
    "opening": TEAM_PAGE,
    "evaluation": TEAM_PAGE,
    "award": TEAM_PAGE,
    "round_opening": TEAM_PAGE,
    "round_record": row(302, 404, 404, 403, 404, 404, 404, 404),
    "round_diff": row(302, 404, 404, 403, 403, 403, 403, 403),
    "channels": TEAM_PAGE,
    "channel": CHANNEL_A,
    "negotiation_supplier": SUPPLIERS,
    "round2_receipt": row(302, 200, 404, 404, 404, 404, 404, 404),
    "round2_evaluate": {**SEALED, "supplier_a": 404},
    "round2_file": SEALED,
    "round1_evaluate": READ_PAGE,
}
SEALED_ROUND_API = {
    "api_rounds": TEAM_API,
    "api_round_opening": TEAM_API,
    "api_round_record": row(401, 404, 404, 403, 404, 404, 404, 404),
    "api_round_diff": row(401, 404, 404, 403, 403, 403, 403, 403),
    "api_channel": {**CHANNEL_A, "anonymous": 401},
    "api_negotiation": {**SUPPLIERS, "anonymous": 401},
    "api_round2_content": SEALED_API,
    "api_round2_files": {**SEALED_API, "supplier_a": 404},
    "api_round1_content": READ_API,
    "api_tenders": TEAM_API,
}
OPENED_ROUND_PAGES = {
    **SEALED_ROUND_PAGES,
    "round_record": TEAM_PAGE,
    "round_diff": row(302, 404, 404, 403, 200, 403, 200, 200),
    "round2_evaluate": READ_PAGE,
    "round2_file": row(302, 200, 404, 404, 200, 403, 200, 200),
}
OPENED_ROUND_API = {
    **SEALED_ROUND_API,
    "api_round_record": TEAM_API,
    "api_round_diff": row(401, 404, 404, 403, 200, 403, 200, 200),
    "api_round2_content": READ_API,
    "api_round2_files": row(401, 404, 404, 404, 200, 403, 200, 200),
}


def test_negotiation_before_round_opening(client, negotiation):
    got = {
        **matrix(client, negotiation, negotiation_pages(negotiation), bearer=False),
        **matrix(client, negotiation, negotiation_api(negotiation), bearer=True),
    }
    assert got == {**SEALED_ROUND_PAGES, **SEALED_ROUND_API}


def test_negotiation_after_round_opening(client, negotiation):
    negotiation.open_round(2)
    got = {
        **matrix(client, negotiation, negotiation_pages(negotiation), bearer=False),
        **matrix(client, negotiation, negotiation_api(negotiation), bearer=True),
    }
    assert got == {**OPENED_ROUND_PAGES, **OPENED_ROUND_API}


def post_matrix(client, s, ops: dict[str, tuple[str, dict]], *, bearer: bool) -> dict:
    """Writes that would change nothing even when allowed (invalid input, too early), so
    one world serves every persona: the status tells who passes the permission check."""
    return PERSONAS.matrix(client, s, ops, api=bearer, method="post")


def test_negotiation_writes(client, negotiation):
    s = negotiation
    c, sa = s.call.pk, s.tender_a.supplier_id
    bad_round = {"deadline": "2000-01-01T10:00", "change_text": ""}
    pages = {
        "rounds_post": (f"/tendering/calls/{c}/rounds/", bad_round),
        "round_opening_post": (f"/tendering/calls/{c}/rounds/2/opening/", {}),
        "channel_post": (f"/tendering/calls/{c}/channels/{sa}/", {"body": ""}),
    }
    api_ops = {
        "api_rounds_post": (
            f"{BASE}/calls/{c}/rounds",
            {**bad_round, "deadline": "2000-01-01T10:00:00Z"},
        ),
        "api_round_opening_post": (f"{BASE}/calls/{c}/rounds/2/opening", {}),
        "api_channel_post": (f"{BASE}/calls/{c}/channels/{sa}/messages", {"body": ""}),
    }
    got = {
        **post_matrix(client, s, pages, bearer=False),
        **post_matrix(client, s, api_ops, bearer=True),
    }
    assert got == {
        # Only the lead and procurement officers may start rounds; none of the personas is.
        "rounds_post": row(302, 404, 404, 403, 403, 403, 403, 403),
        # The round's deadline has not passed: the official is told so; others may not.
        "round_opening_post": row(302, 404, 404, 403, 403, 403, 403, 400),
        "channel_post": row(302, 400, 404, 404, 400, 400, 400, 400),
        "api_rounds_post": row(401, 404, 404, 403, 403, 403, 403, 403),
        "api_round_opening_post": row(401, 404, 404, 403, 403, 403, 403, 400),
        "api_channel_post": row(401, 400, 404, 404, 400, 400, 400, 400),
    }
    assert NegotiationRound.objects.count() == 1
    assert not NegotiationMessage.objects.exists()
    assert not OpeningConfirmation.objects.filter(round=2).exists()
