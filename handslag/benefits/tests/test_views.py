import pytest
from django.urls import reverse

from handslag.accounts.roles import OrganisationRole, ProjectRole
from handslag.accounts.tests.factories import member
from handslag.benefits.models import BenefitLine, BenefitModel
from handslag.benefits.tests.factories import (
    BenefitModelFactory,
    ProjectFactory,
    project_member,
    simple_model,
)
from handslag.partnership.tests.factories import ContractFactory, supplier_person

pytestmark = pytest.mark.django_db

LINE = {
    "name": "Fewer transports",
    "kind": "benefit",
    "category": "transport",
    "first_year": "1",
    "last_year": "9",
    "low": "100",
    "likely": "150",
    "high": "200",
    "source": "Logs",
}


def test_create_model_and_add_lines(client) -> None:
    project = ProjectFactory()
    client.force_login(project_member(project))
    url = reverse("benefits:model_create", args=[project.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name": "Forecast",
            "scenario": "forecast",
            "discount_rate_percent": "3.5",
            "horizon_years": "10",
            "price_base_year": "2024",
        },
    )
    assert response.status_code == 302
    model = BenefitModel.objects.get()
    assert str(model.discount_rate) == "0.0350"
    detail = client.get(reverse("benefits:model_detail", args=[model.pk]))
    assert detail.status_code == 200
    assert "empty" in detail.content.decode()
    client.post(reverse("benefits:line_add", args=[model.pk]), LINE)
    client.post(
        reverse("benefits:line_add", args=[model.pk]),
        {
            **LINE,
            "name": "Sensors",
            "kind": "cost",
            "category": "investment",
            "first_year": "0",
            "last_year": "0",
        },
    )
    assert model.lines.count() == 2
    page = client.get(reverse("benefits:model_detail", args=[model.pk])).content.decode()
    assert "Sensors" in page and '<th scope="row">9</th>' in page


@pytest.mark.parametrize(
    "change",
    [
        {"discount_rate_percent": "26"},
        {"discount_rate_percent": "-5.5"},
        {"horizon_years": "0"},
        {"horizon_years": "101"},
        {"discount_rate_percent": "lots"},
    ],
)
def test_bad_model_parameters_400(client, change: dict) -> None:
    project = ProjectFactory()
    client.force_login(project_member(project))
    data = {
        "name": "F",
        "scenario": "forecast",
        "discount_rate_percent": "3.5",
        "horizon_years": "10",
        "price_base_year": "2024",
        **change,
    }
    response = client.post(reverse("benefits:model_create", args=[project.pk]), data)
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert not BenefitModel.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        {"low": "300"},
        {"high": "120"},
        {"last_year": "10"},
        {"first_year": "5", "last_year": "2"},
        {"likely": "abc"},
    ],
)
def test_bad_line_400(client, change: dict) -> None:
    model = BenefitModelFactory()
    client.force_login(project_member(model.project))
    response = client.post(reverse("benefits:line_add", args=[model.pk]), {**LINE, **change})
    assert response.status_code == 400
    assert not BenefitLine.objects.exists()


def test_edit_and_remove_line(client) -> None:
    model = simple_model()
    client.force_login(project_member(model.project))
    line = model.lines.get(kind="benefit")
    url = reverse("benefits:line_edit", args=[line.pk])
    assert client.get(url).status_code == 200
    data = {key: getattr(line, key) for key in LINE}
    assert client.post(url, {**data, "likely": "160000"}).status_code == 302
    line.refresh_from_db()
    assert line.likely == 160000
    remove = reverse("benefits:line_remove", args=[line.pk])
    assert client.get(remove).status_code == 200
    assert client.post(remove).status_code == 302
    assert not BenefitLine.objects.filter(pk=line.pk).exists()


def test_edit_model(client) -> None:
    model = simple_model()
    client.force_login(project_member(model.project))
    url = reverse("benefits:model_edit", args=[model.pk])
    assert client.get(url).status_code == 200
    data = {
        "name": "Renamed",
        "scenario": "forecast",
        "discount_rate_percent": "3",
        "horizon_years": "5",
        "price_base_year": "2024",
    }
    assert client.post(url, data).status_code == 400
    assert client.post(url, {**data, "horizon_years": "12"}).status_code == 302


def test_viewers_and_forbidden(client) -> None:
    model = simple_model()
    detail = reverse("benefits:model_detail", args=[model.pk])
    add = reverse("benefits:line_add", args=[model.pk])
    # Anonymous: to the login page.
    assert client.get(detail).status_code == 302
    # Staff of the buyer: may read, not change.
    client.force_login(member(model.project.organisation))
    assert client.get(detail).status_code == 200
    assert client.get(reverse("benefits:model_list", args=[model.project.pk])).status_code == 200
    assert client.get(add).status_code == 403
    # A team member who does not run the project: read only.
    client.force_login(project_member(model.project, ProjectRole.SUBJECT_EXPERT))
    assert client.get(detail).status_code == 200
    assert client.post(add, LINE).status_code == 403
    assert client.get(reverse("benefits:model_create", args=[model.project.pk])).status_code == 403
    # Another buyer organisation: does not know it exists.
    client.force_login(member(ProjectFactory().organisation, OrganisationRole.ADMIN))
    assert client.get(detail).status_code == 404


def test_contract_supplier_does_not_see_buyer_model(client) -> None:
    contract = ContractFactory()
    model = simple_model(project=contract.project)
    client.force_login(supplier_person(contract))
    assert client.get(reverse("benefits:model_detail", args=[model.pk])).status_code == 404
    assert client.get(reverse("benefits:model_list", args=[contract.project.pk])).status_code == 404
