import pytest

from handslag.accounts.roles import ProjectRole
from handslag.accounts.services import api_token_create
from handslag.projects.models import ProjectMember, StageStatus
from handslag.projects.tests.factories import complete_checklist, need_statement

pytestmark = pytest.mark.django_db

BASE = "/api/v1/projects"


def auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=user, name='t').raw}"}


def test_anonymous_gets_401(client, project):
    assert client.get(f"{BASE}/").status_code == 401
    assert client.get(f"{BASE}/{project.pk}").status_code == 401


def test_templates_list(client, lead):
    response = client.get(f"{BASE}/templates", **auth(lead))
    assert response.status_code == 200
    data = {t["key"]: t for t in response.json()}
    assert len(data["innovation_partnership"]["stages"]) == 9
    assert data["open_functional"]["legal_procedure"] == "open"


def test_create_list_and_get(client, lead, org):
    need = need_statement(org)
    headers = auth(lead)
    response = client.post(
        f"{BASE}/",
        {"organisation_id": org.pk, "title": "Snöröjning", "need_ids": [need.pk]},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["template_key"] == "innovation_partnership"
    assert created["current_stage"] == "Behovsanalys"
    listed = client.get(f"{BASE}/", **headers).json()
    assert [p["id"] for p in listed["items"]] == [created["id"]]
    assert client.get(f"{BASE}/{created['id']}", **headers).json()["title"] == "Snöröjning"


def test_create_with_a_foreign_need_is_400(client, lead, org, outsider):
    foreign = need_statement(outsider.active_memberships[0].organisation)
    response = client.post(
        f"{BASE}/",
        {"organisation_id": org.pk, "title": "X", "need_ids": [foreign.pk]},
        content_type="application/json",
        **auth(lead),
    )
    assert response.status_code == 400
    assert "need_ids" in response.json()["errors"] or "needs" in response.json()["errors"]


def test_create_without_role_is_403(client, colleague, org):
    need = need_statement(org)
    response = client.post(
        f"{BASE}/",
        {"organisation_id": org.pk, "title": "X", "need_ids": [need.pk]},
        content_type="application/json",
        **auth(colleague),
    )
    assert response.status_code == 403


@pytest.mark.parametrize("who", ["outsider", "supplier_user"])
def test_project_is_404_for_others(client, project, who, request):
    headers = auth(request.getfixturevalue(who))
    assert client.get(f"{BASE}/{project.pk}", **headers).status_code == 404
    assert client.get(f"{BASE}/{project.pk}/stages", **headers).status_code == 404


def test_stages_and_checklist(client, project, need_owner):
    headers = auth(need_owner)
    stages = client.get(f"{BASE}/{project.pk}/stages", **headers).json()
    assert stages[0]["status"] == "open" and len(stages[0]["items"]) == 5
    item_id = stages[0]["items"][0]["id"]
    response = client.post(
        f"{BASE}/checklist-items/{item_id}",
        {"done": True, "evidence_url": "https://example.org/x"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 200 and response.json()["done"] is True
    pending_item = stages[1]["items"][0]["id"]
    response = client.post(
        f"{BASE}/checklist-items/{pending_item}",
        {"done": True},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 400


def test_colleague_cannot_tick_via_api(client, project, colleague):
    item = project.stages.get(order=1).items.first()
    response = client.post(
        f"{BASE}/checklist-items/{item.pk}",
        {"done": True},
        content_type="application/json",
        **auth(colleague),
    )
    assert response.status_code == 403


def test_gate_pass_rules(client, project, lead, officer):
    stage = project.stages.get(order=1)
    url = f"{BASE}/stages/{stage.pk}/gate"
    response = client.post(url, {}, content_type="application/json", **auth(lead))
    assert response.status_code == 400
    assert "override_reason" in response.json()["errors"]
    assert (
        client.post(
            url, {"override_reason": "x"}, content_type="application/json", **auth(officer)
        ).status_code
        == 403
    )
    complete_checklist(stage, lead)
    response = client.post(
        url,
        {"lesson": {"title": "Förankring", "execution": "Ta tid på dig."}},
        content_type="application/json",
        **auth(lead),
    )
    assert response.status_code == 200 and response.json()["status"] == StageStatus.PASSED
    assert project.lessons.count() == 1
    assert client.post(url, {}, content_type="application/json", **auth(lead)).status_code == 400
    pending = project.stages.get(order=3)
    response = client.post(
        f"{BASE}/stages/{pending.pk}/gate",
        {"override_reason": "x"},
        content_type="application/json",
        **auth(lead),
    )
    assert response.status_code == 400


def test_stage_dates_patch(client, project, lead, need_owner):
    stage = project.stages.get(order=2)
    url = f"{BASE}/stages/{stage.pk}"
    bad = {"planned_start": "2030-03-01", "planned_end": "2030-01-01"}
    assert client.patch(url, bad, content_type="application/json", **auth(lead)).status_code == 400
    good = {"planned_start": "2030-01-01", "planned_end": "2030-03-01"}
    assert (
        client.patch(url, good, content_type="application/json", **auth(need_owner)).status_code
        == 403
    )
    response = client.patch(url, good, content_type="application/json", **auth(lead))
    assert response.status_code == 200 and response.json()["planned_end"] == "2030-03-01"


def test_members_add_list_remove(client, project, lead, colleague, officer):
    url = f"{BASE}/{project.pk}/members"
    payload = {"user_id": colleague.pk, "role": ProjectRole.EVALUATOR}
    assert (
        client.post(url, payload, content_type="application/json", **auth(officer)).status_code
        == 403
    )
    response = client.post(url, payload, content_type="application/json", **auth(lead))
    assert response.status_code == 201
    member_id = response.json()["id"]
    assert any(m["id"] == member_id for m in client.get(url, **auth(colleague)).json())
    assert client.delete(f"{BASE}/members/{member_id}", **auth(officer)).status_code == 403
    assert client.delete(f"{BASE}/members/{member_id}", **auth(lead)).status_code == 204
    assert not ProjectMember.objects.filter(pk=member_id).exists()
    bad_role = {"user_id": colleague.pk, "role": "king"}
    assert (
        client.post(url, bad_role, content_type="application/json", **auth(lead)).status_code == 400
    )


def test_stop_via_api(client, project, lead, officer):
    url = f"{BASE}/{project.pk}/stop"
    assert (
        client.post(
            url, {"reason": "x"}, content_type="application/json", **auth(officer)
        ).status_code
        == 403
    )
    response = client.post(
        url, {"reason": "Inga resurser."}, content_type="application/json", **auth(lead)
    )
    assert response.status_code == 200 and response.json()["status"] == "stopped"


def test_malformed_body_is_4xx(client, project, lead):
    stage = project.stages.get(order=1)
    response = client.post(
        f"{BASE}/stages/{stage.pk}/gate", "not json", content_type="application/json", **auth(lead)
    )
    assert response.status_code == 400  # not JSON: refused before any schema
