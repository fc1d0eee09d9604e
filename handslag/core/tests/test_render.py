from io import BytesIO

from docx import Document as DocxDocument
from openpyxl import load_workbook
from pypdf import PdfReader

from handslag.core.render import (
    Document,
    Facts,
    Heading,
    Paragraph,
    Table,
    document_response,
    to_docx,
    to_pdf,
    to_xlsx,
)


def _sample() -> Document:
    return Document(title="Behovsbeskrivning: Sophämtning", subtitle="Växjö kommun").add(
        Heading("Problem"),
        Paragraph("Kärlen töms efter datum, inte efter fyllnadsgrad."),
        Facts([("Målgrupp", "Hushåll"), ("Marknadskoll", "Ingen lösning finns")]),
        Table(["Indikator", "Utgångsläge", "Mål"], [["Transporter per månad", "1200", "800"]]),
    )


def test_docx_holds_every_block_as_text():
    doc = DocxDocument(BytesIO(to_docx(_sample())))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "Behovsbeskrivning: Sophämtning" in text
    assert "Kärlen töms efter datum, inte efter fyllnadsgrad." in text
    assert "Hushåll" in cells and "Transporter per månad" in cells and "800" in cells


def test_pdf_holds_the_text_with_swedish_letters():
    reader = PdfReader(BytesIO(to_pdf(_sample())))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Sophämtning" in text
    assert "Transporter per månad" in text


def test_xlsx_neutralises_formulas_and_keeps_numbers():
    content = to_xlsx([("Risker", ["Risk", "Sannolikhet"], [["=HYPERLINK(1)", 3]])])
    sheet = load_workbook(BytesIO(content)).active
    assert sheet["A2"].value == "'=HYPERLINK(1)"
    assert sheet["B2"].value == 3


def test_download_is_an_attachment():
    response = document_response(_sample(), "docx")
    assert response["Content-Disposition"].startswith(
        'attachment; filename="behovsbeskrivning-sophamtning.docx'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
