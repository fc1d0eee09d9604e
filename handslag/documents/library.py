"""The template library: shipped document templates and the placeholders they may use.

A template is a title and a list of sections (heading and body). Text refers to the
project's data by placeholders such as ``{{ need.problem }}``. Substitution is one pass of
a regular expression over the template text: the values inserted are never read again,
so text typed into a need or a contract can never act as a placeholder or as template
code. The Django template engine is deliberately not used on text people edit.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handslag.core.render import Block, Document, Heading, Paragraph, Table
from handslag.documents.models import DocumentKind

PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
MAX_SECTIONS = 60
MAX_HEADING = 200
MAX_BODY = 10000
MAX_TITLE = 300


@dataclass(frozen=True)
class TableValue:
    """A field whose value is a table; written inline it becomes one line per row."""

    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    empty: str = ""

    def as_text(self) -> str:
        if not self.rows:
            return self.empty
        return "\n".join(" – ".join(str(cell) for cell in row if cell) for row in self.rows)


FieldValue = str | TableValue

# Every field a template may refer to, with a short description for the editor's help.
FIELDS: dict[str, str] = {
    "project.title": gettext_lazy("The project's title"),
    "project.summary": gettext_lazy("The project's summary"),
    "project.buyers": gettext_lazy("The buyer organisations"),
    "project.procedure": gettext_lazy("The procedure template the project follows"),
    "project.position": gettext_lazy("Where the project stands, in one sentence"),
    "project.next_decision": gettext_lazy("The next decision"),
    "project.status": gettext_lazy("Active, stopped or completed"),
    "stages.table": gettext_lazy("The stages with planned and actual dates (table)"),
    "need.title": gettext_lazy("The need statement's title"),
    "need.problem": gettext_lazy("The problem"),
    "need.target_group": gettext_lazy("The target group"),
    "need.stakeholders": gettext_lazy("The stakeholders"),
    "need.functional_requirements": gettext_lazy("Functional requirements"),
    "need.constraints": gettext_lazy("Constraints"),
    "need.strategy_links": gettext_lazy("Links to strategies and goals"),
    "need.market_check": gettext_lazy("What the market check found"),
    "effects.table": gettext_lazy("Expected effects with indicator, baseline and target (table)"),
    "call.reference": gettext_lazy("The call's reference number"),
    "call.summary": gettext_lazy("What the call wants to achieve"),
    "call.partnership": gettext_lazy("How the partnership works"),
    "call.procedure": gettext_lazy("The legal procedure"),
    "call.selection_criteria": gettext_lazy("Selection criteria"),
    "call.timetable": gettext_lazy("Timetable"),
    "call.max_partners": gettext_lazy("Maximum number of partners"),
    "criteria.table": gettext_lazy("Award criteria with weights (table)"),
    "contract.supplier": gettext_lazy("The partner supplier"),
    "contract.ip_terms": gettext_lazy("Intellectual property terms"),
    "contract.risk_sharing": gettext_lazy("Risk sharing"),
    "contract.acquisition_terms": gettext_lazy("Terms for purchasing the result"),
    "contract.maintenance_terms": gettext_lazy("Maintenance and service terms"),
    "contract.phases": gettext_lazy("The partnership's phases (table)"),
    "benefit.summary": gettext_lazy("The benefit figure (net present value, benefit–cost ratio)"),
    "risks.table": gettext_lazy("The highest risks (table)"),
    "today": gettext_lazy("Today's date"),
}


@dataclass(frozen=True)
class ShippedTemplate:
    kind: str
    version: int
    title: str
    sections: Sequence[tuple[str, str]] = field(default_factory=tuple)

    def resolved(self) -> tuple[str, list[dict[str, str]]]:
        """Title and sections in the active language."""
        return str(self.title), [
            {"heading": str(heading), "body": str(body)} for heading, body in self.sections
        ]


# The shipped texts are translated when they are used, not when loaded.
SHIPPED: dict[str, ShippedTemplate] = {
    DocumentKind.NEED_STATEMENT: ShippedTemplate(
        kind=DocumentKind.NEED_STATEMENT,
        version=1,
        title=gettext_lazy("Need statement: {{ need.title }}"),
        sections=(
            (gettext_lazy("Buyer"), "{{ project.buyers }}"),
            (gettext_lazy("The problem"), "{{ need.problem }}"),
            (gettext_lazy("Target group"), "{{ need.target_group }}"),
            (gettext_lazy("Stakeholders"), "{{ need.stakeholders }}"),
            (gettext_lazy("Expected effects"), "{{ effects.table }}"),
            (gettext_lazy("Functional requirements"), "{{ need.functional_requirements }}"),
            (gettext_lazy("Constraints"), "{{ need.constraints }}"),
            (gettext_lazy("Links to strategies and goals"), "{{ need.strategy_links }}"),
            (gettext_lazy("What the market offers today"), "{{ need.market_check }}"),
        ),
    ),
    DocumentKind.PROCUREMENT: ShippedTemplate(
        kind=DocumentKind.PROCUREMENT,
        version=1,
        title=gettext_lazy("Procurement documents: {{ project.title }}"),
        sections=(
            (
                gettext_lazy("About the procurement"),
                gettext_lazy(
                    "Contracting authority: {{ project.buyers }}\n"
                    "Procedure: {{ call.procedure }}\n"
                    "Reference number: {{ call.reference }}\n"
                    "Maximum number of partners: {{ call.max_partners }}"
                ),
            ),
            (gettext_lazy("The need"), "{{ need.problem }}"),
            (gettext_lazy("What we want to achieve"), "{{ call.summary }}"),
            (gettext_lazy("Target group"), "{{ need.target_group }}"),
            (gettext_lazy("Expected effects"), "{{ effects.table }}"),
            (
                gettext_lazy("How the partnership works"),
                gettext_lazy(
                    "{{ call.partnership }}\n"
                    "The partnership runs in phases, each with an intermediate target. After "
                    "each phase the buyer decides, on the targets reached, whether to go on. "
                    "The effects above are what the solution is judged by, not a fixed "
                    "specification."
                ),
            ),
            (gettext_lazy("Selection criteria"), "{{ call.selection_criteria }}"),
            (gettext_lazy("Award criteria"), "{{ criteria.table }}"),
            (gettext_lazy("Timetable"), "{{ call.timetable }}"),
            (
                gettext_lazy("Contract terms: intellectual property"),
                gettext_lazy(
                    "{{ contract.ip_terms }}\n"
                    "Who owns the results developed in the partnership, and which rights of "
                    "use the buyer gets, is set out here before tenders are submitted."
                ),
            ),
            (
                gettext_lazy("Contract terms: risk sharing"),
                gettext_lazy(
                    "{{ contract.risk_sharing }}\n"
                    "How the development risk is shared between the buyer and the partner, "
                    "phase by phase, including what is paid if a phase ends early."
                ),
            ),
            (
                gettext_lazy("Contract terms: purchase of the result"),
                gettext_lazy(
                    "{{ contract.acquisition_terms }}\n"
                    "Volumes and prices for buying the finished solution are agreed in "
                    "these documents, before the partnership starts."
                ),
            ),
            (
                gettext_lazy("Contract terms: maintenance and service"),
                gettext_lazy(
                    "{{ contract.maintenance_terms }}\n"
                    "Maintenance, support and further development are agreed up front."
                ),
            ),
        ),
    ),
    DocumentKind.LEADERSHIP_REPORT: ShippedTemplate(
        kind=DocumentKind.LEADERSHIP_REPORT,
        version=1,
        title=gettext_lazy("Leadership report: {{ project.title }}"),
        sections=(
            (gettext_lazy("Date"), "{{ today }}"),
            (gettext_lazy("Where the project stands"), "{{ project.position }}"),
            (gettext_lazy("Stages"), "{{ stages.table }}"),
            (gettext_lazy("Expected effects"), "{{ effects.table }}"),
            (gettext_lazy("Benefit"), "{{ benefit.summary }}"),
            (gettext_lazy("Highest risks"), "{{ risks.table }}"),
            (gettext_lazy("Next decision"), "{{ project.next_decision }}"),
        ),
    ),
}


def shipped(kind: str) -> ShippedTemplate:
    return SHIPPED[kind]


def unknown_fields(text: str) -> list[str]:
    return [
        m.group(1).strip() for m in PLACEHOLDER.finditer(text) if m.group(1).strip() not in FIELDS
    ]


def _placeholder_errors(text: str) -> list[str]:
    errors = [
        _("The field “%(name)s” does not exist.") % {"name": name or "{{ }}"}
        for name in unknown_fields(text)
    ]
    rest = PLACEHOLDER.sub("", text)
    if "{{" in rest or "}}" in rest:
        errors.append(_("A placeholder is not closed: write it as {{ need.problem }}."))
    return errors


def validate_template(*, title: str, sections: object) -> list[dict[str, str]]:
    """The template's sections, cleaned; ValidationError when a placeholder is unknown."""
    errors: dict[str, list[str]] = {}
    title = (title or "").strip()
    if not title:
        errors.setdefault("title", []).append(_("Give the document a title."))
    elif len(title) > MAX_TITLE:
        errors.setdefault("title", []).append(
            _("The title can be at most %(max)d characters.") % {"max": MAX_TITLE}
        )
    errors_title = _placeholder_errors(title)
    if errors_title:
        errors.setdefault("title", []).extend(errors_title)
    cleaned: list[dict[str, str]] = []
    if not isinstance(sections, list) or not all(isinstance(s, Mapping) for s in sections):
        errors.setdefault("sections", []).append(
            _("The sections must be a list of headings with text.")
        )
        sections = []
    if isinstance(sections, list) and not sections and "sections" not in errors:
        errors.setdefault("sections", []).append(_("Add at least one section."))
    if len(sections) > MAX_SECTIONS:
        errors.setdefault("sections", []).append(
            _("A template can have at most %(max)d sections.") % {"max": MAX_SECTIONS}
        )
    for number, section in enumerate(sections, start=1):
        heading = str(section.get("heading") or "").strip()
        body = str(section.get("body") or "").strip()
        problems = []
        if not heading:
            problems.append(_("Section %(n)d has no heading.") % {"n": number})
        if len(heading) > MAX_HEADING or len(body) > MAX_BODY:
            problems.append(_("Section %(n)d is too long.") % {"n": number})
        for problem in _placeholder_errors(heading) + _placeholder_errors(body):
            problems.append(_("Section %(n)d: %(problem)s") % {"n": number, "problem": problem})
        if problems:
            errors.setdefault("sections", []).extend(problems)
        cleaned.append({"heading": heading, "body": body})
    texts = [title] + [s["heading"] + s["body"] for s in cleaned]
    if any(unknown_fields(text) for text in texts):
        errors.setdefault("sections", []).append(
            _("Fields you can use: %(fields)s.") % {"fields": ", ".join(FIELDS)}
        )
    if errors:
        raise ValidationError(errors)
    return cleaned


def sections_from_text(text: str) -> list[dict[str, str]]:
    """Parse the editor's text: a line starting with "## " begins a section."""
    sections: list[dict[str, str]] = []
    preamble: list[str] = []
    for line in (text or "").replace("\r\n", "\n").split("\n"):
        if line.startswith("## "):
            sections.append({"heading": line[3:].strip(), "body": ""})
        elif sections:
            sections[-1]["body"] += line + "\n"
        elif line.strip():
            preamble.append(line)
    if preamble:
        sections.insert(0, {"heading": "", "body": "\n".join(preamble)})
    return [{"heading": s["heading"], "body": s["body"].strip()} for s in sections]


def sections_to_text(sections: Sequence[Mapping[str, str]]) -> str:
    return "\n\n".join(f"## {s['heading']}\n{s['body']}".rstrip() for s in sections)


def _substitute(text: str, values: Mapping[str, FieldValue], missing: str) -> str:
    def replace(match: re.Match) -> str:
        value = values.get(match.group(1).strip(), "")
        if isinstance(value, TableValue):
            value = value.as_text()
        return str(value).strip() or missing

    return PLACEHOLDER.sub(replace, text)


def _is_empty(name: str, values: Mapping[str, FieldValue]) -> bool:
    value = values.get(name, "")
    return not (value.as_text() if isinstance(value, TableValue) else str(value)).strip()


def _fill_body(body: str, values: Mapping[str, FieldValue], missing: str) -> str:
    """Fill a section's text. A line that is only empty fields is left out when the section
    has other text, so fixed guidance does not sit under a "not decided yet"."""
    lines = body.split("\n")
    kept = []
    for line in lines:
        names = [m.group(1).strip() for m in PLACEHOLDER.finditer(line)]
        only_fields = names and not PLACEHOLDER.sub("", line).strip()
        if only_fields and len(lines) > 1 and all(_is_empty(n, values) for n in names):
            continue
        kept.append(_substitute(line, values, missing))
    return "\n".join(kept).strip() or missing


def build_document(
    *,
    title: str,
    subtitle: str,
    sections: Sequence[Mapping[str, str]],
    values: Mapping[str, FieldValue],
) -> Document:
    """The document for these sections, with every placeholder filled from `values`."""
    missing = _("(not decided yet)")
    document = Document(title=_substitute(title, values, missing), subtitle=subtitle)
    for section in sections:
        blocks: list[Block] = [Heading(_substitute(section["heading"], values, missing))]
        body = section.get("body", "").strip()
        only = PLACEHOLDER.fullmatch(body)
        value = values.get(only.group(1).strip()) if only else None
        if isinstance(value, TableValue):
            if value.rows:
                blocks.append(Table(value.header, value.rows))
            else:
                blocks.append(Paragraph(value.empty or missing))
        elif body:
            blocks.append(Paragraph(_fill_body(body, values, missing)))
        document.add(*blocks)
    return document
