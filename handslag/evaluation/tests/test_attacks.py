"""Bad input and attacks on tendering through the pages and the API, where the service
tests do not already cover them: each gets a clear refusal and changes nothing."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handslag.disclosure.models import DocumentRequest
from handslag.evaluation import services
from handslag.evaluation.models import Criterion
from handslag.evaluation.tests.factories import Scenario
from handslag.evaluation.tests.test_matrix_writes import snapshot
from handslag.tendering.models import Tender
from handslag.tendering.opening import is_opened
from handslag.tendering.tests.factories import PDF, api_submit, move_deadline, page_submit
from handslag.tendering.tests.test_api import BASE, auth

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def s() -> Scenario:
    return Scenario()


# --- the deadline -------------------------------------------------------------------------


# --- forged ids -----------------------------------------------------------------------


# --- the opening ------------------------------------------------------------------------


# --- the tender count before the opening ----------------------------------------------------


TOKEN = re.compile(r"(csrfmiddlewaretoken\" value=\"|X-CSRFToken\": \")[^\"]+")


def _buyer_views(client, s: Scenario, person: str = "lead") -> dict[str, str]:
    user = getattr(s, person)
    client.force_login(user)
    c = s.call.pk
    pages = [
        "/",
        f"/tendering/calls/{c}/opening/",
        f"/tendering/calls/{c}/evaluation/",
        f"/tendering/calls/{c}/award/",
        f"/market/manage/{c}/",
        f"/projects/{s.project.pk}/",
        f"/tendering/calls/{c}/rounds/",
        f"/tendering/calls/{c}/channels/",
        f"/disclosure/calls/{c}/requests/",
        f"/market/calls/{c}/",
        "/market/manage/",
        f"/tendering/calls/{c}/criteria/",
        f"/tendering/calls/{c}/evaluation-model/",
        f"/tendering/calls/{c}/declaration/",
        f"/projects/{s.project.pk}/timeline/",
        f"/documents/projects/{s.project.pk}/",
    ]
    got = {}
    # A channel exists only for a tenderer; asking for one must not tell whether it does.
    supplier_id = s.supplier_a.memberships.first().organisation_id
    pages.append(f"/tendering/calls/{c}/channels/{supplier_id}/")
    for url in pages:
        response = client.get(url)
        got[url] = f"{response.status_code} " + TOKEN.sub(r"\1-", response.text)
    # A request before the award is registered naming no tender; the answer must not
    # depend on whether a tender with that id exists in the sealed call.
    response = client.post(
        f"/disclosure/calls/{c}/requests/",
        {
            "requester_name": "Journalist",
            "requester_email": "j@example.se",
            "subject": "Alla anbud",
            "received_on": "2020-01-01",
        },
    )
    got["request page post"] = f"{response.status_code} " + TOKEN.sub(r"\1-", response.text)
    if response.status_code == 302:
        # The registered request's page, with the refusal to come: the same too.
        detail = client.get(response["Location"])
        page = TOKEN.sub(r"\1-", detail.text).replace(response["Location"], "/the-request/")
        # The time it was registered is the clock's, not the tenders': minutes apart.
        page = re.sub(r"\b\d{1,2}:\d{2}\b", "HH:MM", page)
        got["request page detail"] = f"{detail.status_code} " + re.sub(
            r"/requests/\d+/", "/requests/N/", page
        )
    token = auth(user)
    for path in ("opening", "tenders", "ranking", "award", "criteria", "rounds", "negotiation"):
        response = client.get(f"{BASE}/calls/{c}/{path}", **token)
        got[path] = f"{response.status_code} {response.content.decode()}"
    response = client.get(f"/api/v1/disclosure/calls/{c}/requests", **token)
    got["requests"] = f"{response.status_code} {response.content.decode()}"
    first = Tender.objects.order_by("pk").values_list("public_id", flat=True).first()
    unknown = "00000000-0000-4000-8000-000000000999"
    for key, ids in (("request all", None), ("request by id", [str(first or unknown)])):
        response = client.post(
            f"/api/v1/disclosure/calls/{c}/requests",
            {
                "requester_name": "Journalist",
                "requester_email": "j@example.se",
                "subject": "Alla anbud",
                "received_on": "2020-01-01",
                "tender_ids": ids,
            },
            content_type="application/json",
            **token,
        )
        got[key] = f"{response.status_code} {response.content.decode()}"
    # Before the award each request is registered (to be refused): its number is the only
    # thing that may differ, and it is taken away again so the next look starts the same.
    made = DocumentRequest.objects.filter(call=s.call)
    for key in ("request all", "request by id", "requests"):
        got[key] = re.sub(r'"id": ?\d+', '"id": N', got[key])
    made.delete()
    return got


BUYER_SIDE = ("lead", "officer", "official", "team", "evaluator")


# --- criteria weights ------------------------------------------------------------------


# --- files through the pages and the API ---------------------------------------------------


def test_ids_from_another_call_are_not_found(client, s):
    s.submit(s.supplier_a)
    elsewhere = Scenario()
    stranger = elsewhere.submit(elsewhere.supplier_a)
    s.open()
    elsewhere.open()
    before = snapshot(s)
    # A criterion of another call in a score, and another call's tender in an award.
    body = {
        "scores": [{"criterion_id": elsewhere.criteria[0].pk, "score": 3, "justification": "x"}]
    }
    tender = Tender.objects.get(call=s.call)
    response = client.post(
        f"{BASE}/tenders/{tender.public_id}/scores",
        body,
        content_type="application/json",
        **auth(s.evaluator),
    )
    assert response.status_code == 404
    response = client.post(
        f"{BASE}/calls/{s.call.pk}/award",
        {
            "tender_id": str(stranger.public_id),
            "justification": "x",
            "notice_sent_on": "2030-01-01",
        },
        content_type="application/json",
        **auth(s.lead),
    )
    assert response.status_code == 404
    assert snapshot(s) | {"audit": 0} == before | {"audit": 0}


def test_a_single_official_cannot_open_alone(client, s):
    s.submit(s.supplier_a)
    move_deadline(s, timezone.now() - dt.timedelta(seconds=1))
    client.force_login(s.official)
    url = f"/tendering/calls/{s.call.pk}/opening/"
    assert client.post(url).status_code == 302
    assert not is_opened(s.call)
    again = client.post(url)
    assert again.status_code == 400 and "andra" in again.text  # a second official must confirm
    response = client.post(f"{BASE}/calls/{s.call.pk}/opening", **auth(s.official))
    assert response.status_code == 400
    assert not is_opened(s.call)
    assert client.get(f"{BASE}/calls/{s.call.pk}/tenders", **auth(s.official)).status_code == 403
    # A colleague who is not appointed cannot make up the quorum either.
    assert client.post(f"{BASE}/calls/{s.call.pk}/opening", **auth(s.evaluator)).status_code == 403
    assert not is_opened(s.call)


@pytest.mark.parametrize("person", BUYER_SIDE)
def test_the_buyer_learns_nothing_of_the_tender_count_before_the_opening(client, s, person):
    """Every page and API answer the team can ask for is the same with none or two tenders,
    whichever role in the team asks (lead, procurement officer, opening official, need
    owner, evaluator)."""
    none = _buyer_views(client, s, person)
    s.submit(s.supplier_a)
    s.submit(s.supplier_b, files=[SimpleUploadedFile("b.pdf", PDF)])
    two = _buyer_views(client, s, person)
    if person == "lead":
        assert {k: v[:3] for k, v in none.items()} == {
            **dict.fromkeys(none, "200"),
            **{k: "404" for k in none if "/channels/" in k and not k.endswith("/channels/")},
            **{"tenders": "403", "ranking": "403", "award": "404", "negotiation": "404"},
            **{"request page post": "302", "request all": "201", "request by id": "201"},
        }
        assert '"tenders": null' in none["opening"] or '"tenders":null' in none["opening"]
    assert two == none
    # (The invited suppliers' names are the buyer's own knowledge; which of them tendered
    # is what the identity above keeps from it.)
    receipts = Tender.objects.values_list("receipt", flat=True)
    assert not any(r in v for r in receipts for v in two.values())


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(weights=st.lists(st.integers(min_value=1, max_value=100), min_size=1, max_size=5))
def test_weights_are_accepted_exactly_when_they_sum_to_100(s, weights):
    rows = [{"name": f"Kvalitet {n}", "weight": w} for n, w in enumerate(weights)]
    rows[-1]["kind"] = "price"
    before = list(Criterion.objects.filter(call=s.call).values_list("name", "weight"))
    try:
        services.criteria_set(actor=s.lead, call=s.call, criteria=rows)
    except ValidationError:
        assert sum(weights) != 100 or len(weights) == 1
        assert list(Criterion.objects.filter(call=s.call).values_list("name", "weight")) == before
    else:
        assert sum(weights) == 100
        services.criteria_set(actor=s.lead, call=s.call, criteria=services.default_criteria())


def test_one_second_late_through_the_page_and_the_api(client, s):
    first = s.submit(s.supplier_a)
    move_deadline(s, timezone.now() - dt.timedelta(seconds=1))
    before = snapshot(s)
    response = page_submit(client, s, s.supplier_a)
    assert response.status_code == 400
    assert "Anbud som kommer in för sent tas inte emot" in response.text
    response = api_submit(client, s, s.supplier_b)
    assert response.status_code == 400
    assert "för sent tas inte emot" in response.json()["detail"]
    assert snapshot(s) | {"audit": 0} == before | {"audit": 0}  # tokens are audited
    first.refresh_from_db()
    assert first.status == "submitted"


def test_replacing_one_second_late_keeps_the_previous_tender(s):
    first = s.submit(s.supplier_a, files=[SimpleUploadedFile("a.pdf", PDF)])
    before = snapshot(s)
    with pytest.raises(ValidationError):
        s.submit(
            s.supplier_a,
            content="Better",
            files=[SimpleUploadedFile("b.pdf", PDF)],
            now=s.after_deadline(),
        )
    assert snapshot(s) == before
    first.refresh_from_db()
    assert first.status == "submitted"
