"""A procurement officer logs a supplier dialogue meeting with a decision and an action,
marks the action done, and adds a stakeholder to the interest/influence grid.

Every page visited is checked with axe-core (and for Content-Security-Policy errors).
"""

import re

import pytest
from playwright.sync_api import expect

from handslag.audit.services import audit_verify
from tests.e2e.conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Dialog om fyllnadsgradsgivare i kyla"
ACTION = "Skicka frågorna om batteritid till alla leverantörer"


def test_log_a_supplier_dialogue_and_follow_it_up(page, axe, demo_data):
    from handslag.dialogue.models import ActionItem, Meeting
    from handslag.projects.demo import project

    waste = project("waste")
    sign_in(page, "upphandlare")
    axe(page)

    # The dialogue hub of the waste project, with its demo meetings.
    page.goto(f"/dialogue/projects/{waste.pk}/")
    expect(page.get_by_role("heading", level=1, name="Dialog och intressenter")).to_be_visible()
    axe(page)

    # An empty meeting is refused with an error summary, in Swedish.
    page.get_by_role("link", name="Logga ett möte").first.click()
    axe(page)
    page.get_by_label("Rubrik").fill("")
    page.get_by_role("button", name="Spara mötet").click()
    expect(page.get_by_role("alert")).to_be_visible()
    axe(page)

    page.get_by_label("Typ av möte").select_option(label="Leverantörsdialog")
    page.get_by_label("Rubrik").fill(TITLE)
    page.get_by_label("Datum").fill("2026-01-15")
    participants = page.get_by_role("group", name="Deltagare från beställarna")
    participants.get_by_label("Johan Berg").check()
    page.get_by_role("group", name="Leverantörer").get_by_label(
        "Sensorbolaget i Småland AB"
    ).check()
    page.get_by_label("Övriga deltagare").fill("Ali Haddad, Sensorbolaget i Småland AB")
    page.get_by_label("Anteckningar").fill("Batteritiden i kyla behöver mätas innan vi går vidare.")
    page.get_by_label("Beslut").fill("Batteritiden mäts under två veckor i januari")
    page.get_by_role("button", name="Spara mötet").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    expect(page.get_by_text("Batteritiden mäts under två veckor i januari")).to_be_visible()
    axe(page)

    # An action with an owner and a due date; a due date before the meeting is refused.
    page.get_by_role("link", name="Lägg till en åtgärd").click()
    axe(page)
    page.get_by_label("Åtgärd").fill(ACTION)
    page.get_by_label("Ansvarig").select_option(label="Johan Berg")
    page.get_by_label("Klart senast").fill("2026-01-10")
    page.get_by_role("button", name="Spara åtgärden").click()
    expect(page.get_by_role("alert")).to_contain_text("Förfallodagen kan inte vara före mötet")
    axe(page)
    page.get_by_label("Klart senast").fill("2026-01-29")
    page.get_by_role("button", name="Spara åtgärden").click()
    page.wait_for_load_state()
    expect(page.get_by_role("cell", name=ACTION, exact=True)).to_be_visible()
    axe(page)

    # Done.
    page.get_by_role("button", name=f"Markera ”{ACTION}” som klar").click()
    page.wait_for_load_state()
    expect(page.get_by_role("button", name=f"Öppna ”{ACTION}” igen")).to_be_visible()
    axe(page)
    action = ActionItem.objects.get(text=ACTION)
    assert action.done and action.owner.username == "behovsagare"
    assert Meeting.objects.get(title=TITLE).supplier_organisations.count() == 1

    # The action list across the project's meetings, overdue first.
    page.get_by_role("link", name="Åtgärdslista").click()
    expect(page.get_by_role("heading", level=1, name="Åtgärdslista")).to_be_visible()
    axe(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner åtgärdslistan (XLSX)").click()
    assert download.value.suggested_filename.endswith(".xlsx")

    # A stakeholder on the grid.
    page.get_by_role("link", name="Intressenter", exact=True).click()
    axe(page)
    page.get_by_role("link", name="Lägg till en intressent").click()
    axe(page)
    page.get_by_label("Intressent", exact=True).fill("Miljöförvaltningen")
    page.get_by_role("group", name="Intresse", exact=True).get_by_label("4").check()
    page.get_by_role("group", name="Inflytande", exact=True).get_by_label("2").check()
    page.get_by_role("button", name="Spara intressenten").click()
    page.wait_for_load_state()
    grid = page.get_by_role("table", name="Intresse- och inflytandematris")
    row = grid.get_by_role("row", name=re.compile("Inflytande 2"))
    expect(row).to_contain_text("Miljöförvaltningen")
    axe(page)

    # The communication plan and the way to the idea bank.
    page.get_by_role("link", name="Kommunikationsplan", exact=True).click()
    axe(page)
    page.get_by_role("link", name="Översikt över dialogen").click()
    expect(page.get_by_role("link", name="Gå till idébanken")).to_be_visible()
    page.get_by_role("link", name="Parkera en idé i idébanken").click()
    axe(page)

    assert audit_verify().ok
