"""Permission matrix: every disclosure page and API operation × seven kinds of person,
after the award with a request under review; and the requester's link pages by token."""

import datetime as dt

import pytest

from handslag.disclosure import services
from handslag.disclosure.models import DocumentRequest, OfficialMask
from handslag.disclosure.tests.factories import DisclosureScenario
from handslag.testing.personas import Personas

pytestmark = pytest.mark.django_db

# Where each kind of person is found in the DisclosureScenario.
PERSONAS = Personas(
    anonymous=None,
    supplier_a="supplier_a",
    supplier_b="supplier_b",
    staff_outside_team="outsider_staff",
    external_advisor="advisor",
    team_member="team",
    procurement_officer="officer",
)
BASE = "/api/v1/disclosure"


@pytest.fixture
def world():
    s = DisclosureScenario()
    s.claim()
    s.award()
    s.case = s.request(tenders=[s.tender_a]).cases.get()
    services.consultation_send(
        actor=s.officer, case=s.case, message="?", deadline=dt.date.today() + dt.timedelta(days=5)
    )
    s.people = PERSONAS.people(s)
    return s


row = PERSONAS.row


def pages(s) -> dict[str, str]:
    case, request = s.case.public_id, s.case.request_id
    return {
        "tender_claims": f"/disclosure/tenders/{s.tender_a.public_id}/claims/",
        "consultation_list": "/disclosure/consultations/",
        "consultation": f"/disclosure/consultations/{case}/",
        "request_list": f"/disclosure/calls/{s.call.pk}/requests/",
        "request_detail": f"/disclosure/requests/{request}/",
        "workspace": f"/disclosure/cases/{case}/",
        "redacted_pdf": f"/disclosure/cases/{case}/redacted.pdf",
    }


def api_reads(s) -> dict[str, str]:
    case, request = s.case.public_id, s.case.request_id
    return {
        "api_claims": f"{BASE}/tenders/{s.tender_a.public_id}/claims",
        "api_requests": f"{BASE}/calls/{s.call.pk}/requests",
        "api_request": f"{BASE}/requests/{request}",
        "api_case": f"{BASE}/cases/{case}",
        "api_redacted": f"{BASE}/cases/{case}/redacted.pdf",
    }


def api_writes(s) -> dict[str, tuple[str, dict]]:
    case, request = s.case.public_id, s.case.request_id
    return {
        "api_claim_add": (
            f"{BASE}/tenders/{s.tender_a.public_id}/claims",
            {"passage": "sensorer", "reason": "x"},
        ),
        "api_request_register": (
            f"{BASE}/calls/{s.call.pk}/requests",
            {
                "requester_name": "X",
                "requester_email": "x@example.org",
                "subject": "Y",
                "received_on": dt.date.today().isoformat(),
            },
        ),
        "api_mask_add": (f"{BASE}/cases/{case}/masks", {"passage": "sensorer", "reason": "x"}),
        "api_case_decide": (f"{BASE}/cases/{case}/decision", {"text_outcome": "refuse"}),
        "api_request_decide": (f"{BASE}/requests/{request}/decision", {}),
        "api_link_renew": (f"{BASE}/requests/{request}/new-link", {}),
        "api_comment": (f"{BASE}/consultations/{case}/comment", {"comment": "Synpunkt."}),
    }


TEAM_ONLY = row(302, 404, 404, 403, 403, 200, 200)
PAGES = {
    "tender_claims": row(302, 200, 404, 404, 404, 200, 200),
    "consultation_list": row(302, 200, 200, 200, 200, 200, 200),
    "consultation": row(302, 200, 404, 404, 404, 404, 404),
    "request_list": TEAM_ONLY,
    "request_detail": TEAM_ONLY,
    "workspace": TEAM_ONLY,
    "redacted_pdf": TEAM_ONLY,
}
API_TEAM_ONLY = row(401, 404, 404, 403, 403, 200, 200)
API_READS = {
    "api_claims": row(401, 200, 404, 404, 404, 200, 200),
    "api_requests": API_TEAM_ONLY,
    "api_request": API_TEAM_ONLY,
    "api_case": API_TEAM_ONLY,
    "api_redacted": API_TEAM_ONLY,
}
# Writes: the supplier's claims are closed after the deadline (400); the team may not
# claim for the supplier (403); decisions are the lead's or a procurement officer's, who
# then meet the rule (400: claims unruled, tenders undecided).
API_WRITES = {
    "api_claim_add": row(401, 400, 404, 404, 404, 403, 403),
    "api_request_register": row(401, 404, 404, 403, 403, 201, 201),
    "api_mask_add": row(401, 404, 404, 403, 403, 201, 201),
    "api_case_decide": row(401, 404, 404, 403, 403, 403, 400),
    "api_request_decide": row(401, 404, 404, 403, 403, 403, 400),
    "api_link_renew": row(401, 404, 404, 403, 403, 403, 400),
    "api_comment": row(401, 200, 404, 404, 404, 404, 404),
}


def test_pages(client, world):
    assert PERSONAS.matrix(client, world, pages(world), api=False) == PAGES


def test_api_reads(client, world):
    assert PERSONAS.matrix(client, world, api_reads(world), api=True) == API_READS


def test_api_writes(client, world):
    got = PERSONAS.matrix(client, world, api_writes(world), api=True, method="post")
    assert got == API_WRITES
    # Only the two team members' registrations and masks were stored.
    assert DocumentRequest.objects.count() == 3
    assert OfficialMask.objects.count() == 2


def test_page_writes_refused_for_outsiders(client, world):
    """The other tenderer may not know the case exists (404); the buyer's staff outside the
    team and the external advisor know of it but may not act on it (403), as in the API."""
    case = world.case
    targets = {
        "mask_add": (
            f"/disclosure/cases/{case.public_id}/masks/",
            {"mask-passage": "sensorer", "mask-reason": "x"},
        ),
        "request_decide": (f"/disclosure/requests/{case.request_id}/decide/", {}),
    }
    outsiders = Personas(
        **{p: PERSONAS.where[p] for p in ("supplier_b", "staff_outside_team", "external_advisor")}
    )
    expected = outsiders.row(404, 403, 403)
    got = outsiders.matrix(client, world, targets, api=False, method="post")
    assert got == {"mask_add": expected, "request_decide": expected}
    assert not OfficialMask.objects.exists()


def test_requester_link_only_with_the_right_token(
    client, world, django_capture_on_commit_callbacks
):
    s = world
    claim_id = services.claim_list(tender=s.tender_a)[0]["id"]
    services.claim_rule(actor=s.officer, case=s.case, claim_id=claim_id, mask=True, reason="x")
    services.consultation_comment(actor=s.supplier_a, case=s.case, comment="Ok.")
    services.case_decide(
        actor=s.officer,
        case=s.case,
        text_outcome="release_redacted",
        reason="x",
        files={s.file_a.pk: {"outcome": "release"}},
    )
    with django_capture_on_commit_callbacks(execute=True):
        _, raw = services.request_decide(actor=s.officer, request=s.case.request)
    decision = s.case.file_rulings.get()
    good = {
        "page": f"/disclosure/r/{raw}/",
        "pdf": f"/disclosure/r/{raw}/tenders/{s.case.public_id}.pdf",
        "file": f"/disclosure/r/{raw}/files/{decision.public_id}/",
    }
    for persona in PERSONAS.names:
        client.logout()
        if s.people[persona].is_authenticated:
            client.force_login(s.people[persona])
        for url in good.values():
            assert client.get(url).status_code == 200, (persona, url)
        for wrong in ("hsr_" + "A" * 43, raw[:-1], raw.upper(), "x", raw[4:]):
            for url in good.values():
                assert client.get(url.replace(raw, wrong)).status_code == 404, (persona, wrong)
