"""A Norwegian supplier registers with its organisasjonsnummer: a wrong check digit is
refused in Swedish naming Norway and the rule, the right number is accepted and shown
with its country on the profile.

Every page visited is checked with axe-core (and for Content-Security-Policy errors).
"""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "Ett-långt-lösen-42"


def test_norwegian_supplier_registers(page, axe):
    page.goto("/market/register/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Registrera er organisation som leverantör"
    )
    axe(page)
    page.get_by_label("Organisationens namn").fill("Fjordteknikk AS")
    page.get_by_label("Land där organisationen är registrerad").select_option("NO")
    page.get_by_label("Organisationsnummer").fill("988 077 918")  # wrong check digit
    page.get_by_label("Ditt förnamn").fill("Kari")
    page.get_by_label("Ditt efternamn").fill("Nordmann")
    page.get_by_label("Din e-postadress").fill("kari@fjordteknikk.example")
    page.get_by_label("Användarnamn").fill("kari-fjord")
    page.get_by_label("Lösenord", exact=True).fill(PASSWORD)
    page.get_by_label("Lösenordet igen").fill(PASSWORD)
    page.get_by_role("button", name="Registrera och logga in").click()
    page.wait_for_load_state()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(
        page.get_by_text("Kontrollsiffran stämmer inte för ett nummer i Norge").first
    ).to_be_visible()
    axe(page)
    page.get_by_label("Organisationsnummer").fill("988 077 917")
    page.get_by_label("Lösenord", exact=True).fill(PASSWORD)
    page.get_by_label("Lösenordet igen").fill(PASSWORD)
    page.get_by_role("button", name="Registrera och logga in").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Våra ansökningar och anbud")
    axe(page)
    page.get_by_role("link", name="Profil för Fjordteknikk AS").click()
    page.wait_for_load_state()
    expect(page.get_by_text("988077917 (Norge)")).to_be_visible()
    axe(page)
