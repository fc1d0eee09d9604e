"""The JSON API: every operation, the forbidden cases, and malformed bodies (4xx, never 500)."""

import datetime as dt

import pytest
from django.utils import timezone

from handslag.accounts.services import api_token_create
from handslag.market import services
from handslag.market.models import Application, ApplicationStatus, Call, CallStatus
from handslag.market.tests.factories import ApplicationFactory, CallFactory, ready_to_publish

pytestmark = pytest.mark.django_db

BASE = "/api/v1/market"


def _auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=user, name='t').raw}"}


def _post(client, url, user, body=None):
    return client.post(url, body or {}, content_type="application/json", **_auth(user))


def test_public_calls_without_signing_in(client, cast):
    CallFactory(status=CallStatus.DRAFT, published_at=None)
    response = client.get(f"{BASE}/calls")
    assert response.status_code == 200
    data = response.json()
    assert [c["id"] for c in data["items"]] == [cast.call.pk]
    assert "internal_notes" not in data["items"][0]


def test_public_call_detail_has_needs_and_no_internals(client, cast):
    ApplicationFactory(call=cast.call)
    data = client.get(f"{BASE}/calls/{cast.call.pk}").json()
    assert data["needs"][0]["effects"][0]["indicator"] == "Water used for irrigation"
    assert data["buyer"] == cast.project.organisation.name
    assert not {"internal_notes", "applications", "application_count"} & set(data)


def test_public_call_detail_of_a_draft_is_404(client, cast):
    draft = CallFactory(status=CallStatus.DRAFT, published_at=None)
    assert client.get(f"{BASE}/calls/{draft.pk}").status_code == 404


def test_buyer_endpoints_need_authentication(client, cast):
    assert client.get(f"{BASE}/buyer/calls").status_code == 401
    assert (
        client.post(f"{BASE}/buyer/calls", {}, content_type="application/json").status_code == 401
    )
    assert client.get(f"{BASE}/applications").status_code == 401


def test_publish_with_a_deadline_breaking_the_limit_is_422_with_the_rule(client, cast):
    now = timezone.now()
    call = services.call_create(
        actor=cast.manager,
        project=cast.project,
        selection_criteria="References.",
        application_deadline=now + dt.timedelta(days=10),
        tender_deadline=now + dt.timedelta(days=80),
    )
    ready_to_publish(call, cast.manager)
    response = _post(client, f"{BASE}/buyer/calls/{call.pk}/publish", cast.manager)
    assert response.status_code == 422
    item = response.json()["missing"][0]
    assert (item["code"], item["section"]) == ("application_period_too_short", "LOU 11 kap. 3 §")
    assert item["earliest"] and item["url"].endswith(f"/manage/{call.pk}/edit/")
    call.refresh_from_db()
    assert call.status == "draft"


def test_publication_check_is_the_managers(client, cast):
    url = f"{BASE}/buyer/calls/{cast.call.pk}/publication-check"
    assert client.get(url, **_auth(cast.team_member)).status_code == 403
    assert client.get(url, **_auth(cast.outsider)).status_code == 404
    assert client.get(url, **_auth(cast.user_a)).status_code == 404


def test_update_with_a_short_deadline_is_422_and_changes_nothing(client, cast):
    now = timezone.now()
    call = services.call_create(
        actor=cast.manager,
        project=cast.project,
        application_deadline=now + dt.timedelta(days=40),
        tender_deadline=now + dt.timedelta(days=80),
    )
    response = client.patch(
        f"{BASE}/buyer/calls/{call.pk}",
        {"application_deadline": (now + dt.timedelta(days=3)).isoformat()},
        content_type="application/json",
        **_auth(cast.manager),
    )
    assert response.status_code == 422
    assert response.json()["missing"][0]["code"] == "application_period_too_short"
    call.refresh_from_db()
    assert call.application_deadline > now + dt.timedelta(days=39)


def test_create_update_publish_cycle(client, cast):
    now = timezone.now()
    response = _post(
        client,
        f"{BASE}/buyer/calls",
        cast.manager,
        {
            "project_id": cast.project.pk,
            "application_deadline": (now + dt.timedelta(days=40)).isoformat(),
            "tender_deadline": (now + dt.timedelta(days=80)).isoformat(),
        },
    )
    assert response.status_code == 201, response.content
    call_id = response.json()["id"]
    assert response.json()["status"] == "draft"
    assert cast.need.problem in response.json()["summary"]
    response = client.patch(
        f"{BASE}/buyer/calls/{call_id}",
        {"title": "Irrigation partner", "internal_notes": "Ask the park staff"},
        content_type="application/json",
        **_auth(cast.manager),
    )
    assert response.status_code == 200 and response.json()["title"] == "Irrigation partner"
    warnings = client.get(f"{BASE}/buyer/calls/{call_id}/warnings", **_auth(cast.manager))
    assert warnings.status_code == 200
    # Without selection and award criteria and an evaluation model: 409, with the list.
    refused = _post(client, f"{BASE}/buyer/calls/{call_id}/publish", cast.manager)
    assert refused.status_code == 409, refused.content
    codes = [item["code"] for item in refused.json()["missing"]]
    assert codes == ["selection_criteria", "award_criteria", "evaluation_model"]
    check = client.get(f"{BASE}/buyer/calls/{call_id}/publication-check", **_auth(cast.manager))
    assert [item["code"] for item in check.json()] == codes
    assert Call.objects.get(pk=call_id).status == "draft"
    ready_to_publish(Call.objects.get(pk=call_id), cast.manager)
    response = _post(client, f"{BASE}/buyer/calls/{call_id}/publish", cast.manager)
    assert response.status_code == 200 and response.json()["status"] == "published"
    assert "warnings" in response.json()
    again = _post(client, f"{BASE}/buyer/calls/{call_id}/publish", cast.manager)
    assert again.status_code == 400 and again.json()["detail"]
    listed = client.get(f"{BASE}/buyer/calls?project_id={cast.project.pk}", **_auth(cast.manager))
    assert call_id in [c["id"] for c in listed.json()["items"]]


@pytest.mark.parametrize(
    "who,status", [("team_member", 403), ("colleague", 403), ("outsider", 404), ("user_a", 404)]
)
def test_create_by_the_wrong_people(client, cast, who, status):
    response = _post(
        client, f"{BASE}/buyer/calls", getattr(cast, who), {"project_id": cast.project.pk}
    )
    assert response.status_code == status
    assert Call.objects.count() == 1


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        '{"project_id": "abc"}',
        '{"project_id": 1, "application_deadline": "tomorrow"}',
        '{"project_id": 1, "max_partners": 0}',
        "[]",
    ],
)
def test_malformed_bodies_are_4xx(client, cast, body):
    response = client.post(
        f"{BASE}/buyer/calls", body, content_type="application/json", **_auth(cast.manager)
    )
    assert 400 <= response.status_code < 500


def test_deadlines_in_wrong_order_are_400(client, cast):
    now = timezone.now()
    response = _post(
        client,
        f"{BASE}/buyer/calls",
        cast.manager,
        {
            "project_id": cast.project.pk,
            "application_deadline": (now + dt.timedelta(days=40)).isoformat(),
            "tender_deadline": (now + dt.timedelta(days=20)).isoformat(),
        },
    )
    assert response.status_code == 400
    assert "tender_deadline" in response.json()["errors"]


def test_call_get_matrix(client, cast):
    url = f"{BASE}/buyer/calls/{cast.call.pk}"
    assert client.get(url, **_auth(cast.colleague)).status_code == 200
    assert client.get(url, **_auth(cast.colleague)).json()["internal_notes"] == ""
    assert client.get(url, **_auth(cast.outsider)).status_code == 404
    assert client.get(url, **_auth(cast.user_a)).status_code == 404


def test_cancel(client, cast):
    url = f"{BASE}/buyer/calls/{cast.call.pk}/cancel"
    assert _post(client, url, cast.team_member, {"reason": "x"}).status_code == 403
    assert _post(client, url, cast.manager, {"reason": ""}).status_code == 400
    assert _post(client, url, cast.manager, {}).status_code == 422
    response = _post(client, url, cast.manager, {"reason": "No budget"})
    assert response.status_code == 200 and response.json()["status"] == "cancelled"


def test_apply_list_decide_invite(client, cast):
    apply_url = f"{BASE}/calls/{cast.call.pk}/applications"
    response = _post(client, apply_url, cast.user_a, {"text": "We can."})
    assert response.status_code == 201, response.content
    app_id = response.json()["id"]
    assert response.json()["supplier"] == cast.supplier_a.name
    assert _post(client, apply_url, cast.user_a, {"text": "Again"}).status_code == 400
    assert _post(client, apply_url, cast.manager, {"text": "Buyer"}).status_code == 403
    assert (
        _post(
            client, apply_url, cast.user_b, {"text": "x", "supplier_id": cast.supplier_a.pk}
        ).status_code
        == 403
    )
    assert _post(client, apply_url, cast.user_a, {}).status_code == 422

    mine = client.get(f"{BASE}/applications", **_auth(cast.user_a)).json()
    assert [a["id"] for a in mine["items"]] == [app_id]
    assert client.get(f"{BASE}/applications", **_auth(cast.user_b)).json()["items"] == []
    assert client.get(f"{BASE}/applications/{app_id}", **_auth(cast.user_b)).status_code == 404
    assert client.get(f"{BASE}/applications/{app_id}", **_auth(cast.user_a)).status_code == 200

    team_list = f"{BASE}/buyer/calls/{cast.call.pk}/applications"
    assert client.get(team_list, **_auth(cast.team_member)).json()["count"] == 1
    assert client.get(team_list, **_auth(cast.colleague)).status_code == 403
    assert client.get(team_list, **_auth(cast.user_a)).status_code == 404

    decide = f"{BASE}/applications/{app_id}/decide"
    assert (
        _post(client, decide, cast.team_member, {"qualified": True, "reason": "x"}).status_code
        == 403
    )
    assert _post(client, decide, cast.user_a, {"qualified": True, "reason": "x"}).status_code == 403
    assert (
        _post(client, decide, cast.manager, {"qualified": "maybe", "reason": "x"}).status_code
        == 422
    )
    assert _post(client, decide, cast.manager, {"qualified": True, "reason": ""}).status_code == 400
    response = _post(client, decide, cast.manager, {"qualified": True, "reason": "Strong"})
    assert response.status_code == 200 and response.json()["status"] == "qualified"

    invite = f"{BASE}/applications/{app_id}/invite"
    assert _post(client, invite, cast.manager).status_code == 400  # deadline not yet passed
    Call.objects.filter(pk=cast.call.pk).update(
        application_deadline=timezone.now() - dt.timedelta(minutes=1)
    )
    assert _post(client, invite, cast.team_member).status_code == 403
    response = _post(client, invite, cast.manager)
    assert response.status_code == 200 and response.json()["status"] == "invited"


def test_invite_all_qualified(client, cast):
    ApplicationFactory(call=cast.call, supplier=cast.supplier_a, status=ApplicationStatus.QUALIFIED)
    Call.objects.filter(pk=cast.call.pk).update(
        application_deadline=timezone.now() - dt.timedelta(minutes=1)
    )
    url = f"{BASE}/buyer/calls/{cast.call.pk}/invite"
    assert _post(client, url, cast.team_member).status_code == 403
    response = _post(client, url, cast.manager)
    assert response.status_code == 200 and [a["status"] for a in response.json()] == ["invited"]


def test_withdraw(client, cast):
    application = ApplicationFactory(call=cast.call, supplier=cast.supplier_a)
    url = f"{BASE}/applications/{application.pk}/withdraw"
    assert _post(client, url, cast.user_b).status_code == 404
    assert _post(client, url, cast.manager).status_code == 403
    assert _post(client, url, cast.user_a).status_code == 200
    assert _post(client, url, cast.user_a).status_code == 400
    assert Application.objects.get().status == ApplicationStatus.WITHDRAWN


def test_apply_to_a_draft_is_404(client, cast):
    draft = CallFactory(status=CallStatus.DRAFT, published_at=None)
    response = _post(client, f"{BASE}/calls/{draft.pk}/applications", cast.user_a, {"text": "x"})
    assert response.status_code == 404
