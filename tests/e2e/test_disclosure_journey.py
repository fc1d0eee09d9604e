"""A supplier marks a passage of its sealed tender as confidential (a passage not in the
tender is refused first); after the award the procurement officer registers a request
for the tenders, masks the claimed passage, decides and sends the decision; the requester
opens the link and downloads the redacted tender.

Every page visited is checked with axe-core (and for Content-Security-Policy errors).
"""

import re
from io import BytesIO

import pytest
from django.core import mail
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.conftest import sign_in, sign_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "secret-pass-123"


def test_claim_request_redaction_and_requester_link(page, axe, settings, tmp_path):
    from handslag.disclosure.tests.factories import PASSAGE, DisclosureScenario

    settings.MEDIA_ROOT = tmp_path / "media"
    s = DisclosureScenario()

    # The supplier, before the deadline.
    sign_in(page, s.supplier_a.username, PASSWORD)
    page.goto(f"/disclosure/tenders/{s.tender_a.public_id}/claims/")
    expect(page.get_by_role("heading", level=1, name="Sekretessanspråk")).to_be_visible()
    expect(page.get_by_text("Inga stycken eller filer är markerade")).to_be_visible()
    axe(page)
    page.get_by_label("Avsnitt").fill("Detta står inte i anbudet.")
    page.get_by_label("Varför det är konfidentiellt").first.fill("Prisuppgift.")
    page.get_by_role("button", name="Markera som konfidentiellt").first.click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_text("Avsnittet finns inte i ert anbud").first).to_be_visible()
    axe(page)
    page.get_by_label("Avsnitt").fill(PASSAGE)
    page.get_by_label("Varför det är konfidentiellt").first.fill("Prisuppgift.")
    page.get_by_role("button", name="Markera som konfidentiellt").first.click()
    expect(page.get_by_text("Avsnittet är markerat som konfidentiellt.")).to_be_visible()
    axe(page)
    sign_out(page)

    s.award()

    # The procurement officer handles the request.
    sign_in(page, s.officer.username, PASSWORD)
    page.goto(f"/disclosure/calls/{s.call.pk}/requests/")
    expect(page.get_by_text("Inga begäranden om handlingar har registrerats")).to_be_visible()
    axe(page)
    page.get_by_label("Sökandens namn").fill("Journalist Jönsson")
    page.get_by_label("Sökandens e-post").fill("jonsson@example.org")
    page.get_by_label("Vad som begärs").fill("Det vinnande anbudet.")
    page.get_by_label("Inkommen").fill(__import__("datetime").date.today().isoformat())
    page.get_by_label(re.compile(s.tender_a.receipt)).check()
    page.get_by_role("button", name="Registrera begäran").click()
    expect(
        page.get_by_role("heading", level=1, name="Begäran från Journalist Jönsson")
    ).to_be_visible()
    axe(page)
    page.get_by_role("link", name=s.tender_a.supplier.name).click()
    expect(page.get_by_text(PASSAGE).first).to_be_visible()
    axe(page)
    page.get_by_label("Maskera", exact=True).check()
    page.get_by_label("Motivering", exact=True).first.fill("Skulle skada leverantören.")
    page.get_by_role("button", name="Spara ställningstagandet").click()
    expect(page.get_by_text("Ställningstagandet sparades.")).to_be_visible()
    expect(page.get_by_text("[Maskerat enligt OSL 31 kap. 16 §]").first).to_be_visible()
    axe(page)
    decision = page.get_by_role("group", name="Beslut om anbudstexten")
    decision.get_by_label("Lämna ut maskerat").check()
    page.get_by_label(re.compile(r"^Skäl\s+\(frivilligt\)$")).fill(
        "Uppgifterna omfattas av sekretess."
    )
    page.get_by_role("group", name="Beslut om bilaga.pdf").get_by_label(
        "Lämna ut", exact=True
    ).check()
    page.get_by_role("button", name="Registrera beslutet").click()
    expect(page.get_by_text("Beslutet om anbudet registrerades.")).to_be_visible()
    page.get_by_role("button", name="Fatta beslutet och skicka det").click()
    expect(page.get_by_text("Beslutet fattades och skickades till sökanden.")).to_be_visible()
    axe(page)
    sign_out(page)

    # The requester, with the link from the e-mail and nobody signed in.
    link = re.search(r"/disclosure/r/[^/\s]+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    expect(page.get_by_role("heading", level=1, name="Utlämnade handlingar")).to_be_visible()
    expect(page.get_by_text("kammarrätten")).to_be_visible()
    axe(page)
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile("Anbud från .* \\(PDF\\)")).click()
    content = open(info.value.path(), "rb").read()  # noqa: SIM115
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(content)).pages)
    assert "Maskerat enligt OSL 31 kap. 16" in text and "Timpriset" not in text
