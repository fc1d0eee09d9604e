"""The redacted tender as a document (PDF), built from the case's masks and decisions."""

from django.utils.translation import gettext as _

from handslag.core.render import Document, Facts, Heading, Paragraph, Table
from handslag.disclosure.models import Outcome
from handslag.disclosure.selectors import CaseView

OUTCOME_LABELS = dict(Outcome.choices)


def redacted_document(*, view: CaseView) -> Document:
    """The tender text with every masked passage replaced, and the decision on each file.

    A text that is refused is not shown at all; only the decision is.
    """
    case, tender = view.case, view.case.tender
    document = Document(
        title=_("Tender from %(supplier)s (redacted copy)") % {"supplier": tender.supplier.name},
        subtitle=f"{tender.call.reference} {tender.call.title}",
    )
    document.add(
        Facts(
            [
                (_("Receipt code"), tender.receipt),
                (
                    _("Decision on the tender text"),
                    str(OUTCOME_LABELS.get(case.text_outcome, _("Not decided yet"))),
                ),
                (_("Passages masked"), str(len(view.masked_passages))),
            ]
        ),
        Heading(_("Tender text"), 2),
    )
    if case.text_outcome == Outcome.REFUSE:
        document.add(Paragraph(_("The tender text is not released.")))
    else:
        document.add(Paragraph(view.redacted))
    if view.files:
        document.add(
            Heading(_("Files"), 2),
            Table(
                [_("No."), _("Decision"), _("Reasons")],
                [
                    [
                        str(n),
                        str(OUTCOME_LABELS.get(f["decision"].outcome, ""))
                        if f["decision"]
                        else _("Not decided yet"),
                        f["decision"].reason if f["decision"] else "",
                    ]
                    for n, f in enumerate(view.files, start=1)
                ],
                caption=_("The decision on each file of the tender"),
            ),
        )
    return document
