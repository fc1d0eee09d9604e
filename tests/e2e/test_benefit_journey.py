"""Växjö's waste collection: the pilot's transports per month, the benefit model, and the
leadership report that tells the politicians what the partnership is worth.

Every page visited is checked with axe-core (and for CSP refusals); the PDF's figures are
checked against the engine.
"""

import re
from io import BytesIO

import pytest
from django.utils import translation
from playwright.sync_api import expect
from pypdf import PdfReader

from handslag.benefits.models import BenefitModel
from handslag.benefits.report import percent, sek
from handslag.benefits.selectors import benefit_figures
from handslag.partnership.models import Contract, PilotKpi
from tests.e2e.conftest import SCREENSHOTS, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PROJECT = "Sophämtning efter behov och fyllnadsgrad"
INDICATOR = "Antal tömningstransporter per månad"


def plain(text: str) -> str:
    return re.sub(r"[\u00a0\u202f]", " ", text)


def test_waste_pilot_benefit_model_and_leadership_report(page, axe, demo_data):
    contract = Contract.objects.get(project__title__startswith=PROJECT)
    project = contract.project
    kpi = PilotKpi.objects.get(contract=contract, indicator=INDICATOR)
    measured = kpi.measurements.count()

    # The project lead opens the contract and its testbed pilot.
    sign_in(page, "upphandlare")
    page.goto(f"/partnership/contracts/{contract.pk}/")
    axe(page)
    page.get_by_role("link", name="Testbäddspilot: nyckeltal och mätningar").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Testbäddspilot", exact=True)).to_be_visible()
    expect(page.get_by_role("img", name=re.compile(INDICATOR))).to_be_visible()
    axe(page)

    # A new monthly figure, below the baseline of 480.
    page.get_by_role("link", name=INDICATOR).click()
    page.wait_for_load_state()
    axe(page)
    page.get_by_role("link", name="Registrera en mätning").click()
    page.wait_for_load_state()
    axe(page)
    page.get_by_label("Mätdatum").fill("2023-01-31")
    page.get_by_label("Värde").fill("431")
    page.get_by_role("button", name="Spara mätningen").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Mätningen har registrerats.")).to_be_visible()
    expect(page.get_by_role("table", name=f"Mätningar av {INDICATOR}")).to_contain_text("431")
    axe(page)
    assert kpi.measurements.count() == measured + 1

    # An import with the wrong unit is refused row by row, and nothing is saved.
    page.get_by_role("link", name="Importera mätningar").click()
    page.wait_for_load_state()
    axe(page)
    page.get_by_label("CSV- eller XLSX-fil").set_input_files(
        {
            "name": "matningar.csv",
            "mimeType": "text/csv",
            "buffer": (
                "indikator;datum;värde;enhet\n"
                f"{INDICATOR};2023-02-28;429;transporter\n"
                f"{INDICATOR};2023-03-31;427;ton\n"
            ).encode(),
        }
    )
    page.get_by_role("button", name="Importera", exact=True).click()
    page.wait_for_load_state()
    expect(page.get_by_role("alert")).to_contain_text("Rad 3")
    axe(page)
    assert kpi.measurements.count() == measured + 1

    # The benefit model: figures, distribution and tornado, with tables.
    forecast = BenefitModel.objects.get(project=project, scenario="forecast")
    page.goto(f"/benefits/project/{project.pk}/")
    axe(page)
    page.get_by_role("link", name=forecast.name).click()
    page.wait_for_load_state()
    expect(page.get_by_role("img", name="Fördelning av nettonuvärdet")).to_be_visible()
    expect(page.get_by_role("img", name="Tornadodiagram: en rad i taget")).to_be_visible()
    expect(
        page.get_by_role("table", name="Känslighet, brytvärden och kritiska variabler")
    ).to_be_visible()
    expect(page.get_by_role("table", name="Parametrar och deras källor")).to_contain_text("ASEK")
    page.screenshot(path=str(SCREENSHOTS / "benefit-model.png"), full_page=True)
    axe(page)

    # Forecast against what the pilot has realised so far.
    page.get_by_role("link", name="Jämför prognosen med utfallet").click()
    page.wait_for_load_state()
    expect(page.get_by_role("table", name="Realiserad nytta per nyckeltal och år")).to_contain_text(
        INDICATOR
    )
    axe(page)

    # The leadership report, downloaded and read back.
    page.goto(f"/benefits/project/{project.pk}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Ledningsrapport (PDF)").click()
    content = open(download.value.path(), "rb").read()  # noqa: SIM115
    text = plain("\n".join(p.extract_text() for p in PdfReader(BytesIO(content)).pages))
    figures = benefit_figures(model=forecast)
    with translation.override("sv"):
        npv, probability = (
            plain(sek(figures.npv)),
            plain(percent(figures.monte_carlo.p_npv_positive)),
        )
    assert f"Ledningsrapport: {project.title}" in plain(text).replace("\n", " ")
    assert npv in text, (npv, text)
    assert probability in text
    assert INDICATOR in text
    assert "Nästa beslut" in text

    # The portfolio across Växjö's projects.
    page.goto(f"/benefits/portfolio/?organisation={project.organisation_id}")
    page.wait_for_load_state()
    expect(page.get_by_role("table", name="Projekten och deras nytta")).to_contain_text(
        project.title
    )
    axe(page)
