"""The market dialogue in a real browser: a new supplier registers, follows an area, asks a
question on the meals call, the procurement officer answers it to all, and the supplier
reads the answer on the call's page without any name.

Every page visited is checked with axe-core (and for CSP errors).
"""

import pytest
from playwright.sync_api import expect

from handslag.accounts.tests.factories import valid_org_number
from tests.e2e.conftest import SCREENSHOTS, sign_in, sign_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

COMPANY = "Köksglädje i Växjö AB"
USERNAME = "koksgladje"
PASSWORD = "Matlåda-med-omtanke-7"
QUESTION = (
    "Köksglädje i Växjö AB undrar: kan vi leverera beställningssystemet utan att själva laga maten?"
)
PUBLISHED = "Kan en leverantör lämna enbart beställningssystemet, utan att laga maten?"
ANSWER = "Ja. Partnerskapet gäller beställningen; maten lagas som i dag av kommunens kök."


def test_new_supplier_asks_and_the_buyer_answers_to_all(page, axe, demo_data):
    from handslag.market.demo import call

    meals = call("meals")

    # A visitor finds the meals call on the market and registers.
    page.goto("/market/")
    axe(page)
    page.get_by_role("link", name=meals.title).click()
    page.wait_for_load_state()
    axe(page)
    page.get_by_role("link", name="Registrera er organisation").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Registrera er organisation som leverantör"
    )
    axe(page)
    page.get_by_role("button", name="Registrera och logga in").click()
    page.wait_for_load_state()
    expect(page.get_by_role("alert")).to_be_visible()  # refused, in Swedish
    axe(page)
    page.get_by_label("Organisationens namn").fill(COMPANY)
    page.get_by_label("Organisationsnummer").fill("556677-8890")  # wrong check digit
    page.get_by_label("Vi är ett litet eller medelstort företag").check()
    page.get_by_label("Förmåga").fill("Digitala beställningssystem för storkök.")
    page.get_by_label("Ditt förnamn").fill("Karin")
    page.get_by_label("Ditt efternamn").fill("Ek")
    page.get_by_label("Din e-postadress").fill("karin@koksgladje.example")
    page.get_by_label("Användarnamn").fill(USERNAME)
    page.get_by_label("Lösenord", exact=True).fill(PASSWORD)
    page.get_by_label("Lösenordet igen").fill(PASSWORD)
    page.get_by_role("button", name="Registrera och logga in").click()
    page.wait_for_load_state()
    expect(page.get_by_text("kontrollsiffra stämmer inte", exact=False).first).to_be_visible()
    axe(page)
    page.get_by_label("Organisationsnummer").fill(valid_org_number("55"))
    page.get_by_label("Lösenord", exact=True).fill(PASSWORD)
    page.get_by_label("Lösenordet igen").fill(PASSWORD)
    page.get_by_role("button", name="Registrera och logga in").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Våra ansökningar och anbud")
    expect(page.get_by_text("Välkommen!")).to_be_visible()
    axe(page)

    # The supplier follows the meals area and finds the call on its page.
    page.get_by_role("link", name=f"Profil för {COMPANY}").click()
    page.wait_for_load_state()
    axe(page)
    page.get_by_label("Måltider och livsmedel").check()
    page.get_by_role("button", name="Spara profilen").click()
    page.wait_for_load_state()
    axe(page)
    areas = page.get_by_role("region", name="Öppna annonser inom områden ni följer")
    areas.get_by_role("link", name=meals.title).click()
    page.wait_for_load_state()
    axe(page)

    # It asks a question privately.
    page.get_by_role("link", name="Ställ en fråga").click()
    page.wait_for_load_state()
    axe(page)
    page.get_by_label("Din fråga").fill(QUESTION)
    page.get_by_role("button", name="Skicka frågan").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Väntar på svar").first).to_be_visible()
    axe(page)
    sign_out(page)

    # The procurement officer answers it to all, without the name.
    sign_in(page, "upphandlare")
    page.goto(f"/market/manage/{meals.pk}/")
    axe(page)
    page.get_by_role("link", name="Läs och besvara frågorna").click()
    page.wait_for_load_state()
    axe(page)
    row = page.get_by_role("row").filter(has_text="Köksglädje")
    row.get_by_role("link", name="Svara alla").click()
    page.wait_for_load_state()
    axe(page)
    page.get_by_label("Frågan som den publiceras").fill(PUBLISHED)
    page.get_by_label("Svara alla leverantörer").fill(ANSWER)
    page.get_by_role("button", name="Publicera svaret till alla").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Svaret är publicerat")).to_be_visible()
    axe(page)
    sign_out(page)

    # The supplier reads the answer on the call's page; nobody is named.
    sign_in(page, USERNAME, PASSWORD)
    page.goto(f"/market/calls/{meals.pk}/")
    qa = page.get_by_role("region", name="Frågor och svar")
    expect(qa.get_by_text(ANSWER)).to_be_visible()
    expect(qa.get_by_text(PUBLISHED)).to_be_visible()
    axe(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "market-questions-and-answers.png"), full_page=True)
    sign_out(page)
    page.goto(f"/market/calls/{meals.pk}/")
    expect(page.get_by_text(ANSWER)).to_be_visible()
    assert "Köksglädje" not in page.content()
    axe(page)


def test_dialogue_pages_for_buyer_and_supplier(page, axe, demo_data):
    """Östergötland's RFI summary, the workshop, and a change to the meals call."""
    from handslag.market.demo import RFI_TITLE, call
    from handslag.market.models import DialogueEvent, Rfi

    rfi = Rfi.objects.get(title=RFI_TITLE)
    workshop = DialogueEvent.objects.get(kind="workshop")
    meals = call("meals")

    page.goto("/market/rfi/")
    axe(page)
    page.get_by_role("link", name=RFI_TITLE).click()
    page.wait_for_load_state()
    expect(page.get_by_text("RFI:n tar inte längre emot svar.")).to_be_visible()
    axe(page)

    sign_in(page, "og-upphandlare")
    page.goto("/market/manage/")
    axe(page)
    page.get_by_role("link", name=RFI_TITLE).click()
    page.wait_for_load_state()
    expect(page.get_by_text("4 leverantörer svarade", exact=False)).to_be_visible()
    axe(page)
    page.goto(f"/market/events/{workshop.pk}/")
    axe(page)
    page.get_by_role("link", name="Redigera anteckningar och inbjudningar").click()
    page.wait_for_load_state()
    page.get_by_label("Anteckningar").fill("Tre leverantörer deltog; RFI skickas i maj.")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Tre leverantörer deltog")).to_be_visible()
    axe(page)
    sign_out(page)

    # An invited supplier sees the workshop, never the notes.
    sign_in(page, "vardnara")
    page.goto("/market/supplier/")
    axe(page)
    page.get_by_role("link", name=workshop.title).click()
    page.wait_for_load_state()
    assert "Tre leverantörer deltog" not in page.content()
    axe(page)
    page.goto(f"/market/rfi/{rfi.pk}/")
    expect(page.get_by_role("heading", name="Era svar")).to_be_visible()
    axe(page)
    sign_out(page)

    # The procurement officer changes the published meals call; the history is public.
    sign_in(page, "upphandlare")
    page.goto(f"/market/manage/{meals.pk}/")
    page.get_by_role("link", name="Ändra den publicerade annonsen").click()
    page.wait_for_load_state()
    axe(page)
    page.get_by_label("Tidplan").fill("Dialogmöten i februari, tilldelning i maj.")
    page.get_by_role("button", name="Publicera ändringen").click()
    page.wait_for_load_state()
    expect(page.get_by_role("alert")).to_be_visible()  # the reason is required
    axe(page)
    page.get_by_label("Skäl till ändringen").fill("Vi lägger till tidsplanen efter frågor.")
    page.get_by_role("button", name="Publicera ändringen").click()
    page.wait_for_load_state()
    axe(page)
    sign_out(page)
    page.goto(f"/market/calls/{meals.pk}/")
    history = page.get_by_role("region", name="Ändringshistorik")
    expect(history.get_by_text("Vi lägger till tidsplanen efter frågor.")).to_be_visible()
    expect(history.get_by_text("Dialogmöten i februari, tilldelning i maj.")).to_be_visible()
    axe(page)
