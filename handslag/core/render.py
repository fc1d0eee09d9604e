"""Generated documents: one structure, rendered as DOCX, PDF or XLSX.

Apps describe a document as a `Document` of blocks (headings, paragraphs, key–value
lists, tables) built from their own data; this module turns it into the file format.
So every export looks alike, and the text a test reads back is the text a person reads.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from io import BytesIO

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from handslag.core.validators import exportable_text


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Facts:
    """A list of label–value pairs (a definition list)."""

    rows: Sequence[tuple[str, str]]


@dataclass(frozen=True)
class Table:
    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    caption: str = ""


Block = Heading | Paragraph | Facts | Table


@dataclass
class Document:
    title: str
    subtitle: str = ""
    blocks: list[Block] = field(default_factory=list)
    language: str = "sv"

    def add(self, *blocks: Block) -> "Document":
        self.blocks.extend(blocks)
        return self

    @property
    def filename_stem(self) -> str:
        return slugify(self.title)[:80] or "document"


def to_docx(document: Document) -> bytes:
    from docx import Document as DocxDocument

    doc = DocxDocument()
    doc.core_properties.title = _text(document.title)
    doc.core_properties.language = document.language
    doc.add_heading(_text(document.title), level=0)
    if document.subtitle:
        doc.add_paragraph(_text(document.subtitle))
    for block in document.blocks:
        if isinstance(block, Heading):
            doc.add_heading(_text(block.text), level=min(max(block.level, 1), 4))
        elif isinstance(block, Paragraph):
            for part in _text(block.text).split("\n"):
                doc.add_paragraph(part)
        elif isinstance(block, Facts):
            table = doc.add_table(rows=0, cols=2)
            table.style = "Table Grid"
            for label, value in block.rows:
                cells = table.add_row().cells
                cells[0].text, cells[1].text = _text(label), _text(value)
        elif isinstance(block, Table):
            if block.caption:
                doc.add_paragraph(_text(block.caption))
            table = doc.add_table(rows=1, cols=len(block.header))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, block.header, strict=True):
                cell.text = _text(text)
            for row in block.rows:
                for cell, text in zip(table.add_row().cells, row, strict=True):
                    cell.text = _text(text)
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _text(value: object) -> str:
    # Word files are XML: a control character in someone's text must not break the export.
    return exportable_text(str(value))


def to_html(document: Document) -> str:
    return render_to_string(
        "core/document.html", {"document": document, "generated_at": timezone.now()}
    )


def to_pdf(document: Document) -> bytes:
    """A tagged, A4 PDF from the same HTML a browser would show."""
    from weasyprint import HTML

    return HTML(string=to_html(document)).write_pdf(pdf_variant="pdf/ua-1")


def to_xlsx(sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence[object]]]]) -> bytes:
    """Workbook with one sheet per (name, header, rows); header bold and frozen."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, header, rows in sheets:
        sheet = workbook.create_sheet(title=name[:31])
        sheet.append([exportable_text(str(text)) for text in header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for row in rows:
            sheet.append([_cell(value) for value in row])
        for column in sheet.columns:
            width = max(len(str(c.value or "")) for c in column)
            sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(value: object) -> object:
    if isinstance(value, str):
        value = exportable_text(value)  # openpyxl refuses control characters
    if hasattr(value, "tzinfo") and getattr(value, "tzinfo", None) is not None:
        return timezone.localtime(value).replace(tzinfo=None)  # Excel has no time zones
    if isinstance(value, str) and value[:1] in {"=", "+", "-", "@"}:
        return "'" + value  # never let user text become a formula
    return value


CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def file_response(content: bytes, *, filename: str, kind: str) -> HttpResponse:
    """A download that is never rendered by the browser as a page of ours."""
    response = HttpResponse(content, content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{kind}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def document_response(document: Document, kind: str) -> HttpResponse:
    if kind == "docx":
        return file_response(to_docx(document), filename=document.filename_stem, kind="docx")
    if kind == "pdf":
        return file_response(to_pdf(document), filename=document.filename_stem, kind="pdf")
    raise ValueError(f"Unknown document kind {kind!r}")
