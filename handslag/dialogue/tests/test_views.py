import datetime as dt
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from handslag.dialogue.models import ActionItem, CommunicationItem, Meeting, ParkedIdea, Stakeholder
from handslag.dialogue.tests.factories import (
    make_action,
    make_communication,
    make_meeting,
    make_stakeholder,
)

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"dialogue:{name}", args=args)


def test_anonymous_is_sent_to_sign_in(client, project):
    response = client.get(url("project_dialogue", project.pk))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("who", ["outsider", "supplier_user"])
def test_others_get_404_on_every_page(client, project, lead, who, request):
    meeting = make_meeting(project, lead)
    action = make_action(meeting, lead)
    stakeholder = make_stakeholder(project, lead)
    item = make_communication(project, lead)
    client.force_login(request.getfixturevalue(who))
    for name, arg in [
        ("project_dialogue", project.pk),
        ("meeting_list", project.pk),
        ("meeting_create", project.pk),
        ("action_list", project.pk),
        ("action_export", project.pk),
        ("stakeholder_list", project.pk),
        ("stakeholder_create", project.pk),
        ("communication_list", project.pk),
        ("communication_create", project.pk),
        ("idea_park", project.pk),
        ("meeting_detail", meeting.pk),
        ("meeting_edit", meeting.pk),
        ("action_create", meeting.pk),
        ("action_edit", action.pk),
        ("stakeholder_edit", stakeholder.pk),
        ("stakeholder_remove", stakeholder.pk),
        ("communication_edit", item.pk),
        ("communication_remove", item.pk),
    ]:
        assert client.get(url(name, arg)).status_code == 404, name
    assert client.post(url("action_done", action.pk)).status_code == 404
    assert client.post(url("communication_done", item.pk)).status_code == 404


def test_hub_empty_states_for_the_team(client, project, lead):
    client.force_login(lead)
    response = client.get(url("project_dialogue", project.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Inga möten är loggade ännu" in html
    assert url("meeting_create", project.pk) in html
    assert reverse("needs:idea_bank") in html
    assert url("idea_park", project.pk) in html


def test_colleague_reads_without_edit_links(client, project, lead, colleague):
    meeting = make_meeting(project, lead)
    action = make_action(meeting, lead)
    client.force_login(colleague)
    for name, arg in [
        ("project_dialogue", project.pk),
        ("meeting_list", project.pk),
        ("meeting_detail", meeting.pk),
        ("action_list", project.pk),
        ("stakeholder_list", project.pk),
        ("communication_list", project.pk),
    ]:
        response = client.get(url(name, arg))
        assert response.status_code == 200, name
        html = response.content.decode()
        assert url("meeting_create", project.pk) not in html
        assert url("action_done", action.pk) not in html
    assert client.get(url("meeting_create", project.pk)).status_code == 403
    assert client.post(url("meeting_create", project.pk), {}).status_code == 403
    assert client.post(url("action_done", action.pk)).status_code == 403
    assert client.get(url("action_export", project.pk)).status_code == 200
    action.refresh_from_db()
    assert not action.done


def test_log_a_meeting_then_an_action_and_mark_it_done(
    client, project, lead, team_member, supplier_org
):
    client.force_login(lead)
    assert client.get(url("meeting_create", project.pk)).status_code == 200
    response = client.post(
        url("meeting_create", project.pk),
        {
            "kind": "supplier",
            "title": "Dialog med Sensorbolaget",
            "held_on": "2026-02-10",
            "internal_participants": [lead.pk, team_member.pk],
            "supplier_organisations": [supplier_org.pk],
            "external_participants": "Eva Ek, Sensorbolaget",
            "notes": "Vi gick igenom behovet.",
            "decisions": "Testa två sensorer",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("meeting_detail", meeting.pk)
    page = client.get(url("meeting_detail", meeting.pk)).content.decode()
    assert "Testa två sensorer" in page and "Eva Ek, Sensorbolaget" in page
    assert "Sensorbolaget" in page

    response = client.post(
        url("action_create", meeting.pk),
        {"text": "Skicka kravbilden", "owner": team_member.pk, "due_on": "2026-02-20"},
    )
    assert response.status_code == 302
    action = ActionItem.objects.get()
    assert action.owner == team_member
    response = client.post(
        url("action_done", action.pk), {"done": "1", "next": url("action_list", project.pk)}
    )
    assert response.status_code == 302
    assert response["Location"] == url("action_list", project.pk)
    action.refresh_from_db()
    assert action.done and action.done_by == lead
    client.post(url("action_done", action.pk), {"done": "0", "next": "https://evil.example/"})
    action.refresh_from_db()
    assert not action.done


def test_invalid_meeting_shows_errors_and_saves_nothing(client, project, lead, outsider):
    client.force_login(lead)
    response = client.post(url("meeting_create", project.pk), {"kind": "party", "held_on": "x"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "error-summary" in html
    response = client.post(
        url("meeting_create", project.pk),
        {
            "kind": "internal",
            "title": "Möte",
            "held_on": "2026-01-01",
            "internal_participants": [outsider.pk],
        },
    )
    assert response.status_code == 400
    assert not Meeting.objects.exists()


def test_action_due_before_the_meeting_is_refused(client, project, lead):
    meeting = make_meeting(project, lead, held_on=dt.date(2026, 2, 10))
    client.force_login(lead)
    response = client.post(
        url("action_create", meeting.pk),
        {"text": "För tidigt", "owner": lead.pk, "due_on": "2026-02-01"},
    )
    assert response.status_code == 400
    assert "Förfallodagen kan inte vara före mötet" in response.content.decode()
    assert not ActionItem.objects.exists()


def test_edit_meeting_and_action(client, project, lead):
    meeting = make_meeting(project, lead)
    action = make_action(meeting, lead)
    client.force_login(lead)
    assert client.get(url("meeting_edit", meeting.pk)).status_code == 200
    response = client.post(
        url("meeting_edit", meeting.pk),
        {
            "kind": "workshop",
            "title": "Workshop",
            "held_on": "2026-02-10",
            "internal_participants": [lead.pk],
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.kind == "workshop"
    assert client.get(url("action_edit", action.pk)).status_code == 200
    response = client.post(
        url("action_edit", action.pk), {"text": "Ny text", "owner": lead.pk, "due_on": "2026-03-03"}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.text == "Ny text"


def test_action_list_is_paginated_and_flags_overdue(client, project, lead):
    meeting = make_meeting(project, lead, held_on=dt.date(2020, 1, 1))
    for n in range(26):
        make_action(meeting, lead, text=f"Åtgärd {n}", due_on=dt.date(2020, 2, 1))
    client.force_login(lead)
    first = client.get(url("action_list", project.pk)).content.decode()
    assert "Sida 1 av 2" in first, first[first.find("<main") :]
    assert "Försenad" in first, first[first.find("<tbody") : first.find("<tbody") + 1500]
    assert client.get(url("action_list", project.pk) + "?page=2").status_code == 200


def test_action_list_empty_state(client, project, lead):
    client.force_login(lead)
    html = client.get(url("action_list", project.pk)).content.decode()
    assert "Inga åtgärder ännu" in html


def test_xlsx_export(client, project, lead):
    meeting = make_meeting(project, lead, held_on=dt.date(2020, 1, 1))
    make_action(meeting, lead, text='=HYPERLINK("x")', due_on=dt.date(2020, 2, 1))
    make_action(meeting, lead, text="Framtida", due_on=dt.date(2099, 2, 1))
    client.force_login(lead)
    response = client.get(url("action_export", project.pk))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "Åtgärd" and rows[0][3] == "Status"
    assert rows[1][0] == '\'=HYPERLINK("x")' and rows[1][3] == "Försenad"
    assert rows[2][0] == "Framtida" and rows[2][3] == "Öppen"


def test_meeting_list_paginated(client, project, lead):
    for n in range(26):
        make_meeting(project, lead, title=f"Möte {n}")
    client.force_login(lead)
    html = client.get(url("meeting_list", project.pk)).content.decode()
    assert "Sida 1 av 2" in html


def test_stakeholders_grid_and_crud(client, project, lead):
    client.force_login(lead)
    assert (
        "Inga intressenter ännu" in client.get(url("stakeholder_list", project.pk)).content.decode()
    )
    response = client.post(
        url("stakeholder_create", project.pk),
        {"name": "Politiker", "interest": "2", "influence": "5"},
    )
    assert response.status_code == 302
    stakeholder = Stakeholder.objects.get()
    html = client.get(url("stakeholder_list", project.pk)).content.decode()
    assert "Intresse- och inflytandematris" in html and "Håll nöjd" in html
    response = client.post(url("stakeholder_create", project.pk), {"name": "X", "interest": "7"})
    assert response.status_code == 400
    assert client.get(url("stakeholder_edit", stakeholder.pk)).status_code == 200
    client.post(
        url("stakeholder_edit", stakeholder.pk),
        {"name": "Politiker", "interest": "4", "influence": "5"},
    )
    stakeholder.refresh_from_db()
    assert stakeholder.interest == 4
    confirm = client.get(url("stakeholder_remove", stakeholder.pk))
    assert confirm.status_code == 200 and Stakeholder.objects.exists()
    assert client.post(url("stakeholder_remove", stakeholder.pk)).status_code == 302
    assert not Stakeholder.objects.exists()


def test_communication_plan_pages(client, project, lead):
    stakeholder = make_stakeholder(project, lead, name="Kommunstyrelsen")
    client.force_login(lead)
    assert (
        "Inget planerat ännu" in client.get(url("communication_list", project.pk)).content.decode()
    )
    response = client.post(url("communication_create", project.pk), {"message": "Hej"})
    assert response.status_code == 400
    response = client.post(
        url("communication_create", project.pk),
        {
            "stakeholder": stakeholder.pk,
            "message": "Lägesrapport",
            "planned_on": "2020-01-01",
            "channel": "meeting",
            "responsible": lead.pk,
        },
    )
    assert response.status_code == 302
    item = CommunicationItem.objects.get()
    assert item.audience == "Kommunstyrelsen"
    html = client.get(url("communication_list", project.pk)).content.decode()
    assert "Försenad" in html
    client.post(url("communication_done", item.pk), {"done": "1"})
    item.refresh_from_db()
    assert item.done
    assert client.get(url("communication_edit", item.pk)).status_code == 200
    client.post(
        url("communication_edit", item.pk),
        {
            "audience": "Alla",
            "message": "Ny",
            "planned_on": "2020-01-02",
            "channel": "email",
            "responsible": lead.pk,
        },
    )
    item.refresh_from_db()
    assert item.channel == "email"
    assert client.get(url("communication_remove", item.pk)).status_code == 200
    client.post(url("communication_remove", item.pk))
    assert not CommunicationItem.objects.exists()


def test_park_an_idea_from_a_meeting(client, project, lead):
    meeting = make_meeting(project, lead)
    client.force_login(lead)
    assert client.get(url("idea_park", project.pk) + f"?meeting={meeting.pk}").status_code == 200
    response = client.post(url("idea_park", project.pk), {"title": "Idé"})
    assert response.status_code == 400
    response = client.post(
        url("idea_park", project.pk),
        {
            "title": "Sensorer i parker",
            "description": "Kom upp på dialogmötet.",
            "reason": "Utanför avgränsningen.",
            "meeting": meeting.pk,
        },
    )
    assert response.status_code == 302
    idea = ParkedIdea.objects.get()
    assert idea.meeting == meeting
    assert "Sensorer i parker" in client.get(url("meeting_detail", meeting.pk)).content.decode()


def test_english_on_request(client, project, lead):
    client.force_login(lead)
    response = client.get(url("project_dialogue", project.pk), HTTP_ACCEPT_LANGUAGE="en")
    client.cookies["django_language"] = "en"
    html = client.get(url("project_dialogue", project.pk)).content.decode()
    assert response.status_code == 200
    assert "Dialogue and stakeholders" in html
