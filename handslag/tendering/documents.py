"""Generated documents of the tendering side: the opening record."""

import datetime as dt

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from handslag.audit.services import audit_anchor
from handslag.core.render import Document, Facts, Heading, Paragraph, Table
from handslag.market.models import Call
from handslag.tendering.audit_actions import TenderingAction
from handslag.tendering.models import NegotiationRound, TenderStatus
from handslag.tendering.selectors.opening import opening_record

STATUS_LABELS = dict(TenderStatus.choices)


def anchor_note() -> str:
    return _(
        "The audit log entry is the SHA-256 that chains this record into the audit log. "
        "A copy of this document kept elsewhere lets anyone check later that the log still "
        "holds it and was not cut short: manage.py audit_verify --expect followed by the hash."
    )


def when(value: str | None) -> str:
    if not value:
        return "–"
    return formats.date_format(
        timezone.localtime(dt.datetime.fromisoformat(value)), "DATETIME_FORMAT"
    )


def opening_record_document(*, call: Call, round_number: int = 1) -> Document:
    """The opening record (öppningsprotokoll): every tender, its time and hashes, who opened.

    Built from the same data as the audit entry written at the opening. Call it only after
    the opening; the view checks that.
    """
    record = opening_record(call=call, round_number=round_number)
    deadline = call.tender_deadline
    title = _("Opening record %(reference)s") % {"reference": call.reference}
    if round_number > 1:
        negotiation = NegotiationRound.objects.get(call=call, number=round_number)
        deadline = negotiation.deadline
        title = _("Opening record %(reference)s, negotiation round %(round)s") % {
            "reference": call.reference,
            "round": round_number,
        }
    document = Document(title=title, subtitle=call.title)
    document.add(
        Facts(
            [
                (_("Call"), f"{call.reference} {call.title}"),
                (_("Buyer"), call.project.organisation.name),
                (
                    _("Deadline for tenders"),
                    formats.date_format(timezone.localtime(deadline), "DATETIME_FORMAT")
                    if deadline
                    else "–",
                ),
                (_("Opened"), when(record["opened_at"])),
                (_("Tenders received"), str(len(record["tenders"]))),
                (
                    _("Audit log entry of the opening"),
                    audit_anchor(
                        target=call, action=TenderingAction.TENDER_OPEN, round=round_number
                    )
                    or "–",
                ),
            ]
        )
    )
    rows = []
    for position, tender in enumerate(record["tenders"], start=1):
        files = "; ".join(
            _("file %(n)s: %(size)s bytes, SHA-256 %(sha)s")
            % {"n": n, "size": f["size"], "sha": f["sha256"]}
            for n, f in enumerate(tender["files"], start=1)
        )
        rows.append(
            [
                str(position),
                tender["supplier"],
                str(tender["round"]),
                when(tender["submitted_at"]),
                tender["receipt"],
                tender["sha256"],
                files or _("no files"),
                str(STATUS_LABELS.get(tender["status"], tender["status"])),
            ]
        )
    document.add(Heading(_("Tenders"), 2))
    if rows:
        document.add(
            Table(
                [
                    _("No."),
                    _("Supplier"),
                    _("Round"),
                    _("Received"),
                    _("Receipt code"),
                    _("SHA-256 of the tender"),
                    _("Files"),
                    _("Status"),
                ],
                rows,
                caption=_("Tenders received, in the order they arrived"),
            )
        )
    else:
        document.add(Paragraph(_("No tenders were received.")))
    document.add(Heading(_("Opened by"), 2))
    document.add(
        Table(
            [_("Appointed official"), _("Confirmed")],
            [[c["official"], when(c["at"])] for c in record["confirmations"]],
            caption=_("The officials who confirmed the opening"),
        )
    )
    document.add(
        Paragraph(
            _(
                "Every tender was sealed with the call's key until both officials had confirmed "
                "the opening. Each SHA-256 is the fingerprint on the supplier's receipt; a "
                "supplier can compare it with its own. The same record is in the audit log."
            )
        ),
        Paragraph(anchor_note()),
    )
    return document
