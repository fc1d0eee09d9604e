import datetime as dt

import pytest

from handslag.accounts.roles import OrganisationRole, ProjectRole
from handslag.accounts.tests.factories import member, supplier
from handslag.partnership.models import Contract, PhaseStatus
from handslag.partnership.tests.factories import (
    AwardFactory,
    ContractFactory,
    PhaseFactory,
    project_member,
    supplier_person,
)
from handslag.testing.api import bearer as auth

pytestmark = pytest.mark.django_db
BASE = "/api/v1/partnership"


def test_contract_create_and_get(client) -> None:
    award = AwardFactory()
    lead = project_member(award.call.project)
    body = {
        "award_id": award.pk,
        "signed_on": (award.standstill_end + dt.timedelta(days=1)).isoformat(),
        "ip_terms": "Licence",
    }
    response = client.post(f"{BASE}/contracts", body, content_type="application/json", **auth(lead))
    assert response.status_code == 201, response.content
    contract_id = response.json()["id"]
    response = client.get(f"{BASE}/contracts/{contract_id}", **auth(lead))
    assert response.status_code == 200
    assert response.json()["state"] == "not_started"


@pytest.mark.parametrize(
    "body",
    [
        {"signed_on": "2024-03-11"},  # last day of the standstill
        {"signed_on": "not a date"},
        {},
        {"signed_on": "2024-04-01", "ip_terms": "x" * 10001},
    ],
)
def test_contract_create_bad_input(client, body: dict) -> None:
    award = AwardFactory()
    lead = project_member(award.call.project)
    response = client.post(
        f"{BASE}/contracts",
        {"award_id": award.pk, **body},
        content_type="application/json",
        **auth(lead),
    )
    assert 400 <= response.status_code < 500
    assert not Contract.objects.exists()


def test_malformed_json_is_4xx(client) -> None:
    award = AwardFactory()
    lead = project_member(award.call.project)
    response = client.post(
        f"{BASE}/contracts", "{not json", content_type="application/json", **auth(lead)
    )
    assert response.status_code == 400  # not JSON: refused before any schema


def test_contract_create_forbidden_cases(client) -> None:
    award = AwardFactory()
    body = {"award_id": award.pk, "signed_on": "2024-04-01"}
    assert (
        client.post(f"{BASE}/contracts", body, content_type="application/json").status_code == 401
    )
    officer = project_member(award.call.project, ProjectRole.PROCUREMENT_OFFICER)
    response = client.post(
        f"{BASE}/contracts", body, content_type="application/json", **auth(officer)
    )
    assert response.status_code == 403
    other = member(supplier(), OrganisationRole.ADMIN)
    response = client.post(
        f"{BASE}/contracts", body, content_type="application/json", **auth(other)
    )
    assert response.status_code == 404


def test_add_partner_after_phases_began_refused(client) -> None:
    contract = ContractFactory()
    PhaseFactory(contract=contract, order=1, status=PhaseStatus.ACTIVE)
    lead = project_member(contract.project)
    body = {"award_id": contract.award_id, "signed_on": "2024-04-01"}
    response = client.post(f"{BASE}/contracts", body, content_type="application/json", **auth(lead))
    assert response.status_code == 400
    assert Contract.objects.count() == 1


def test_phase_flow(client) -> None:
    contract = ContractFactory()
    lead = project_member(contract.project)
    headers = auth(lead)
    phase = {
        "name": "Prototype",
        "goal": "20 bins",
        "planned_start": "2024-04-01",
        "planned_end": "2024-09-30",
        "payment": "250000",
    }
    response = client.post(
        f"{BASE}/contracts/{contract.pk}/phases", phase, content_type="application/json", **headers
    )
    assert response.status_code == 201, response.content
    phase_id = response.json()["id"]
    # Deciding before the start is a wrong state.
    decide = {"decision": "continue", "reason": "ok"}
    url = f"{BASE}/phases/{phase_id}/decide"
    assert client.post(url, decide, content_type="application/json", **headers).status_code == 400
    assert client.post(f"{BASE}/phases/{phase_id}/start", **headers).status_code == 200
    assert client.post(f"{BASE}/phases/{phase_id}/start", **headers).status_code == 400
    assert (
        client.post(
            url, {"decision": "reduce", "reason": "x"}, content_type="application/json", **headers
        ).status_code
        == 400
    )
    assert client.post(url, decide, content_type="application/json", **headers).status_code == 200
    assert client.post(url, decide, content_type="application/json", **headers).status_code == 400
    listing = client.get(f"{BASE}/contracts/{contract.pk}/phases", **headers).json()
    assert listing[0]["decision"] == "continue"


@pytest.mark.parametrize(
    "body",
    [
        {"name": "P", "goal": "G", "planned_start": "2024-09-01", "planned_end": "2024-04-01"},
        {"name": "P", "goal": "G", "planned_start": "2020-01-01", "planned_end": "2020-04-01"},
        {
            "name": "P",
            "goal": "G",
            "planned_start": "2024-04-01",
            "planned_end": "2024-05-01",
            "payment": -5,
        },
        {"name": "P", "goal": "G", "planned_start": "2024-04-01"},
    ],
)
def test_phase_add_bad_input(client, body: dict) -> None:
    contract = ContractFactory()
    lead = project_member(contract.project)
    response = client.post(
        f"{BASE}/contracts/{contract.pk}/phases",
        body,
        content_type="application/json",
        **auth(lead),
    )
    assert 400 <= response.status_code < 500
    assert not contract.phases.exists()


def test_supplier_reads_but_cannot_change(client) -> None:
    contract = ContractFactory()
    phase = PhaseFactory(contract=contract, order=1)
    headers = auth(supplier_person(contract))
    assert client.get(f"{BASE}/contracts/{contract.pk}", **headers).status_code == 200
    assert client.get(f"{BASE}/contracts/{contract.pk}/phases", **headers).status_code == 200
    assert client.post(f"{BASE}/phases/{phase.pk}/start", **headers).status_code == 403
    dashboard = client.get(f"{BASE}/dashboard", **headers).json()
    assert [c["id"] for c in dashboard["supplier_contracts"]] == [contract.pk]


def test_outsiders_get_404(client) -> None:
    contract = ContractFactory()
    phase = PhaseFactory(contract=contract, order=1)
    for user in (
        member(supplier(), OrganisationRole.ADMIN),
        project_member(ContractFactory().project),
    ):
        headers = auth(user)
        assert client.get(f"{BASE}/contracts/{contract.pk}", **headers).status_code == 404
        assert client.post(f"{BASE}/phases/{phase.pk}/start", **headers).status_code == 404
    assert client.get(f"{BASE}/contracts/{contract.pk}").status_code == 401
