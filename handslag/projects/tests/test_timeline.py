"""The timeline: planned against actual per stage, warnings, and the SVG with its table."""

from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from handslag.projects import services
from handslag.projects.selectors import project_for_board
from handslag.projects.tests.factories import complete_checklist
from handslag.projects.timeline import project_timeline, stage_warnings

pytestmark = pytest.mark.django_db

START = timezone.make_aware(datetime(2026, 1, 5, 10))


@pytest.fixture
def dated_project(lead, org):
    from handslag.projects.tests.factories import make_project

    return make_project(lead=lead, organisation=org, now=START)


def test_rows_and_geometry(dated_project) -> None:
    project = project_for_board(project_id=dated_project.pk)
    timeline = project_timeline(project=project, today=date(2026, 2, 1))
    assert len(timeline.rows) == 9
    first = timeline.rows[0]
    assert first.planned_days == first.stage.typical_days
    assert first.actual_days == 28  # 5 January to 1 February
    assert first.planned_x == timeline.label_width
    assert all(r.planned_x + r.planned_w <= timeline.width for r in timeline.rows)
    assert timeline.rows[1].planned_x > first.planned_x
    assert not timeline.rows[1].has_actual
    assert timeline.today_x is not None
    assert len(timeline.ticks) == 5


def test_late_stage_warned(dated_project) -> None:
    project = project_for_board(project_id=dated_project.pk)
    first = project.stages.all()[0]
    late_day = first.planned_end + timedelta(days=3)
    timeline = project_timeline(project=project, today=late_day)
    assert timeline.rows[0].late
    assert timeline.open_warnings and timeline.open_warnings[0][0] == first


def test_short_plan_warned(dated_project, lead) -> None:
    stage = dated_project.stages.get(order=3)  # preparation, typically 120 days
    services.stage_dates_update(
        stage=stage,
        actor=lead,
        planned_start=stage.planned_start,
        planned_end=stage.planned_start + timedelta(days=stage.typical_days // 2 - 2),
    )
    stage.refresh_from_db()
    warnings = stage_warnings(stage, today=date(2026, 1, 6))
    assert len(warnings) == 1 and str(stage.typical_days) in warnings[0]
    # exactly half is not flagged
    services.stage_dates_update(
        stage=stage,
        actor=lead,
        planned_start=stage.planned_start,
        planned_end=stage.planned_start + timedelta(days=stage.typical_days // 2 - 1),
    )
    stage.refresh_from_db()
    assert stage_warnings(stage, today=date(2026, 1, 6)) == []


def test_passed_late_is_reported_but_not_open(dated_project, lead) -> None:
    first = dated_project.stages.get(order=1)
    complete_checklist(first, lead)
    passed_on = first.planned_end + timedelta(days=10)
    services.gate_pass(
        stage=first,
        actor=lead,
        now=timezone.make_aware(datetime.combine(passed_on, datetime.min.time()).replace(hour=10)),
    )
    project = project_for_board(project_id=dated_project.pk)
    timeline = project_timeline(project=project, today=passed_on)
    assert "10" in timeline.rows[0].warnings[0]
    assert all(s.pk != first.pk for s, _ in timeline.open_warnings)
    assert "1" in timeline.summary


def test_page_svg_and_table(client, dated_project, lead) -> None:
    client.force_login(lead)
    response = client.get(reverse("projects:project_timeline", args=[dated_project.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<svg class="timeline" role="img"' in html
    assert "style=" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "<caption>" in html
    # coordinates are written with a decimal point whatever the language
    assert 'x="260' in html


def test_detail_shows_open_warnings(client, dated_project, lead) -> None:
    client.force_login(lead)
    response = client.get(reverse("projects:project_detail", args=[dated_project.pk]))
    assert response.context["timeline_warnings"]  # the first stage ended long ago
    assert (
        reverse("projects:project_timeline", args=[dated_project.pk]) in response.content.decode()
    )


@pytest.mark.parametrize("who", ["outsider", "supplier_user"])
def test_others_get_404(request, client, dated_project, who) -> None:
    client.force_login(request.getfixturevalue(who))
    url = reverse("projects:project_timeline", args=[dated_project.pk])
    assert client.get(url).status_code == 404


def test_colleague_reads(client, dated_project, colleague) -> None:
    client.force_login(colleague)
    url = reverse("projects:project_timeline", args=[dated_project.pk])
    assert client.get(url).status_code == 200


def test_api(client, dated_project, lead, outsider) -> None:
    from handslag.accounts.services import api_token_create

    url = f"/api/v1/projects/{dated_project.pk}/timeline"
    token = api_token_create(actor=lead, name="t").raw
    response = client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    data = response.json()
    assert len(data["rows"]) == 9 and data["rows"][0]["late"]
    token = api_token_create(actor=outsider, name="t").raw
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 404
