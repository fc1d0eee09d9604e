"""Leadership report (PDF) and portfolio: figures from the engine, access rules."""

import re
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from handslag.accounts.tests.factories import member
from handslag.benefits.report import leadership_report, project_figures, sek
from handslag.benefits.selectors import benefit_figures
from handslag.benefits.tests.factories import simple_model
from handslag.benefits.tests.test_realised import measured_project
from handslag.core.render import to_pdf
from handslag.partnership.tests.factories import ContractFactory
from handslag.projects.models import Risk

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    reader = PdfReader(BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"[\u00a0\u202f]", " ", text)


def test_report_carries_stage_effects_figures_risks_and_decision() -> None:
    project, lead, forecast, kpi = measured_project()
    Risk.objects.create(
        project=project,
        title="Sensors freeze in winter",
        probability=4,
        impact=5,
        mitigation="Heated housings",
        created_by=lead,
    )
    Risk.objects.create(
        project=project,
        title="Closed risk",
        probability=5,
        impact=5,
        status="closed",
        created_by=lead,
    )
    with translation.override("en"):
        document = leadership_report(user=lead, project=project)
        text = pdf_text(to_pdf(document))
        expected = benefit_figures(model=forecast)
        assert sek(expected.npv).replace("\u00a0", " ") in text
        assert "Sensors freeze in winter" in text
        assert "Closed risk" not in text
    assert kpi.indicator in text
    assert "Next decision" in text


def test_report_without_risk_access_or_model_says_so_without_placeholders() -> None:
    contract = ContractFactory()
    partner = member(contract.supplier)
    with translation.override("en"):
        text = pdf_text(to_pdf(leadership_report(user=partner, project=contract.project)))
    assert "No benefit model with figures yet." in text
    assert "Top risks" not in text


def test_portfolio_figures_match_the_engine() -> None:
    model = simple_model()
    figures = project_figures(project=model.project)
    engine_figures = benefit_figures(model=model)
    assert figures.npv == pytest.approx(engine_figures.npv)
    assert figures.p_npv_positive == engine_figures.monte_carlo.p_npv_positive
    assert figures.realisation_ratio is None


def test_report_download_and_forbidden_cases(client) -> None:
    model = simple_model()
    url = reverse("benefits:leadership_report", args=[model.project.pk])
    assert client.get(url).status_code == 302  # anonymous: to the sign-in page
    client.force_login(member(ContractFactory().project.organisation))
    assert client.get(url).status_code == 404
    client.force_login(member(model.project.organisation))
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert model.project.title in pdf_text(response.content)


def test_portfolio_page(client) -> None:
    model = simple_model()
    other = simple_model()
    user = member(model.project.organisation)
    client.force_login(user)
    page = client.get(reverse("benefits:portfolio")).content.decode()
    assert model.project.title in page
    assert other.project.title not in page
    assert "style=" not in page
    # Another organisation's id in the query falls back to one's own.
    page = client.get(
        reverse("benefits:portfolio"), {"organisation": other.project.organisation_id}
    ).content.decode()
    assert other.project.title not in page
    client.force_login(member(ContractFactory().supplier))
    page = client.get(reverse("benefits:portfolio")).content.decode()
    assert "not a member of one" in page or "inte medlem" in page
