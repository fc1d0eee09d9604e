"""API for the analysis, realised benefit, outturn and portfolio; the model-file command."""

import json

import pytest
from django.core.management import CommandError, call_command

from handslag.accounts.tests.factories import member
from handslag.benefits import engine
from handslag.benefits.models import BenefitModel
from handslag.benefits.tests.factories import simple_model
from handslag.benefits.tests.test_api import BASE, COST, LINE, auth, post
from handslag.benefits.tests.test_realised import measured_project
from handslag.partnership.tests.factories import ContractFactory

pytestmark = pytest.mark.django_db


def test_evaluate_with_bias_schedule_and_analysis(client) -> None:
    headers = auth(member(ContractFactory().project.organisation))
    body = {
        "discount_rate": "0.035",
        "horizon_years": 10,
        "optimism_bias": "0.24",
        "discount_schedule": "declining",
        "lines": [LINE, COST],
    }
    data = post(client, f"{BASE}/evaluate", body, headers).json()
    assert data["pv_costs"] == pytest.approx(1_240_000)
    assert data["optimism_bias"] == 0.24 and data["discount_schedule"] == "declining"
    assert {row["name"] for row in data["tornado"]} == {"Fewer transports", "Sensors"}
    assert sum(b["count"] for b in data["monte_carlo"]["histogram"]) == 10_000
    for bad in ({**body, "optimism_bias": "3"}, {**body, "discount_schedule": "wavy"}):
        response = post(client, f"{BASE}/evaluate", bad, headers)
        assert response.status_code == 400 and "errors" in response.json()


def test_comparison_realised_outturn_and_parameters(client) -> None:
    project, lead, forecast, _ = measured_project()
    headers = auth(lead)
    rows = client.get(f"{BASE}/projects/{project.pk}/realised", **headers).json()
    assert [(r["year"], float(r["realised"])) for r in rows] == [(2024, 240000), (2025, 180000)]
    response = client.post(f"{BASE}/projects/{project.pk}/outturn", **headers)
    assert response.status_code == 200, response.content
    assert response.json()["from_pilot"] is True
    data = client.get(f"{BASE}/projects/{project.pk}/comparison", **headers).json()
    assert [s["model"]["scenario"] for s in data["scenarios"]] == ["forecast", "outturn"]
    assert data["realisation_ratio"] == pytest.approx(1.2)
    params = client.get(f"{BASE}/models/{forecast.pk}/parameters", **headers).json()
    assert any("ASEK 7.0" in p["source"] for p in params)


def test_outturn_and_portfolio_forbidden_cases(client) -> None:
    project, _, _, kpi = measured_project()
    url = f"{BASE}/projects/{project.pk}/outturn"
    assert client.post(url).status_code == 401
    assert (
        client.post(url, **auth(member(ContractFactory().project.organisation))).status_code == 404
    )
    assert client.post(url, **auth(member(project.organisation))).status_code == 403
    assert client.post(url, **auth(member(kpi.contract.supplier))).status_code == 404
    assert not BenefitModel.objects.filter(scenario="outturn").exists()
    portfolio = f"{BASE}/portfolio/{project.organisation_id}"
    assert (
        client.get(portfolio, **auth(member(ContractFactory().project.organisation))).status_code
        == 404
    )
    rows = client.get(portfolio, **auth(member(project.organisation))).json()
    assert [r["project_id"] for r in rows] == [project.pk]
    assert rows[0]["npv"] is not None and 0 <= rows[0]["p_npv_positive"] <= 1


def test_run_benefit_model_command(tmp_path, capsys) -> None:
    path = tmp_path / "model.json"
    path.write_text(
        json.dumps({"discount_rate": 0.035, "horizon_years": 10, "lines": [LINE, COST]}),
        encoding="utf-8",
    )
    call_command("run_benefit_model", str(path), "--json")
    data = json.loads(capsys.readouterr().out)
    expected = -1_000_000 + 150_000 * engine.annuity_factor(0.035, 9)
    assert data["npv"] == pytest.approx(expected)
    call_command("run_benefit_model", str(path))
    text = capsys.readouterr().out
    assert "NPV:" in text and "P(NPV>0)" in text and "switching" in text
    path.write_text(json.dumps({"horizon_years": 500, "lines": [LINE, COST]}), encoding="utf-8")
    with pytest.raises(CommandError, match="horizon_years"):
        call_command("run_benefit_model", str(path))
    path.write_text("{oops", encoding="utf-8")
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("run_benefit_model", str(path))
    with pytest.raises(CommandError, match="No such file"):
        call_command("run_benefit_model", str(tmp_path / "missing.json"))


def test_model_api_round_trips_parameters(client) -> None:
    model = simple_model()
    from handslag.partnership.tests.factories import project_member

    headers = auth(project_member(model.project))
    body = {"name": "Forecast B", "optimism_bias": "0.1", "discount_schedule": "declining"}
    response = post(client, f"{BASE}/projects/{model.project.pk}/models", body, headers)
    assert response.status_code == 201, response.content
    assert response.json()["discount_schedule"] == "declining"
    assert float(response.json()["optimism_bias"]) == 0.1
