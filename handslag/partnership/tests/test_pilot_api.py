"""API for the testbed pilot: KPIs, measurements, imports; forbidden cases."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from handslag.accounts.tests.factories import member
from handslag.needs.tests.factories import ExpectedEffectFactory
from handslag.partnership.models import Measurement, PilotKpi
from handslag.partnership.tests.factories import (
    ContractFactory,
    pilot_kpi,
    project_member,
    supplier_person,
)
from handslag.testing.api import bearer as auth

pytestmark = pytest.mark.django_db
BASE = "/api/v1/partnership"


def test_kpi_measurements_and_import(client) -> None:
    contract = ContractFactory()
    effect = ExpectedEffectFactory(indicator="Transports", unit="trips", baseline=480, target=300)
    contract.project.needs.add(effect.need)
    headers = auth(project_member(contract.project))
    response = client.post(
        f"{BASE}/contracts/{contract.pk}/kpis",
        {"effect_id": effect.pk, "category": "transport", "volume": "12", "unit_value": "1250"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 201, response.content
    kpi_id = response.json()["id"]
    response = client.post(
        f"{BASE}/kpis/{kpi_id}/measurements",
        {"measured_on": "2024-01-31", "value": "450", "unit": "kg"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 400 and "unit" in str(response.json()["errors"])
    response = client.post(
        f"{BASE}/kpis/{kpi_id}/measurements",
        {"measured_on": "2024-01-31", "value": "450"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 201
    upload = SimpleUploadedFile(
        "m.csv", b"indicator;date;value;unit\nTransports;2024-02-29;440;trips\n"
    )
    response = client.post(
        f"{BASE}/contracts/{contract.pk}/measurements/import", {"file": upload}, **headers
    )
    assert response.status_code == 200 and response.json() == {"imported": 1}
    bad = SimpleUploadedFile("m.csv", b"indicator;date;value;unit\nTransports;soon;440;trips\n")
    response = client.post(
        f"{BASE}/contracts/{contract.pk}/measurements/import", {"file": bad}, **headers
    )
    assert response.status_code == 400
    data = client.get(f"{BASE}/kpis/{kpi_id}", **headers).json()
    assert [float(m["value"]) for m in data["measurements"]] == [450, 440]
    assert data["periods"][0]["realised"] == "525000"
    assert client.get(f"{BASE}/contracts/{contract.pk}/kpis", **headers).json()[0]["id"] == kpi_id


def test_pilot_api_forbidden_cases(client) -> None:
    contract = ContractFactory()
    kpi = pilot_kpi(contract)
    url = f"{BASE}/kpis/{kpi.pk}/measurements"
    body = {"measured_on": "2024-01-31", "value": "450"}
    assert client.post(url, body, content_type="application/json").status_code == 401
    other = auth(member(ContractFactory().project.organisation))
    assert client.get(f"{BASE}/kpis/{kpi.pk}", **other).status_code == 404
    for user in (supplier_person(contract), member(contract.project.organisation)):
        response = client.post(url, body, content_type="application/json", **auth(user))
        assert response.status_code == 403
    value = {"category": "transport", "volume": "0", "unit_value": "1"}
    lead = auth(project_member(contract.project))
    response = client.put(
        f"{BASE}/kpis/{kpi.pk}/value", value, content_type="application/json", **lead
    )
    assert response.status_code == 400
    assert not Measurement.objects.exists()
    assert PilotKpi.objects.get().volume == 12
