"""A lawful call by construction, in a real browser: the procurement officer tries to
publish a call whose application period is too short and which has no criteria, is told
why (the rule, the limit, the earliest lawful deadline, each with a link to the fix),
fixes both and publishes; a supplier registered in Norway signs up, applies with its ESPD
response, is qualified and invited by e-mail, tenders and gets its PDF receipt by e-mail;
another procurement is cancelled and says so on every list.

Every page visited is checked with axe-core (and for CSP errors).
"""

import datetime as dt
import re
from io import BytesIO

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.conftest import sign_in, sign_out
from tests.e2e.test_tendering_journey import (
    OFFICER,
    PDF,
    TITLE,
    Journey,
    draft_call,
    officer_publishes_the_call,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SITE = "https://handslag.example.se"
COMPANY = "Fjordhelse Teknologi AS"
USERNAME = "fjordhelse"
EMAIL = "ingrid@fjordhelse.example"
PASSWORD = "Fjorden-er-dyp-2026"
ESPD_XML = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<QualificationApplicationResponse xmlns="urn:oasis:names:specification:ubl:schema:'
    b'xsd:QualificationApplicationResponse-2"><cbc:UBLVersionID>2.2</cbc:UBLVersionID>'
    b"</QualificationApplicationResponse>\n"
)
REASONS = "Kommunens kök går över till egen tillagning; beställningssystemet behövs inte längre."


def _local(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def officer_is_refused_a_too_short_period_and_fixes_it(j: Journey) -> None:
    from handslag.market.models import Call

    Call.objects.filter(pk=j.call.pk).update(
        application_deadline=timezone.now() + dt.timedelta(days=5)
    )
    j.as_person(OFFICER)
    j.visit(f"/market/manage/{j.call.pk}/")
    j.click("link", "Granska och publicera")
    too_short = j.page.locator('[data-code="application_period_too_short"]')
    expect(too_short).to_contain_text("LOU 11 kap. 3 §")
    expect(too_short).to_contain_text("30 dagar")
    expect(too_short).to_contain_text("tidigaste tillåtna")
    expect(j.page.locator('[data-code="award_criteria"]')).to_be_visible()
    expect(j.page.get_by_role("button", name="Publicera annonsen")).to_have_count(0)
    too_short.get_by_role("link").click()
    j.page.wait_for_load_state()
    j.axe(j.page)
    j.page.get_by_label("Sista dag för ansökningar").fill(
        _local(timezone.now() + dt.timedelta(days=40))
    )
    j.click("button", "Spara utkast")
    j.call.refresh_from_db()
    assert j.call.application_deadline > timezone.now() + dt.timedelta(days=39)


def norwegian_supplier_registers_and_applies_with_its_espd(j: Journey) -> None:
    j.page.goto("/")
    if j.page.get_by_role("button", name="Logga ut").count():
        sign_out(j.page)
    j.visit("/market/register/")
    j.page.get_by_label("Organisationens namn").fill(COMPANY)
    j.page.get_by_label("Land där organisationen är registrerad").select_option("NO")
    j.page.get_by_label("Organisationsnummer").fill("988 077 917")
    j.page.get_by_label("Ditt förnamn").fill("Ingrid")
    j.page.get_by_label("Ditt efternamn").fill("Fjeld")
    j.page.get_by_label("Din e-postadress").fill(EMAIL)
    j.page.get_by_label("Användarnamn").fill(USERNAME)
    j.page.get_by_label("Lösenord", exact=True).fill(PASSWORD)
    j.page.get_by_label("Lösenordet igen").fill(PASSWORD)
    j.click("button", "Registrera och logga in")
    expect(j.page.get_by_role("heading", level=1)).to_have_text("Våra ansökningar och anbud")
    j.visit(f"/market/calls/{j.call.pk}/")
    j.click("link", "Ansök om att delta")
    j.page.get_by_label("Så uppfyller ni kvalificeringskraven").fill(
        "Vi driver hemmonitorering för tre norska kommuner; referenser bifogas."
    )
    j.page.get_by_label("ESPD-svar (frivilligt)").set_input_files(
        {"name": "espd-svar.xml", "mimeType": "application/xml", "buffer": ESPD_XML}
    )
    j.click("button", "Skicka ansökan")
    expect(j.page.get_by_text("Er ansökan har skickats", exact=False)).to_be_visible()
    expect(j.page.get_by_role("link", name="espd-svar.xml")).to_be_visible()


def officer_qualifies_and_the_supplier_is_invited_by_email(j: Journey) -> None:
    j.move_deadline("application_deadline")
    mail.outbox.clear()
    j.as_person(OFFICER)
    j.visit(f"/market/manage/{j.call.pk}/")
    j.click("link", COMPANY)
    j.click("link", "Besluta om kvalificering")
    expect(j.page.get_by_text("988077917 (Norge)")).to_be_visible()
    j.page.get_by_label("Kvalificerad", exact=True).check()
    j.page.get_by_label("Motivering").fill("Uppfyller kvalificeringskraven.")
    j.click("button", "Spara beslutet")
    j.click("link", "Bjud in den kvalificerade leverantören att lämna anbud")
    j.click("button", "Bjud in att lämna anbud")
    expect(j.page.get_by_text("1 leverantör bjöds in", exact=False)).to_be_visible()
    invitations = [m for m in mail.outbox if m.to == [EMAIL] and "Inbjudan" in m.subject]
    assert len(invitations) == 1, [m.subject for m in mail.outbox]
    assert re.search(rf"{re.escape(SITE)}/\S+", invitations[0].body)


def supplier_tenders_and_gets_the_pdf_receipt(j: Journey) -> None:
    mail.outbox.clear()
    sign_out(j.page)
    sign_in(j.page, USERNAME, PASSWORD)
    j.visit("/market/supplier/")
    invitations = j.page.get_by_role("region", name="Inbjudningar att lämna anbud")
    invitations.get_by_role("link", name=re.compile("Lämna anbud")).click()
    j.page.wait_for_load_state()
    j.axe(j.page)
    j.page.get_by_label("Ert anbud").fill("Mätutrustning, app och uppföljning i tre faser.")
    j.page.get_by_label("Pris (kr, exklusive moms)").fill("1 300 000")
    j.page.get_by_label("Filer").set_input_files(
        {"name": "teknisk-losning.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    j.click("button", "Lämna anbudet")
    expect(j.page.get_by_text("Ert anbud har tagits emot. Spara kvittot.")).to_be_visible()
    with j.page.expect_download() as info:
        j.page.get_by_role("link", name="Ladda ner kvittot (PDF)").click()
    with open(info.value.path(), "rb") as receipt:
        assert receipt.read(5) == b"%PDF-"
    (receipt_mail,) = [m for m in mail.outbox if m.to == [EMAIL]]
    ((name, content, mimetype),) = receipt_mail.attachments
    assert mimetype == "application/pdf" and name.endswith(".pdf")
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(content)).pages)
    assert "teknisk-losning.pdf" in text.replace("\n", "")
    assert all(m.to == [EMAIL] for m in mail.outbox)  # the buyer hears nothing of it


def another_procurement_is_cancelled_and_says_so_everywhere(j: Journey) -> None:
    from handslag.market.demo import call

    meals = call("meals")
    j.as_person("upphandlare")
    j.visit(f"/market/manage/{meals.pk}/")
    j.click("link", "Avbryt annonsen")
    j.page.get_by_label("Behovet har ändrats eller finns inte längre").check()
    j.page.get_by_label("Skäl för avbrytandet").fill(REASONS)
    j.click("button", "Fortsätt")
    j.click("button", "Ja, avbryt upphandlingen")
    expect(j.page.get_by_text("Annonsen avbröts.", exact=False)).to_be_visible()
    # The buyer's list of calls and the start page.
    j.visit("/market/manage/")
    expect(j.page.get_by_role("row").filter(has_text=meals.title)).to_contain_text("Avbruten")
    j.visit("/")
    expect(j.page.locator("li", has_text=meals.reference).first).to_contain_text("Avbruten")
    # The public market, filtered, and the supplier that applied.
    j.visit("/market/?status=cancelled")
    expect(j.page.get_by_role("row").filter(has_text=meals.title)).to_contain_text("Avbruten")
    j.visit("/market/")
    expect(j.page.get_by_role("row").filter(has_text=TITLE)).to_contain_text(
        "Ansökningstiden har gått ut"
    )
    j.as_person("ideburen")
    j.visit("/market/supplier/")
    applications = j.page.get_by_role("region", name="Våra ansökningar")
    expect(applications.locator("tr, li", has_text=meals.title).first).to_contain_text("Avbruten")


def test_a_lawful_call_a_foreign_supplier_and_a_cancellation(
    page, axe, demo_data, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.SITE_URL = SITE
    j = Journey(page=page, axe=axe, call=draft_call())
    officer_is_refused_a_too_short_period_and_fixes_it(j)
    officer_publishes_the_call(j)
    norwegian_supplier_registers_and_applies_with_its_espd(j)
    officer_qualifies_and_the_supplier_is_invited_by_email(j)
    supplier_tenders_and_gets_the_pdf_receipt(j)
    another_procurement_is_cancelled_and_says_so_everywhere(j)
