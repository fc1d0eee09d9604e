"""A journalist asks for the tenders before the award: the procurement officer registers
the request, which names no tender, refuses it under OSL 19 kap. 3 § andra stycket and
the journalist gets the decision, with the appeal notice, by e-mail; the decision document
is a PDF.

Every page visited is checked with axe-core (and for Content-Security-Policy errors).
"""

import datetime as dt
from io import BytesIO

import pytest
from django.core import mail
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "secret-pass-123"


def test_request_before_award_is_registered_and_refused(page, axe, settings, tmp_path):
    from handslag.disclosure.tests.factories import DisclosureScenario

    settings.MEDIA_ROOT = tmp_path / "media"
    s = DisclosureScenario()
    s.open()

    sign_in(page, s.officer.username, PASSWORD)
    page.goto(f"/disclosure/calls/{s.call.pk}/requests/")
    expect(page.get_by_text("begäran registreras och avslås")).to_be_visible()
    # The tenders are not offered: the request names none.
    expect(page.get_by_text(s.tender_a.receipt)).to_have_count(0)
    axe(page)
    page.get_by_label("Sökandens namn").fill("Journalist Jönsson")
    page.get_by_label("Sökandens e-post").fill("jonsson@example.org")
    page.get_by_label("Vad som begärs").fill("Alla anbud i upphandlingen.")
    page.get_by_label("Inkommen").fill(dt.date.today().isoformat())
    page.get_by_role("button", name="Registrera begäran").click()
    expect(
        page.get_by_role("heading", level=1, name="Begäran från Journalist Jönsson")
    ).to_be_visible()
    expect(page.get_by_text("19 kap. 3 § andra stycket").first).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Avslå begäran och skicka beslutet").click()
    expect(page.get_by_text("Begäran avslogs. Beslutet är registrerat.")).to_be_visible()
    expect(page.get_by_text("Beslutet skickades till sökanden med e-post.")).to_be_visible()
    axe(page)

    sent = mail.outbox[-1]
    assert sent.to == ["jonsson@example.org"]
    assert "kammarrätten" in sent.body and "19 kap. 3 § andra stycket" in sent.body
    assert s.tender_a.receipt not in sent.body and s.tender_b.receipt not in sent.body

    with page.expect_download() as info:
        page.get_by_role("link", name="Beslutsdokumentet (PDF)").click()
    content = open(info.value.path(), "rb").read()  # noqa: SIM115
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(content)).pages)
    assert "kammarrätten" in text and "tre veckor" in text
