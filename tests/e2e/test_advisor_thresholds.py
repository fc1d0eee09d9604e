"""The procedure advisor below the EU threshold: an officer asks for advice on a small
purchase, is offered direct award with the duty to document it, sees which threshold period
and source were used, and starts a project from the direct-award template."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

UHM = "https://www.upphandlingsmyndigheten.se/regler-och-lagstiftning/"


def answer(page, *, market: str, rnd: str, value: str, day: str) -> None:
    page.get_by_role("group", name="Finns det en lösning på behovet på marknaden?").get_by_label(
        market
    ).check()
    page.get_by_role(
        "group", name="Behövs forskning och utveckling för att möta behovet?"
    ).get_by_label(rnd).check()
    page.get_by_role(
        "group", name="Kommer ni att köpa resultatet om utvecklingen lyckas?"
    ).get_by_label("Ja").check()
    page.get_by_label("Uppskattat värde för hela avtalet, i kronor exklusive moms").fill(value)
    page.get_by_role(
        "group", name="Kommer flera upphandlande organisationer att upphandla tillsammans?"
    ).get_by_label("Nej").check()
    page.get_by_label("Hur många månader är det kvar tills lösningen måste vara i bruk?").fill("12")
    page.get_by_label("Datum för rådet").fill(day)
    page.get_by_role("button", name="Få råd").click()
    page.wait_for_load_state()


def test_small_purchase_gets_direct_award_with_period_and_source(page, axe, demo_data):
    sign_in(page, "upphandlare")
    page.goto("/projects/advisor/")
    answer(page, market="Ja, den kan köpas som den är", rnd="Nej", value="400000", day="2025-06-01")
    expect(page.get_by_role("heading", name="Rekommenderas: Direktupphandling")).to_be_visible()
    expect(page.get_by_text("19 a kap. 11 § LOU")).to_be_visible()
    expect(page.get_by_role("heading", name="Tröskelvärde som användes")).to_be_visible()
    expect(page.locator(f'a[href^="{UHM}"]')).to_be_visible()
    axe(page)

    # The same answers on a day whose value in kronor is not recorded: the EU rules apply.
    answer(page, market="Ja, den kan köpas som den är", rnd="Nej", value="400000", day="2026-06-01")
    expect(
        page.get_by_role("heading", name="Rekommenderas: Öppet förfarande med funktionskrav")
    ).to_be_visible()
    expect(page.get_by_text("värdet i kronor är inte registrerat").first).to_be_visible()
    axe(page)

    answer(page, market="Ja, den kan köpas som den är", rnd="Nej", value="400000", day="2025-06-01")
    page.get_by_role("link", name="Starta ett projekt med Direktupphandling").click()
    page.wait_for_load_state()
    selected = page.get_by_label("Förfarande").locator("option:checked")
    expect(selected).to_have_text("Direktupphandling (v1)")
    axe(page)
