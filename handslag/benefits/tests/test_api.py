import math

import pytest

from handslag.accounts.roles import OrganisationRole, ProjectRole
from handslag.accounts.tests.factories import member, supplier
from handslag.benefits.models import BenefitLine, BenefitModel
from handslag.benefits.tests.factories import (
    BenefitModelFactory,
    ProjectFactory,
    project_member,
    simple_model,
)
from handslag.testing.api import bearer as auth

pytestmark = pytest.mark.django_db
BASE = "/api/v1/benefits"

LINE = {
    "name": "Fewer transports",
    "kind": "benefit",
    "category": "transport",
    "first_year": 1,
    "last_year": 9,
    "low": "100000",
    "likely": "150000",
    "high": "180000",
}
COST = {
    **LINE,
    "name": "Sensors",
    "kind": "cost",
    "category": "investment",
    "first_year": 0,
    "last_year": 0,
    "low": "900000",
    "likely": "1000000",
    "high": "1200000",
}


def post(client, url: str, body, headers: dict):
    return client.post(url, body, content_type="application/json", **headers)


def test_model_lifecycle(client) -> None:
    project = ProjectFactory()
    headers = auth(project_member(project))
    response = post(client, f"{BASE}/projects/{project.pk}/models", {"name": "Forecast"}, headers)
    assert response.status_code == 201, response.content
    model_id = response.json()["id"]
    figures = client.get(f"{BASE}/models/{model_id}/figures", **headers).json()
    assert figures["available"] is False and figures["message"]
    line = post(client, f"{BASE}/models/{model_id}/lines", LINE, headers)
    assert line.status_code == 201, line.content
    assert post(client, f"{BASE}/models/{model_id}/lines", COST, headers).status_code == 201
    figures = client.get(f"{BASE}/models/{model_id}/figures", **headers).json()
    expected = -1_000_000 + sum(150_000 / 1.035**t for t in range(1, 10))
    assert math.isclose(figures["npv"], expected, rel_tol=1e-9)
    assert figures["monte_carlo"]["p10"] <= figures["monte_carlo"]["p90"]
    line_id = line.json()["id"]
    patched = client.patch(
        f"{BASE}/lines/{line_id}", {"likely": "160000"}, content_type="application/json", **headers
    )
    assert patched.status_code == 200
    bad = client.patch(
        f"{BASE}/lines/{line_id}", {"likely": "1"}, content_type="application/json", **headers
    )
    assert bad.status_code == 400
    assert client.delete(f"{BASE}/lines/{line_id}", **headers).status_code == 204
    assert (
        client.get(f"{BASE}/models/{model_id}", **headers).json()["lines"][0]["name"] == "Sensors"
    )
    assert len(client.get(f"{BASE}/projects/{project.pk}/models", **headers).json()) == 1


@pytest.mark.parametrize(
    "body",
    [
        {"name": "F", "discount_rate": "0.3"},
        {"name": "F", "discount_rate": "-0.051"},
        {"name": "F", "horizon_years": 0},
        {"name": "F", "horizon_years": 101},
        {"name": "F", "discount_rate": "abc"},
        {"name": "F", "horizon_years": "ten"},
        {"discount_rate": "0.03"},
    ],
)
def test_model_bad_input(client, body: dict) -> None:
    project = ProjectFactory()
    response = post(
        client, f"{BASE}/projects/{project.pk}/models", body, auth(project_member(project))
    )
    assert 400 <= response.status_code < 500
    assert not BenefitModel.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        {"low": "200000"},
        {"high": "120000"},
        {"last_year": 10},
        {"kind": "gift"},
        {"likely": "NaN"},
        {"likely": "Infinity"},
        {"low": "-5"},
        {"first_year": 70000},
    ],
)
def test_line_bad_input(client, change: dict) -> None:
    model = BenefitModelFactory()
    response = post(
        client,
        f"{BASE}/models/{model.pk}/lines",
        {**LINE, **change},
        auth(project_member(model.project)),
    )
    assert 400 <= response.status_code < 500, response.content
    assert not BenefitLine.objects.exists()


def test_evaluate(client) -> None:
    headers = auth(member(ProjectFactory().organisation))
    body = {"discount_rate": "0.035", "horizon_years": 10, "lines": [LINE, COST]}
    response = post(client, f"{BASE}/evaluate", body, headers)
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["available"] and data["irr"] > 0.035
    assert len(data["years"]) == 10
    assert not BenefitModel.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {"discount_rate": "0.26", "horizon_years": 10, "lines": [LINE, COST]},
        {"discount_rate": "-0.06", "horizon_years": 10, "lines": [LINE, COST]},
        {"discount_rate": "0.03", "horizon_years": 0, "lines": [LINE, COST]},
        {"discount_rate": "0.03", "horizon_years": 101, "lines": [LINE, COST]},
        {"discount_rate": "0.03", "horizon_years": 5, "lines": [LINE, COST]},
        {"discount_rate": "0.03", "horizon_years": 10, "lines": []},
        {"discount_rate": "0.03", "horizon_years": 10, "lines": [LINE]},
        {"discount_rate": "0.03", "horizon_years": 10, "lines": [{**LINE, "low": "999999"}, COST]},
        {"discount_rate": "0.03", "horizon_years": 10, "lines": [LINE, LINE, COST]},
        {"discount_rate": "0.03", "horizon_years": 10, "lines": "many"},
        {"discount_rate": "0.03", "horizon_years": 10},
        [1, 2, 3],
    ],
)
def test_evaluate_bad_input(client, body) -> None:
    response = post(client, f"{BASE}/evaluate", body, auth(member(ProjectFactory().organisation)))
    assert 400 <= response.status_code < 500, response.content
    assert "detail" in response.json()


def test_evaluate_malformed_json_and_anonymous(client) -> None:
    headers = auth(member(ProjectFactory().organisation))
    assert 400 <= post(client, f"{BASE}/evaluate", "{oops", headers).status_code < 500
    assert post(client, f"{BASE}/evaluate", {"lines": [LINE, COST]}, {}).status_code == 401


def test_forbidden_cases(client) -> None:
    model = simple_model()
    line = model.lines.first()
    assert client.get(f"{BASE}/models/{model.pk}").status_code == 401
    for user in (member(supplier(), OrganisationRole.ADMIN), member(ProjectFactory().organisation)):
        headers = auth(user)
        assert client.get(f"{BASE}/models/{model.pk}", **headers).status_code == 404
        assert client.get(f"{BASE}/models/{model.pk}/figures", **headers).status_code == 404
        assert client.delete(f"{BASE}/lines/{line.pk}", **headers).status_code == 404
    reader = auth(project_member(model.project, ProjectRole.END_USER))
    assert client.get(f"{BASE}/models/{model.pk}", **reader).status_code == 200
    assert post(client, f"{BASE}/models/{model.pk}/lines", LINE, reader).status_code == 403
    assert client.delete(f"{BASE}/lines/{line.pk}", **reader).status_code == 403
    assert (
        post(
            client, f"{BASE}/projects/{model.project.pk}/models", {"name": "F"}, reader
        ).status_code
        == 403
    )
    assert BenefitLine.objects.filter(pk=line.pk).exists()


def test_summary(client) -> None:
    project = ProjectFactory()
    headers = auth(project_member(project))
    assert client.get(f"{BASE}/projects/{project.pk}/summary", **headers).status_code == 204
    simple_model(project=project)
    data = client.get(f"{BASE}/projects/{project.pk}/summary", **headers).json()
    assert data["forecast"]["npv"] > 0 and data["outturn"] is None
