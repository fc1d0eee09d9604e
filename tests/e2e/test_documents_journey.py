"""A project team member uploads an attachment (a refused file first), generates the
procurement documents as DOCX and PDF and opens them, then adapts the organisation's
template in the library (a field that does not exist is refused first).

Every page visited is checked with axe-core (and for Content-Security-Policy errors).
"""

from io import BytesIO

import pytest
from docx import Document as DocxDocument
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "secret-pass-123"


def _downloaded(page, link_name: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    return open(info.value.path(), "rb").read()


def test_attachments_generated_documents_and_templates(page, axe, settings, tmp_path):
    from handslag.documents.tests.factories import EXE, Team, minimal_pdf

    settings.MEDIA_ROOT = tmp_path / "media"

    team = Team()
    need = team.project.needs.first()
    need.problem = "Kärlen töms efter datum, inte efter fyllnadsgrad."
    need.save()
    sign_in(page, team.lead.username, PASSWORD)

    page.goto(f"/documents/projects/{team.project.pk}/")
    expect(page.get_by_role("heading", level=1, name="Dokument")).to_be_visible()
    expect(page.get_by_text("Inga bilagor ännu.")).to_be_visible()
    axe(page)

    # An executable called a PDF is refused, with the reason in Swedish.
    page.get_by_label("Fil").set_input_files(
        files=[{"name": "rapport.pdf", "mimeType": "application/pdf", "buffer": EXE}]
    )
    page.get_by_role("button", name="Ladda upp", exact=True).click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_text("tas inte emot").first).to_be_visible()
    axe(page)

    page.get_by_label("Fil").set_input_files(
        files=[
            {
                "name": "Marknadsanalys.pdf",
                "mimeType": "application/pdf",
                "buffer": minimal_pdf("Marknadsanalys"),
            }
        ]
    )
    page.get_by_label("Beskrivning").fill("Sammanställning av RFI-svaren")
    page.get_by_role("button", name="Ladda upp", exact=True).click()
    expect(page.get_by_text("Kontrollsumma (SHA-256)")).to_be_visible()
    page.get_by_role("link", name="Marknadsanalys.pdf", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Marknadsanalys.pdf")).to_be_visible()
    expect(
        page.get_by_role("link", name="Ladda ned Marknadsanalys.pdf (version 1)")
    ).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Dokument", exact=True).click()
    axe(page)

    # Generate the procurement documents as DOCX and as PDF and read them back.
    for fmt in ("DOCX", "PDF"):
        page.get_by_label("Dokument", exact=True).select_option(label="Upphandlingsdokument")
        page.get_by_label("Format").select_option(label=fmt)
        page.get_by_role("button", name="Skapa").click()
        expect(page.get_by_text(f"skapades som version 1 ({fmt})")).to_be_visible()
    axe(page)
    title = f"Upphandlingsdokument: {team.project.title}"
    docx = _downloaded(page, f"Ladda ned {title} (DOCX)")
    text = "\n".join(p.text for p in DocxDocument(BytesIO(docx)).paragraphs)
    assert title in text and "fyllnadsgrad" in text
    assert "Avtalsvillkor: riskdelning" in text
    pdf = _downloaded(page, f"Ladda ned {title} (PDF)")
    pdf_text = " ".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages)
    assert "Upphandlingsdokument" in pdf_text

    page.get_by_role("link", name="Alla skapade versioner").click()
    expect(page.get_by_role("heading", level=1, name="Skapade dokument")).to_be_visible()
    axe(page)

    # The template library: copy the need statement template and adapt it.
    page.goto("/documents/templates/")
    expect(page.get_by_role("heading", level=1, name="Mallbibliotek")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Upphandlingsdokument").click()
    expect(page.get_by_text("{{ contract.ip_terms }}").first).to_be_visible()
    axe(page)
    page.go_back()
    page.get_by_label("Mall", exact=True).select_option(label="Behovsbeskrivning")
    page.get_by_role("button", name="Kopiera mallen").click()
    expect(page.get_by_role("heading", level=1, name="Redigera mallen")).to_be_visible()
    axe(page)
    page.get_by_label("Avsnitt").fill("## Problemet\n{{ need.colour }}")
    page.get_by_role("button", name="Spara en ny version").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_text("Fältet ”need.colour” finns inte.").first).to_be_visible()
    axe(page)
    page.get_by_label("Avsnitt").fill("## Problemet i korthet\n{{ need.problem }}")
    page.get_by_label("Vad som ändrades").fill("Kortare behovsbeskrivning")
    page.get_by_role("button", name="Spara en ny version").click()
    expect(page.get_by_text("Version 2 av mallen sparades.")).to_be_visible()
    axe(page)
