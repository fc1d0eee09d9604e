"""Pages and API of the evaluation models: wiring, refusals and what they show."""

import pytest
from django.urls import reverse
from django.utils import translation

from handslag.audit.models import AuditEntry
from handslag.evaluation.audit_actions import EvaluationAction
from handslag.evaluation.models import EvaluationModel
from handslag.evaluation.tests.factories import Scenario
from handslag.tendering.tests.test_api import BASE, auth

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def s():
    return Scenario()


def test_criteria_page_links_to_model_and_simulator(client, s):
    client.force_login(s.lead)
    page = client.get(reverse("evaluation:criteria", args=[s.call.pk])).content.decode()
    assert reverse("evaluation:evaluation_model", args=[s.call.pk]) in page
    assert reverse("evaluation:simulator", args=[s.call.pk]) in page


def test_set_model_through_the_form(client, s):
    client.force_login(s.officer)
    url = reverse("evaluation:evaluation_model", args=[s.call.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"kind": "weighted_points", "price_ceiling": "3000000"})
    assert response.status_code == 302
    assert EvaluationModel.objects.get(call=s.call).price_ceiling == 3_000_000


def test_model_form_refusal_changes_nothing(client, s):
    client.force_login(s.lead)
    url = reverse("evaluation:evaluation_model", args=[s.call.pk])
    response = client.post(url, {"kind": "weighted_points"})
    assert response.status_code == 400
    assert "price ceiling" in response.content.decode()
    assert not EvaluationModel.objects.exists()


def test_added_value_through_the_form(client, s):
    client.force_login(s.lead)
    data = {"kind": "added_value"}
    for c in s.criteria:
        if c.kind == "quality":
            data[f"deduction_{c.pk}"] = "100000"
    response = client.post(reverse("evaluation:evaluation_model", args=[s.call.pk]), data)
    assert response.status_code == 302
    assert len(EvaluationModel.objects.get().max_deductions) == 3


def test_model_locked_after_deadline_through_the_form(client, s):
    s.submit(s.supplier_a)
    s.open()
    client.force_login(s.lead)
    response = client.post(
        reverse("evaluation:evaluation_model", args=[s.call.pk]),
        {"kind": "weighted_points", "price_ceiling": "1000"},
    )
    assert response.status_code == 400
    assert not EvaluationModel.objects.exists()


def test_simulator_shows_ranking_and_relative_warning(client, s):
    client.force_login(s.team)
    quality = [c for c in s.criteria if c.kind == "quality"]
    params = {
        "kind": "weighted_points",
        "relative_price": "on",
        "name_1": "Cheap",
        "price_1": "100000",
        "name_2": "Good",
        "price_2": "900000",
    }
    for c in quality:
        params[f"score_1_{c.pk}"] = "1"
        params[f"score_2_{c.pk}"] = "5"
    response = client.get(reverse("evaluation:simulator", args=[s.call.pk]), params)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Cheap" in page and "Good" in page
    assert "Relative price scoring" in page


def test_simulator_refuses_a_bad_model(client, s):
    client.force_login(s.team)
    response = client.get(
        reverse("evaluation:simulator", args=[s.call.pk]),
        {"kind": "weighted_points", "name_1": "A", "price_1": "1"},
    )
    assert response.status_code == 400
    assert "price ceiling" in response.content.decode()


def _scored(s):
    from handslag.evaluation import services

    services.evaluation_model_set(
        actor=s.lead, call=s.call, kind="weighted_points", price_ceiling="4000000"
    )
    a = s.submit(s.supplier_a, price="1000000")
    b = s.submit(s.supplier_b, price="3000000")
    s.open()
    s.score_all(s.evaluator)
    s.score_all(s.evaluator2)
    s.consensus_all({a.pk: 3, b.pk: 4})


def test_evaluation_page_shows_robustness_and_matrix_link(client, s):
    _scored(s)
    client.force_login(s.team)
    page = client.get(reverse("evaluation:evaluation", args=[s.call.pk])).content.decode()
    assert "Robustness" in page
    assert reverse("evaluation:evaluation_matrix", args=[s.call.pk]) in page


def test_matrix_download_is_audited(client, s):
    _scored(s)
    client.force_login(s.lead)
    response = client.get(reverse("evaluation:evaluation_matrix", args=[s.call.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert (
        AuditEntry.objects.filter(action=EvaluationAction.TENDER_EVALUATION_MATRIX_EXPORT).count()
        == 1
    )


def test_api_model_simulate_and_robustness(client, s):
    headers = auth(s.lead)
    url = f"{BASE}/calls/{s.call.pk}/evaluation-model"
    assert client.get(url, **headers).json()["kind"] is None
    refused = client.put(
        url,
        {"kind": "weighted_points", "price_ceiling": "100", "price_floor": "10"},
        content_type="application/json",
        **headers,
    )
    assert refused.status_code == 400
    assert "HFD 2022 ref. 41" in refused.content.decode()
    assert not EvaluationModel.objects.exists()
    simulated = client.post(
        f"{BASE}/calls/{s.call.pk}/simulate",
        {
            "kind": "weighted_points",
            "price_ceiling": "1000",
            "tenders": [
                {"name": "A", "price": "100", "scores": {}},
                {"name": "B", "price": "200", "scores": {}},
            ],
        },
        content_type="application/json",
        **headers,
    ).json()
    assert [r["name"] for r in simulated["rows"]] == ["A", "B"]
    assert len(simulated["robustness"]) == 4


def test_api_robustness_after_scoring(client, s):
    _scored(s)
    result = client.get(f"{BASE}/calls/{s.call.pk}/robustness", **auth(s.team)).json()
    assert result["ready"] is True
    assert {m["criterion"] for m in result["margins"]} >= {"Price"}


def test_criteria_page_warns_when_the_model_no_longer_fits(client, s):
    from handslag.evaluation import services

    deductions = {c.name: "100000" for c in s.criteria if c.kind == "quality"}
    services.evaluation_model_set(
        actor=s.lead, call=s.call, kind="added_value", max_deductions=deductions
    )
    client.force_login(s.lead)
    url = reverse("evaluation:criteria", args=[s.call.pk])
    assert "does not fit" not in client.get(url).content.decode()
    renamed = services.default_criteria()
    renamed[0]["name"] = "Something new"
    services.criteria_set(actor=s.lead, call=s.call, criteria=renamed)
    page = client.get(url).content.decode()
    assert "does not fit" in page and "Something new" in page


def test_simulator_refuses_a_price_floor(client, s):
    client.force_login(s.team)
    response = client.get(
        reverse("evaluation:simulator", args=[s.call.pk]),
        {
            "kind": "weighted_points",
            "price_ceiling": "1000",
            "price_floor": "100",
            "name_1": "A",
            "price_1": "50",
        },
    )
    assert response.status_code == 400
    assert "HFD 2022 ref. 41" in response.content.decode()
