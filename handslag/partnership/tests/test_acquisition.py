"""Acquisition and maintenance stage: joining organisations, orders, service reviews."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from handslag.accounts.tests.factories import OrganisationFactory, member, supplier
from handslag.audit.models import AuditEntry
from handslag.partnership import acquisition
from handslag.partnership.audit_actions import PartnershipAction
from handslag.partnership.models import Order, ServiceReview, SolutionMember
from handslag.partnership.tests.factories import (
    ContractFactory,
    PhaseFactory,
    completed,
    project_member,
    supplier_person,
)

pytestmark = pytest.mark.django_db
DAY = dt.date(2024, 2, 1)


def finished_contract():
    contract = ContractFactory()
    completed(PhaseFactory(contract=contract, order=1))
    return contract, project_member(contract.project)


def test_orders_and_joining_only_in_the_acquisition_stage() -> None:
    contract = ContractFactory()
    PhaseFactory(contract=contract, order=1)
    lead = project_member(contract.project)
    with pytest.raises(ValidationError, match="FoU"):
        acquisition.service_review_record(
            actor=lead, contract=contract, reviewed_on=DAY, availability=Decimal(99), incidents=0
        )
    assert not ServiceReview.objects.exists()


def test_join_then_order_as_joined_buyer() -> None:
    contract, lead = finished_contract()
    town = OrganisationFactory(kind="buyer")
    outsider = OrganisationFactory(kind="buyer")
    with pytest.raises(ValidationError):
        acquisition.order_record(
            actor=lead,
            contract=contract,
            organisation=town,
            ordered_on=DAY,
            description="Licence",
            quantity=Decimal(1),
            unit_price=Decimal(58000),
        )
    acquisition.solution_join(actor=lead, contract=contract, organisation=town, joined_on=DAY)
    for bad in (town, contract.project.organisation, supplier()):
        with pytest.raises(ValidationError):
            acquisition.solution_join(
                actor=lead, contract=contract, organisation=bad, joined_on=DAY
            )
    order = acquisition.order_record(
        actor=lead,
        contract=contract,
        organisation=town,
        ordered_on=DAY,
        description="Licence",
        quantity=Decimal(2),
        unit_price=Decimal(58000),
    )
    assert order.total == Decimal(116000)
    assert outsider not in acquisition.ordering_organisations(contract=contract)
    for field, value in (("quantity", Decimal(0)), ("unit_price", Decimal(-1))):
        values = {"quantity": Decimal(1), "unit_price": Decimal(1), field: value}
        with pytest.raises(ValidationError):
            acquisition.order_record(
                actor=lead,
                contract=contract,
                organisation=town,
                ordered_on=DAY,
                description="x",
                **values,
            )
    assert Order.objects.count() == 1
    assert AuditEntry.objects.filter(action=PartnershipAction.ORDER_RECORD).count() == 1


def test_service_review_rules_and_forbidden_people() -> None:
    contract, lead = finished_contract()
    with pytest.raises(ValidationError):
        acquisition.service_review_record(
            actor=lead, contract=contract, reviewed_on=DAY, availability=Decimal(101), incidents=0
        )
    for user in (supplier_person(contract), member(contract.project.organisation)):
        with pytest.raises(PermissionDenied):
            acquisition.service_review_record(
                actor=user,
                contract=contract,
                reviewed_on=DAY,
                availability=Decimal(99),
                incidents=1,
            )
    acquisition.service_review_record(
        actor=lead, contract=contract, reviewed_on=DAY, availability=Decimal("99.5"), incidents=1
    )
    assert ServiceReview.objects.count() == 1


def test_acquisition_page_and_posts(client) -> None:
    contract, lead = finished_contract()
    town = OrganisationFactory(kind="buyer")
    url = reverse("partnership:acquisition", args=[contract.pk])
    assert client.get(url).status_code == 302
    client.force_login(member(OrganisationFactory(kind="buyer")))
    assert client.get(url).status_code == 404
    client.force_login(supplier_person(contract))
    assert client.get(url).status_code == 200
    join = reverse("partnership:solution_join", args=[contract.pk])
    assert (
        client.post(
            join, {"join-organisation": town.pk, "join-joined_on": "2024-02-01"}
        ).status_code
        == 403
    )
    client.force_login(lead)
    response = client.post(join, {"join-organisation": "", "join-joined_on": "2024-02-01"})
    assert response.status_code == 400
    response = client.post(join, {"join-organisation": town.pk, "join-joined_on": "2024-02-01"})
    assert response.status_code == 302
    assert SolutionMember.objects.get().organisation == town
    page = client.get(url).content.decode()
    assert town.name in page and "style=" not in page


def test_acquisition_api(client) -> None:
    from handslag.accounts.services import api_token_create

    contract, lead = finished_contract()
    town = OrganisationFactory(kind="buyer")
    base = f"/api/v1/partnership/contracts/{contract.pk}"
    headers = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=lead, name='t').raw}"}
    join = {"organisation_id": town.pk, "joined_on": "2024-02-01"}
    assert client.post(f"{base}/members", join, content_type="application/json").status_code == 401
    response = client.post(f"{base}/members", join, content_type="application/json", **headers)
    assert response.status_code == 201, response.content
    order = {
        "organisation_id": town.pk,
        "ordered_on": "2024-02-02",
        "description": "Licence",
        "quantity": "0",
        "unit_price": "58000",
    }
    response = client.post(f"{base}/orders", order, content_type="application/json", **headers)
    assert response.status_code == 400
    order["quantity"] = "1"
    response = client.post(f"{base}/orders", order, content_type="application/json", **headers)
    assert response.status_code == 201 and float(response.json()["total"]) == 58000
    review = {"reviewed_on": "2024-03-01", "availability": "99.9", "incidents": 0}
    response = client.post(f"{base}/reviews", review, content_type="application/json", **headers)
    assert response.status_code == 201
    data = client.get(f"{base}/acquisition", **headers).json()
    assert data["in_stage"] and len(data["members"]) == 1 and len(data["orders"]) == 1
    other = {
        "HTTP_AUTHORIZATION": "Bearer "
        + api_token_create(actor=member(contract.project.organisation), name="t").raw
    }
    response = client.post(f"{base}/reviews", review, content_type="application/json", **other)
    assert response.status_code == 403
