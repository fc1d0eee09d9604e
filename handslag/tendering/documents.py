"""Generated documents of the tendering side: the opening record and the tender receipt."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from handslag.audit.services import audit_anchor
from handslag.core.render import Document, Facts, Heading, Paragraph, Table, to_pdf
from handslag.market.models import Call
from handslag.tendering.audit_actions import TenderingAction
from handslag.tendering.gateway import receipt_file_names
from handslag.tendering.models import NegotiationRound, Tender, TenderStatus
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


# Legal time limits and receipts are stated in Swedish time, whoever reads them and where.
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def stockholm_time(value: dt.datetime) -> str:
    return formats.date_format(value.astimezone(STOCKHOLM), "DATETIME_FORMAT")


def receipt_document(*, tender: Tender) -> Document:
    """The receipt (kvitto) of a submitted tender: the call, when it arrived (Swedish
    time), its fingerprint and every file's name, size and SHA-256.

    The file names are the tender's content (sealed until the opening): give the document
    only to the tender's own supplier (permissions.access_supplier_tender, or e-mail to the
    supplier's people)."""
    call = tender.call
    document = Document(
        title=_("Receipt for tender %(reference)s") % {"reference": call.reference},
        subtitle=call.title,
    )
    document.add(
        Facts(
            [
                (_("Call"), f"{call.reference} {call.title}"),
                (_("Buyer"), call.project.organisation.name),
                (_("Supplier"), tender.supplier.name),
                (_("Submitted by"), str(tender.submitted_by)),
                (
                    _("Received"),
                    _("%(time)s (Swedish time)") % {"time": stockholm_time(tender.submitted_at)},
                ),
                (_("Round"), str(tender.round)),
                (_("Receipt code"), tender.receipt),
                (_("SHA-256 of the tender"), tender.content_sha256),
                (_("Status"), str(tender.get_status_display())),
            ]
        )
    )
    files = receipt_file_names(tender=tender)
    document.add(Heading(_("Files received with the tender"), 2))
    if files:
        document.add(
            Table(
                [_("No."), _("File"), _("Size (bytes)"), _("SHA-256")],
                [
                    [str(n), f.name, str(f.record.size), f.record.sha256]
                    for n, f in enumerate(files, start=1)
                ],
                caption=_("Files in the order they were attached"),
            )
        )
    else:
        document.add(Paragraph(_("No files were sent with the tender.")))
    document.add(
        Paragraph(
            _(
                "The SHA-256 is a fingerprint of exactly what was submitted. Compare each "
                "file's SHA-256 with your own copy to check what arrived; the tender's "
                "SHA-256 will appear in the opening record, so you can check that your "
                "tender was opened unchanged. The tender and its file names are sealed "
                "until the opening."
            )
        )
    )
    return document


def receipt_pdf(tender: Tender) -> bytes:
    """The tender's receipt as a PDF, for its own supplier only (see receipt_document):
    downloaded from the receipt page and the API, and attached to the receipt e-mail."""
    return to_pdf(receipt_document(tender=tender))
