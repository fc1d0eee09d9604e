"""The documents of the disclosure workflow (PDF): the decision on a request, and the
redacted tender built from the case's masks and decisions."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from handslag.core.render import Document, Facts, Heading, Paragraph, Table
from handslag.disclosure.models import DocumentRequest, Outcome
from handslag.disclosure.selectors import CaseView

OUTCOME_LABELS = dict(Outcome.choices)


def _person(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def decision_document(*, request: DocumentRequest) -> Document:
    """The decided request as the decision document the requester gets: the facts of the
    request and the decision's text with its appeal notice.

    For a request refused before the award it is made of the request and the call only,
    like the decision's text, so it says nothing about any tender.
    """
    call = request.call
    document = Document(
        title=_("Decision on a request for public documents"),
        subtitle=f"{call.project.organisation.name} · {call.reference} {call.title}",
    )
    decided_at = timezone.localtime(request.decided_at) if request.decided_at else None
    document.add(
        Facts(
            [
                (_("Requester"), request.requester_name),
                (_("Received"), formats.date_format(request.received_on)),
                (_("What is asked for"), request.subject),
                (
                    _("Decided"),
                    formats.date_format(decided_at, "DATETIME_FORMAT") if decided_at else "",
                ),
                (_("Decided by"), _person(request.decided_by)),
            ]
        ),
        Heading(_("Decision"), 2),
        *(Paragraph(part) for part in request.decision_text.split("\n\n") if part.strip()),
    )
    return document


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
