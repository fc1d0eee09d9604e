"""The evaluation-model simulator in a real browser, before Växjö's snow call is published
further: fictive tenders ranked by weighted points with the published price ceiling; the
same tenders under relative price scoring, where a new low tender reverses two others; a
price floor refused with the case law. Accessible, in Swedish, nothing refused by the CSP."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Quality scores per criterion (weights 30, 30, 20; price 20) and prices.
FICTIVE = {
    1: ("Anbud A", "1 000 000", ("4", "4", "4")),
    2: ("Anbud B", "1 500 000", ("5", "4", "4")),
    3: ("Anbud C", "3 000 000", ("5", "5", "5")),
}
QUALITY = ("Genomförbarhet", "Effekt", "Affärsmässighet")


def _fill_tenders(page) -> None:
    for n, (name, price, scores) in FICTIVE.items():
        page.get_by_label(f"Namn på fiktivt anbud {n}").fill(name)
        page.get_by_label(f"Pris för fiktivt anbud {n} (kr)").fill(price)
        for criterion, score in zip(QUALITY, scores, strict=True):
            page.get_by_label(f"{criterion}, fiktivt anbud {n} (0–5)").select_option(score)


def _simulate(page, axe) -> None:
    page.get_by_role("button", name="Simulera").click()
    page.wait_for_load_state()
    axe(page)


def test_simulator_warns_of_rank_reversal_and_refuses_a_price_floor(page, axe, demo_data):
    from handslag.market.demo import call

    snow = call("snow")
    sign_in(page, "upphandlare")
    page.goto(f"/tendering/calls/{snow.pk}/criteria/")
    page.get_by_role("link", name="Pröva modellen på fiktiva anbud").first.click()
    page.wait_for_load_state()
    axe(page)

    # Weighted points on the absolute scale up to the ceiling: no tender can reverse others.
    page.get_by_label("Viktade poäng", exact=True).check()
    page.get_by_label("Pristak (kr)").fill("4 000 000")
    _fill_tenders(page)
    _simulate(page, axe)
    ranking = page.get_by_role("table", name="Rangordning av de fiktiva anbuden")
    expect(ranking.get_by_role("row").nth(1)).to_contain_text("Anbud C")
    expect(ranking.get_by_role("row").nth(1)).to_contain_text("3 000 000")
    expect(
        page.get_by_text("Inga varningar: inget anbud kan få två andra att byta plats.")
    ).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "evaluation-simulator.png"), full_page=True)

    # Relative price scoring: A is ahead of B on price, and a new tender at half A's price
    # shrinks every price score so that B overtakes A.
    page.get_by_label("Poängsätt priset relativt det lägsta priset (rekommenderas inte)").check()
    _simulate(page, axe)
    expect(ranking.get_by_role("row").nth(2)).to_contain_text("Anbud A")
    expect(page.get_by_text("byta plats").first).to_be_visible()
    expect(page.locator("main li", has_text="byta plats").first).to_be_visible()

    # A price floor above zero is refused, citing the case law, and nothing is ranked.
    page.get_by_label("Prisgolv (kr)").fill("500 000")
    page.get_by_role("button", name="Simulera").click()
    page.wait_for_load_state()
    axe(page)
    expect(page.get_by_text("HFD 2022 ref. 41").first).to_be_visible()
    expect(page.get_by_role("table", name="Rangordning av de fiktiva anbuden")).to_have_count(0)
