"""The need statement as a document (DOCX/PDF): every field and every expected effect."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from handslag.core.formats import number_style
from handslag.core.render import Document, Facts, Heading, Paragraph, Table
from handslag.needs.models import NeedStatement
from handslag.needs.selectors import market_check_advice, need_completeness
from handslag.rules.numbers import format_number


def _number(value: object) -> str:
    return format_number(value, style=number_style(), grouped=True)


def need_document(need: NeedStatement) -> Document:
    completeness = need_completeness(need)
    doc = Document(
        title=need.title,
        subtitle=_("Need statement · %(organisation)s") % {"organisation": need.organisation.name},
        language=(get_language() or "sv")[:2],
    )
    doc.add(
        Facts(
            [
                (_("Organisation"), need.organisation.name),
                (_("Challenge"), need.challenge.title if need.challenge else "–"),
                (_("Completeness"), f"{completeness.percent} %"),
                (_("Visibility"), str(need.get_visibility_display())),
            ]
        )
    )
    sections = [
        (_("Problem"), need.problem),
        (_("Target group"), need.target_group),
        (_("Stakeholders"), need.stakeholders),
        (_("Functional requirements"), need.functional_requirements),
        (_("Constraints"), need.constraints),
        (_("Links to strategies and goals"), need.strategy_links),
    ]
    for label, text in sections:
        doc.add(Heading(label, level=1), Paragraph(text or "–"))
    effects = list(need.effects.all())
    doc.add(Heading(_("Expected effects"), level=1))
    if effects:
        doc.add(
            Table(
                header=[
                    _("Expected effect"),
                    _("Indicator"),
                    _("Unit"),
                    _("Baseline"),
                    _("Target"),
                    _("How it is measured"),
                    _("How often it is measured"),
                ],
                rows=[
                    [
                        e.description,
                        e.indicator,
                        e.unit,
                        _number(e.baseline.normalize()),
                        _number(e.target.normalize()),
                        e.measurement_method or "–",
                        e.measurement_frequency or "–",
                    ]
                    for e in effects
                ],
                caption=_("Expected effects and their indicators"),
            )
        )
    else:
        doc.add(Paragraph(_("No expected effects yet.")))
    doc.add(
        Heading(_("Market check"), level=1),
        Paragraph(str(need.get_market_check_display())),
    )
    if need.market_check_notes:
        doc.add(Paragraph(need.market_check_notes))
    advice = market_check_advice(need)
    if advice:
        doc.add(Paragraph(advice))
    if completeness.missing:
        doc.add(
            Heading(_("Still missing"), level=1),
            Paragraph("\n".join(completeness.missing)),
        )
    return doc
