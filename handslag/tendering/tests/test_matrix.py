"""Permission matrix: every tendering page and API read × eight kinds of person, after the
opening (and the sealed pages before it). Writes are covered per service in the other tests."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile

from handslag.accounts.roles import ProjectRole
from handslag.tendering.tests.factories import Scenario, team_member
from handslag.tendering.tests.test_api import BASE, auth

pytestmark = pytest.mark.django_db

PERSONAS = (
    "anonymous",
    "supplier_a",
    "supplier_b",
    "staff_outside_team",
    "team_member",
    "evaluator_undeclared",
    "evaluator",
    "opening_official",
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
    s.people = {
        "anonymous": AnonymousUser(),
        "supplier_a": s.supplier_a,
        "supplier_b": s.supplier_b,
        "staff_outside_team": s.outsider_staff,
        "team_member": s.team,
        "evaluator_undeclared": s.undeclared,
        "evaluator": s.evaluator,
        "opening_official": s.official,
    }
    return s


def pages(s) -> dict[str, str]:  # noqa: ANN001
    c, t = s.call.pk, s.tender_a.pk
    return {
        "tender_list": "/tendering/mine/",
        "tender_submit": f"/tendering/calls/{c}/submit/",
        "tender_receipt": f"/tendering/tenders/{t}/",
        "tender_withdraw": f"/tendering/tenders/{t}/withdraw/",
        "tender_file": f"/tendering/files/{s.file_a.pk}/",
        "opening": f"/tendering/calls/{c}/opening/",
        "opening_record": f"/tendering/calls/{c}/opening/record.pdf",
        "criteria": f"/tendering/calls/{c}/criteria/",
        "declaration": f"/tendering/calls/{c}/declaration/",
        "evaluation": f"/tendering/calls/{c}/evaluation/",
        "tender_evaluate": f"/tendering/tenders/{t}/evaluate/",
        "award": f"/tendering/calls/{c}/award/",
    }


def api(s) -> dict[str, str]:  # noqa: ANN001
    c, t = s.call.pk, s.tender_a.pk
    return {
        "api_mine": f"{BASE}/tenders/mine",
        "api_tender_files": f"{BASE}/tenders/{t}/files",
        "api_file": f"{BASE}/files/{s.file_a.pk}",
        "api_content": f"{BASE}/tenders/{t}/content",
        "api_opening_record": f"{BASE}/calls/{c}/opening/record.pdf",
    }


def matrix(client, s, urls: dict[str, str], *, bearer: bool) -> dict[str, dict[str, int]]:  # noqa: ANN001
    got: dict[str, dict[str, int]] = {}
    for name, url in urls.items():
        row = {}
        for persona in PERSONAS:
            user = s.people[persona]
            client.logout()
            extra = {}
            if user.is_authenticated:
                if bearer:
                    extra = auth(user)
                else:
                    client.force_login(user)
            row[persona] = client.get(url, **extra).status_code
        got[name] = row
    return got


def row(anonymous, a, b, outside, team, undeclared, evaluator, official) -> dict[str, int]:  # noqa: ANN001, PLR0913
    return dict(
        zip(
            PERSONAS, (anonymous, a, b, outside, team, undeclared, evaluator, official), strict=True
        )
    )


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
}
AFTER_OPENING_API = {
    "api_mine": row(401, 200, 200, 200, 200, 200, 200, 200),
    "api_tender_files": row(401, 404, 404, 404, 200, 403, 200, 200),
    "api_file": row(401, 200, 404, 404, 200, 403, 200, 200),
    "api_content": row(401, 200, 404, 404, 200, 403, 200, 200),
    "api_opening_record": row(401, 404, 404, 403, 200, 200, 200, 200),
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


def negotiation_pages(s) -> dict[str, str]:  # noqa: ANN001
    c, r, sa = s.call.pk, s.revised_a.pk, s.tender_a.supplier_id
    return {
        "rounds": f"/tendering/calls/{c}/rounds/",
        "round_opening": f"/tendering/calls/{c}/rounds/2/opening/",
        "round_record": f"/tendering/calls/{c}/rounds/2/opening/record.pdf",
        "round_diff": f"/tendering/calls/{c}/rounds/2/diff/",
        "channels": f"/tendering/calls/{c}/channels/",
        "channel": f"/tendering/calls/{c}/channels/{sa}/",
        "negotiation_supplier": f"/tendering/calls/{c}/negotiation/",
        "round2_receipt": f"/tendering/tenders/{r}/",
        "round2_evaluate": f"/tendering/tenders/{r}/evaluate/",
        "round2_file": f"/tendering/files/{s.revised_file.pk}/",
        "round1_evaluate": f"/tendering/tenders/{s.tender_a.pk}/evaluate/",
    }


def negotiation_api(s) -> dict[str, str]:  # noqa: ANN001
    c, r, sa = s.call.pk, s.revised_a.pk, s.tender_a.supplier_id
    return {
        "api_rounds": f"{BASE}/calls/{c}/rounds",
        "api_round_opening": f"{BASE}/calls/{c}/rounds/2/opening",
        "api_round_record": f"{BASE}/calls/{c}/rounds/2/opening/record.pdf",
        "api_round_diff": f"{BASE}/calls/{c}/rounds/2/diff",
        "api_channel": f"{BASE}/calls/{c}/channels/{sa}/messages",
        "api_negotiation": f"{BASE}/calls/{c}/negotiation",
        "api_round2_content": f"{BASE}/tenders/{r}/content",
        "api_round2_files": f"{BASE}/tenders/{r}/files",
        "api_round1_content": f"{BASE}/tenders/{s.tender_a.pk}/content",
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
