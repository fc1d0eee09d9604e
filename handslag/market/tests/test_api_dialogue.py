"""The market dialogue in the JSON API: same rules as the pages; malformed bodies get 4xx."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from handslag.accounts.models import Organisation, User
from handslag.accounts.services import api_token_create
from handslag.accounts.tests.factories import valid_org_number
from handslag.market import services
from handslag.market.models import CallFollow, CallStatus, CallVersion, Question, Rfi
from handslag.market.tests.factories import CallFactory

pytestmark = pytest.mark.django_db

BASE = "/api/v1/market"


def _auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=user, name='t').raw}"}


def _send(client, method, url, user=None, body=None):
    headers = _auth(user) if user else {}
    return getattr(client, method)(url, body, content_type="application/json", **headers)


def _post(client, url, user=None, body=None):
    return _send(client, "post", url, user, body if body is not None else {})


def _register_body(**changes) -> dict:
    body = {
        "organisation_name": "API Leverantör AB",
        "org_number": valid_org_number("55"),
        "email": "api@example.org",
        "username": "api-lev",
        "password": "Ett-långt-lösen-42",
        "areas": ["digital"],
        "is_sme": True,
    }
    body.update(changes)
    return body


def test_register_through_the_api(client):
    response = _post(client, f"{BASE}/suppliers/register", body=_register_body())
    assert response.status_code == 201, response.content
    user = User.objects.get(username="api-lev")
    assert response.json()["organisation_id"] in user.supplier_organisation_ids


@pytest.mark.parametrize(
    "body",
    [
        {"org_number": "5566778890"},
        {"password": "short"},
        {"areas": "digital"},
        {"email": None},
        {"username": 5},
    ],
)
def test_register_refusals_are_4xx_and_save_nothing(client, body):
    before = Organisation.objects.count()
    response = _post(client, f"{BASE}/suppliers/register", body=_register_body(**body))
    assert 400 <= response.status_code < 500
    assert Organisation.objects.count() == before


def test_register_malformed_json_is_400(client):
    response = client.post(
        f"{BASE}/suppliers/register", "{not json", content_type="application/json"
    )
    assert response.status_code == 400


def test_profiles(client, cast):
    mine = _send(client, "get", f"{BASE}/suppliers/mine", cast.user_a).json()
    assert [p["organisation_id"] for p in mine] == [cast.supplier_a.pk]
    url = f"{BASE}/suppliers/{cast.supplier_a.pk}/profile"
    response = _send(
        client, "put", url, cast.user_a, {"capabilities": "Sensorer", "areas": ["food"]}
    )
    assert response.status_code == 200 and response.json()["areas"] == ["food"]
    assert _send(client, "put", url, cast.user_a, {"areas": ["moon"]}).status_code == 400
    assert _send(client, "put", url, cast.user_a, {"areas": "food"}).status_code == 422
    assert _send(client, "get", url, cast.user_b).status_code == 404
    assert _send(client, "put", url, cast.user_b, {"areas": []}).status_code == 404
    assert _send(client, "get", url, cast.manager).status_code == 404
    assert client.get(url).status_code == 401


def test_supplier_registry_for_buyer_staff_only(client, cast):
    response = _send(client, "get", f"{BASE}/buyer/suppliers", cast.colleague)
    assert response.status_code == 200
    assert {"Sensor A AB", "Sensor B AB"} <= {s["name"] for s in response.json()["items"]}
    assert _send(client, "get", f"{BASE}/buyer/suppliers", cast.user_a).status_code == 403


def test_follow_and_unfollow(client, cast):
    url = f"{BASE}/calls/{cast.call.pk}/follow"
    assert _post(client, url, cast.user_a).status_code == 200
    assert CallFollow.objects.filter(organisation=cast.supplier_a).exists()
    assert _send(client, "get", f"{BASE}/follows", cast.user_a).json()["count"] == 1
    assert _send(client, "get", f"{BASE}/follows", cast.user_b).json()["count"] == 0
    assert _send(client, "delete", url, cast.user_a).status_code == 204
    assert not CallFollow.objects.exists()
    assert _post(client, url, cast.manager).status_code == 403
    assert _post(client, url, cast.user_a, {"supplier_id": cast.supplier_b.pk}).status_code == 403
    draft = CallFactory(status=CallStatus.DRAFT, published_at=None)
    assert _post(client, f"{BASE}/calls/{draft.pk}/follow", cast.user_a).status_code == 404
    assert _post(client, f"{BASE}/calls/999999/follow", cast.user_a).status_code == 404


def test_questions_and_answers(client, cast):
    url = f"{BASE}/calls/{cast.call.pk}/questions"
    response = _post(client, url, cast.user_a, {"text": "Sensor A undrar: kan vi?"})
    assert response.status_code == 201
    question_id = response.json()["id"]
    assert _post(client, url, cast.user_a, {"text": " "}).status_code == 400
    assert _post(client, url, cast.user_a, {"text": ["x"]}).status_code == 422
    assert _post(client, url, cast.manager, {"text": "?"}).status_code == 403
    assert client.get(url).json()["count"] == 0  # nothing public before the answer
    # Own questions; nobody else's.
    assert _send(client, "get", f"{BASE}/questions", cast.user_a).json()["count"] == 1
    assert _send(client, "get", f"{BASE}/questions", cast.user_b).json()["count"] == 0
    # The team reads them with the asker; outsiders do not.
    buyer_url = f"{BASE}/buyer/calls/{cast.call.pk}/questions"
    items = _send(client, "get", buyer_url, cast.team_member).json()["items"]
    assert items[0]["supplier"] == "Sensor A AB"
    assert _send(client, "get", buyer_url, cast.outsider).status_code == 404
    assert _send(client, "get", buyer_url, cast.user_a).status_code == 404
    answer_url = f"{BASE}/buyer/questions/{question_id}/answer"
    assert _post(client, answer_url, cast.team_member, {"answer": "Ja"}).status_code == 403
    assert _post(client, answer_url, cast.user_b, {"answer": "Ja"}).status_code == 404
    assert _post(client, answer_url, cast.manager, {}).status_code == 422
    response = _post(
        client, answer_url, cast.manager, {"answer": "Ja", "published_question": "Kan vi?"}
    )
    assert response.status_code == 200
    assert _post(client, answer_url, cast.manager, {"answer": "Igen"}).status_code == 400
    public = client.get(url).json()["items"]
    assert public == [
        {
            "id": question_id,
            "question": "Kan vi?",
            "answer": "Ja",
            "answered_at": public[0]["answered_at"],
        }
    ]
    days = client.get(f"{BASE}/calls/{cast.call.pk}/question-days").json()
    assert days["last_for_answers"] > days["last_for_questions"]


def test_questions_refused_after_the_last_day(client, cast):
    cast.call.application_deadline = timezone.now() + dt.timedelta(days=1)
    cast.call.tender_deadline = timezone.now() + dt.timedelta(days=4)
    cast.call.save()
    response = _post(client, f"{BASE}/calls/{cast.call.pk}/questions", cast.user_a, {"text": "?"})
    assert response.status_code == 400
    assert not Question.objects.exists()


def test_amend_and_versions(client, cast, django_capture_on_commit_callbacks):
    services.call_follow(actor=cast.user_b, call=cast.call, organisation=cast.supplier_b)
    url = f"{BASE}/buyer/calls/{cast.call.pk}/amend"
    new_deadline = (cast.call.tender_deadline + dt.timedelta(days=7)).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(
            client, url, cast.manager, {"reason": "Längre tid", "tender_deadline": new_deadline}
        )
    assert response.status_code == 200, response.content
    assert response.json()[0]["changes"][0]["field"] == "tender_deadline"
    assert [m.to for m in mail.outbox] == [[cast.user_b.email]]
    versions = client.get(f"{BASE}/calls/{cast.call.pk}/versions").json()
    assert versions[0]["number"] == 2 and versions[0]["reason"] == "Längre tid"
    assert _post(client, url, cast.manager, {"reason": "x", "title": None}).status_code == 400
    assert _post(client, url, cast.manager, {"reason": "x", "max_partners": 0}).status_code == 422
    assert _post(client, url, cast.manager, {"title": "x"}).status_code == 422
    assert _post(client, url, cast.manager, {"reason": "x"}).status_code == 400  # nothing changed
    assert _post(client, url, cast.team_member, {"reason": "x", "title": "y"}).status_code == 403
    assert _post(client, url, cast.outsider, {"reason": "x", "title": "y"}).status_code == 404
    assert _post(client, url, cast.user_a, {"reason": "x", "title": "y"}).status_code == 404
    assert CallVersion.objects.count() == 1


def test_rfi_through_the_api(client, cast):
    body = {
        "project_id": cast.project.pk,
        "title": "RFI om vatten",
        "introduction": "Vad finns?",
        "deadline": (timezone.now() + dt.timedelta(days=10)).isoformat(),
        "questions": ["Vilka sensorer?", "Vad kostar det?"],
    }
    assert _post(client, f"{BASE}/buyer/rfis", cast.team_member, body).status_code == 403
    assert (
        _post(client, f"{BASE}/buyer/rfis", cast.manager, {**body, "questions": []}).status_code
        == 400
    )
    assert (
        _post(client, f"{BASE}/buyer/rfis", cast.manager, {**body, "deadline": "igår"}).status_code
        == 422
    )
    response = _post(client, f"{BASE}/buyer/rfis", cast.manager, body)
    assert response.status_code == 201
    rfi_id = response.json()["id"]
    q1, q2 = (q["id"] for q in response.json()["questions"])
    assert client.get(f"{BASE}/rfis/{rfi_id}").status_code == 404  # draft
    assert _post(client, f"{BASE}/buyer/rfis/{rfi_id}/publish", cast.user_a).status_code == 404
    assert _post(client, f"{BASE}/buyer/rfis/{rfi_id}/publish", cast.manager).status_code == 200
    assert client.get(f"{BASE}/rfis").json()["count"] == 1
    respond = f"{BASE}/rfis/{rfi_id}/responses"
    answer = {"answers": [{"question_id": q1, "text": "Markfukt"}]}
    assert _post(client, respond, cast.manager, answer).status_code == 403
    assert (
        _post(
            client, respond, cast.user_a, {"answers": [{"question_id": 999999, "text": "x"}]}
        ).status_code
        == 400
    )
    assert _post(client, respond, cast.user_a, {"answers": "x"}).status_code == 422
    assert _post(client, respond, cast.user_a, answer).status_code == 201
    assert _post(client, respond, cast.user_a, answer).status_code == 400
    summary_url = f"{BASE}/buyer/rfis/{rfi_id}/summary"
    summary = _send(client, "get", summary_url, cast.team_member).json()
    assert summary["responses"] == 1
    assert summary["questions"][0]["answers"] == [{"supplier": "Sensor A AB", "text": "Markfukt"}]
    assert summary["questions"][1]["answered"] == 0
    for who in (cast.user_a, cast.outsider, cast.colleague):
        assert _send(client, "get", summary_url, who).status_code == 404
    assert _send(client, "get", f"{BASE}/buyer/rfis", cast.team_member).json()["count"] == 1
    assert _post(client, f"{BASE}/buyer/rfis/{rfi_id}/close", cast.team_member).status_code == 403
    assert _post(client, f"{BASE}/buyer/rfis/{rfi_id}/close", cast.manager).status_code == 200
    assert _post(client, f"{BASE}/buyer/rfis/{rfi_id}/close", cast.manager).status_code == 400
    assert Rfi.objects.get().status == "closed"


def test_events_through_the_api(client, cast):
    body = {
        "project_id": cast.project.pk,
        "kind": "sprint",
        "title": "Sprint",
        "starts_at": (timezone.now() + dt.timedelta(days=3)).isoformat(),
        "invited_ids": [cast.supplier_a.pk],
    }
    assert _post(client, f"{BASE}/buyer/events", cast.team_member, body).status_code == 403
    bad = {**body, "invited_ids": [cast.project.organisation_id]}
    assert _post(client, f"{BASE}/buyer/events", cast.manager, bad).status_code == 400
    assert (
        _post(
            client, f"{BASE}/buyer/events", cast.manager, {**body, "invited_ids": [999999]}
        ).status_code
        == 400
    )
    assert (
        _post(client, f"{BASE}/buyer/events", cast.manager, {**body, "kind": "fest"}).status_code
        == 400
    )
    response = _post(client, f"{BASE}/buyer/events", cast.manager, body)
    assert response.status_code == 201
    event_id = response.json()["id"]
    patch = _send(client, "patch", f"{BASE}/buyer/events/{event_id}", cast.lead, {"notes": "Bra"})
    assert patch.status_code == 200 and patch.json()["notes"] == "Bra"
    assert (
        _send(
            client, "patch", f"{BASE}/buyer/events/{event_id}", cast.user_a, {"notes": "x"}
        ).status_code
        == 403
    )
    seen = _send(client, "get", f"{BASE}/events/{event_id}", cast.user_a)
    assert seen.status_code == 200 and "notes" not in seen.json()
    assert _send(client, "get", f"{BASE}/events/{event_id}", cast.user_b).status_code == 404
    assert _send(client, "get", f"{BASE}/events", cast.user_a).json()["count"] == 1
    assert _send(client, "get", f"{BASE}/buyer/events", cast.team_member).json()["count"] == 1
