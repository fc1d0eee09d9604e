import datetime as dt

import pytest

from handslag.dialogue.models import ActionItem, CommunicationItem, Meeting, Stakeholder
from handslag.dialogue.tests.factories import (
    make_action,
    make_communication,
    make_meeting,
    make_stakeholder,
)
from handslag.testing.api import bearer as auth

pytestmark = pytest.mark.django_db

BASE = "/api/v1/dialogue"


def post(client, path, data, user, method="post"):
    return getattr(client, method)(
        f"{BASE}{path}", data, content_type="application/json", **auth(user)
    )


def test_anonymous_gets_401(client, project, lead):
    meeting = make_meeting(project, lead)
    for path in (
        f"/projects/{project.pk}",
        f"/projects/{project.pk}/meetings",
        f"/meetings/{meeting.pk}",
        f"/projects/{project.pk}/actions",
        f"/projects/{project.pk}/stakeholders",
        f"/projects/{project.pk}/communication",
    ):
        assert client.get(f"{BASE}{path}").status_code == 401, path
    response = client.post(
        f"{BASE}/projects/{project.pk}/meetings", {}, content_type="application/json"
    )
    assert response.status_code == 401


@pytest.mark.parametrize("who", ["outsider", "supplier_user"])
def test_others_get_404(client, project, lead, who, request):
    user = request.getfixturevalue(who)
    meeting = make_meeting(project, lead)
    action = make_action(meeting, lead)
    stakeholder = make_stakeholder(project, lead)
    item = make_communication(project, lead)
    headers = auth(user)
    for path in (
        f"/projects/{project.pk}",
        f"/projects/{project.pk}/meetings",
        f"/meetings/{meeting.pk}",
        f"/projects/{project.pk}/actions",
        f"/projects/{project.pk}/stakeholders",
        f"/projects/{project.pk}/communication",
    ):
        assert client.get(f"{BASE}{path}", **headers).status_code == 404, path
    assert post(client, f"/actions/{action.pk}/done", {"done": True}, user).status_code == 404
    assert (
        post(client, f"/stakeholders/{stakeholder.pk}", {"interest": 1}, user, "patch").status_code
        == 404
    )
    assert client.delete(f"{BASE}/communication/{item.pk}", **headers).status_code == 404
    action.refresh_from_db()
    assert not action.done


def test_colleague_reads_but_writes_get_403(client, project, lead, colleague):
    meeting = make_meeting(project, lead)
    action = make_action(meeting, lead)
    headers = auth(colleague)
    assert client.get(f"{BASE}/meetings/{meeting.pk}", **headers).status_code == 200
    assert client.get(f"{BASE}/projects/{project.pk}/actions", **headers).status_code == 200
    meeting_body = {"kind": "internal", "title": "X", "held_on": "2026-01-01"}
    assert (
        post(client, f"/projects/{project.pk}/meetings", meeting_body, colleague).status_code == 403
    )
    assert post(client, f"/actions/{action.pk}/done", {"done": True}, colleague).status_code == 403
    stakeholder_body = {"name": "X", "interest": 1, "influence": 1}
    response = post(client, f"/projects/{project.pk}/stakeholders", stakeholder_body, colleague)
    assert response.status_code == 403
    assert not Stakeholder.objects.exists()


def test_meeting_and_action_round_trip(client, project, lead, team_member, supplier_org):
    response = post(
        client,
        f"/projects/{project.pk}/meetings",
        {
            "kind": "supplier",
            "title": "Dialog med Sensorbolaget",
            "held_on": "2026-02-10",
            "internal_participant_ids": [lead.pk, team_member.pk],
            "supplier_organisation_ids": [supplier_org.pk],
            "external_participants": ["Eva Ek, Sensorbolaget", " "],
            "decisions": ["Testa två sensorer"],
            "notes": "Bra möte.",
        },
        team_member,
    )
    assert response.status_code == 201, response.content
    meeting = response.json()
    assert meeting["decisions"] == ["Testa två sensorer"]
    assert meeting["external_participants"] == ["Eva Ek, Sensorbolaget"]
    assert meeting["internal_participant_ids"] == sorted([lead.pk, team_member.pk])
    response = post(
        client,
        f"/meetings/{meeting['id']}/actions",
        {"text": "Skicka kravbilden", "owner_id": team_member.pk, "due_on": "2026-02-20"},
        lead,
    )
    assert response.status_code == 201, response.content
    action = response.json()
    assert action["owner_id"] == team_member.pk
    response = post(client, f"/actions/{action['id']}/done", {"done": True}, team_member)
    assert response.json()["done"] is True
    response = post(client, f"/actions/{action['id']}", {"due_on": "2026-03-01"}, lead, "patch")
    assert response.status_code == 200 and response.json()["due_on"] == "2026-03-01"
    got = client.get(f"{BASE}/meetings/{meeting['id']}", **auth(lead)).json()
    assert got["actions"][0]["done"] is True
    listed = client.get(f"{BASE}/projects/{project.pk}/meetings", **auth(lead)).json()
    assert [m["id"] for m in listed["items"]] == [meeting["id"]]
    response = post(
        client, f"/meetings/{meeting['id']}", {"notes": "Nya", "decisions": []}, lead, "patch"
    )
    assert response.status_code == 200
    assert response.json()["notes"] == "Nya" and response.json()["decisions"] == []
    summary = client.get(f"{BASE}/projects/{project.pk}", **auth(lead)).json()
    assert summary["meetings"] == 1 and summary["open_actions"] == 0


def test_action_list_order_and_overdue_flag(client, project, lead):
    meeting = make_meeting(project, lead, held_on=dt.date(2020, 1, 1))
    later = make_action(meeting, lead, due_on=dt.date(2099, 1, 1))
    overdue = make_action(meeting, lead, due_on=dt.date(2020, 2, 1))
    items = client.get(f"{BASE}/projects/{project.pk}/actions", **auth(lead)).json()["items"]
    assert [a["id"] for a in items] == [overdue.pk, later.pk]
    assert [a["is_overdue"] for a in items] == [True, False]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"kind": "party", "title": "X", "held_on": "2026-01-01"}, 400),
        ({"kind": "internal", "title": "", "held_on": "2026-01-01"}, 400),
        ({"kind": "internal", "title": "X", "held_on": "not a date"}, 422),
        ({"kind": "internal", "title": "X"}, 422),
        (
            {
                "kind": "internal",
                "title": "X",
                "held_on": "2026-01-01",
                "internal_participant_ids": [999999],
            },
            400,
        ),
        (
            {
                "kind": "internal",
                "title": "X",
                "held_on": "2026-01-01",
                "supplier_organisation_ids": "x",
            },
            422,
        ),
    ],
)
def test_malformed_meetings_are_4xx(client, project, lead, body, status):
    response = post(client, f"/projects/{project.pk}/meetings", body, lead)
    assert response.status_code == status, response.content
    assert "detail" in response.json()
    assert not Meeting.objects.exists()


def test_invalid_json_is_4xx(client, project, lead):
    response = client.post(
        f"{BASE}/projects/{project.pk}/meetings",
        "{not json",
        content_type="application/json",
        **auth(lead),
    )
    assert response.status_code == 400  # not JSON: refused before any schema


def test_participant_from_another_buyer_is_400(client, project, lead, outsider):
    body = {
        "kind": "internal",
        "title": "X",
        "held_on": "2026-01-01",
        "internal_participant_ids": [outsider.pk],
    }
    response = post(client, f"/projects/{project.pk}/meetings", body, lead)
    assert response.status_code == 400
    assert "internal_participants" in response.json()["errors"]


def test_action_errors(client, project, lead, outsider):
    meeting = make_meeting(project, lead, held_on=dt.date(2026, 2, 10))
    path = f"/meetings/{meeting.pk}/actions"
    early = {"text": "X", "owner_id": lead.pk, "due_on": "2026-02-01"}
    assert post(client, path, early, lead).status_code == 400
    assert (
        post(
            client, path, {"text": "X", "owner_id": 999999, "due_on": "2026-03-01"}, lead
        ).status_code
        == 400
    )
    foreign_owner = {"text": "X", "owner_id": outsider.pk, "due_on": "2026-03-01"}
    assert post(client, path, foreign_owner, lead).json()["errors"].keys() == {"owner"}
    assert not ActionItem.objects.exists()
    action = make_action(meeting, lead)
    assert post(client, f"/actions/{action.pk}", {}, lead, "patch").status_code == 400
    assert (
        post(client, f"/actions/{action.pk}", {"owner_id": None}, lead, "patch").status_code == 400
    )
    assert post(client, "/actions/999999/done", {"done": True}, lead).status_code == 404


def test_stakeholders(client, project, lead):
    path = f"/projects/{project.pk}/stakeholders"
    assert post(client, path, {"name": "X", "interest": 7, "influence": 1}, lead).status_code == 400
    assert (
        post(client, path, {"name": "X", "interest": "hög", "influence": 1}, lead).status_code
        == 422
    )
    response = post(client, path, {"name": "Politiker", "interest": 2, "influence": 5}, lead)
    assert response.status_code == 201
    created = response.json()
    assert created["quadrant"] == "satisfy"
    response = post(client, f"/stakeholders/{created['id']}", {"interest": 5}, lead, "patch")
    assert response.json()["quadrant"] == "manage"
    assert (
        post(client, f"/stakeholders/{created['id']}", {"influence": 0}, lead, "patch").status_code
        == 400
    )
    listed = client.get(f"{BASE}{path}", **auth(lead)).json()
    assert listed["count"] == 1
    assert client.delete(f"{BASE}/stakeholders/{created['id']}", **auth(lead)).status_code == 204
    assert not Stakeholder.objects.exists()


def test_communication_plan(client, project, lead, outsider):
    stakeholder = make_stakeholder(project, lead, name="Kommunstyrelsen")
    path = f"/projects/{project.pk}/communication"
    body = {
        "stakeholder_id": stakeholder.pk,
        "message": "Lägesrapport",
        "planned_on": "2020-01-01",
        "channel": "meeting",
        "responsible_id": lead.pk,
    }
    response = post(client, path, body, lead)
    assert response.status_code == 201, response.content
    item = response.json()
    assert item["audience"] == "Kommunstyrelsen" and item["is_overdue"] is True
    assert post(client, path, {**body, "channel": "duva"}, lead).status_code == 400
    assert post(client, path, {**body, "responsible_id": outsider.pk}, lead).status_code == 400
    assert post(client, path, {**body, "stakeholder_id": 999999}, lead).status_code == 400
    response = post(client, f"/communication/{item['id']}/done", {"done": True}, lead)
    assert response.json()["done"] is True and response.json()["is_overdue"] is False
    response = post(client, f"/communication/{item['id']}", {"channel": "email"}, lead, "patch")
    assert response.json()["channel"] == "email"
    assert client.delete(f"{BASE}/communication/{item['id']}", **auth(lead)).status_code == 204
    assert not CommunicationItem.objects.exists()


def test_park_an_idea(client, project, lead, colleague):
    meeting = make_meeting(project, lead)
    path = f"/projects/{project.pk}/ideas"
    body = {
        "title": "Sensorer i parker",
        "description": "Kom upp.",
        "reason": "Utanför.",
        "meeting_id": meeting.pk,
    }
    response = post(client, path, body, lead)
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "parked"
    assert post(client, path, {**body, "reason": ""}, lead).status_code == 400
    assert post(client, path, {**body, "meeting_id": 999999}, lead).status_code == 400
    assert post(client, path, body, colleague).status_code == 403


def test_action_list_as_xlsx(client, project, lead, outsider):
    from io import BytesIO

    from openpyxl import load_workbook

    make_action(make_meeting(project, lead), lead, text="Ring leverantören")
    path = f"{BASE}/projects/{project.pk}/actions.xlsx"
    assert client.get(path).status_code == 401
    assert client.get(path, **auth(outsider)).status_code == 404
    response = client.get(path, **auth(lead))
    assert response.status_code == 200
    rows = list(load_workbook(BytesIO(response.content)).active.values)
    assert rows[1][0] == "Ring leverantören"


def test_communication_update_keeps_an_audience(client, project, lead):
    stakeholder = make_stakeholder(project, lead, name="Nämnden")
    item = make_communication(project, lead, audience="Alla")
    response = post(
        client,
        f"/communication/{item.pk}",
        {"audience": "", "stakeholder_id": stakeholder.pk},
        lead,
        "patch",
    )
    assert response.status_code == 200
    assert response.json()["audience"] == "Nämnden"
    response = post(
        client, f"/communication/{item.pk}", {"audience": "", "stakeholder_id": None}, lead, "patch"
    )
    assert response.status_code == 400
