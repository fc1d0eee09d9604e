"""Generated documents of the tendering side: the opening record."""

import datetime as dt

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from handslag.audit.services import audit_anchor
from handslag.core.render import Document, Facts, Heading, Paragraph, Table
from handslag.market.models import Call
from handslag.tendering import evaluation
from handslag.tendering.matrix import measure_label
from handslag.tendering.models import Award, NegotiationRound, Score, Tender, TenderStatus
from handslag.tendering.services import opening_record

STATUS_LABELS = dict(TenderStatus.choices)


def _anchor_note() -> str:
    return _(
        "The audit log entry is the SHA-256 that chains this record into the audit log. "
        "A copy of this document kept elsewhere lets anyone check later that the log still "
        "holds it and was not cut short: manage.py audit_verify --expect followed by the hash."
    )


def _when(value: str | None) -> str:
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
                (_("Opened"), _when(record["opened_at"])),
                (_("Tenders received"), str(len(record["tenders"]))),
                (
                    _("Audit log entry of the opening"),
                    audit_anchor(target=call, action="tender.open", round=round_number) or "–",
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
                _when(tender["submitted_at"]),
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
            [[c["official"], _when(c["at"])] for c in record["confirmations"]],
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
        Paragraph(_anchor_note()),
    )
    return document


def award_document(*, call: Call, for_tender: Tender | None = None) -> Document:
    """The award decision (tilldelningsbeslut) with its reasons and external justifications.

    The team's version holds every tender's external justifications; a tenderer's version
    (`for_tender`) holds the decision, the ranking and its own tender's justifications.
    Call it only once the decision is made; the views check that.
    """
    award = Award.objects.select_related("tender__supplier", "decided_by").get(call=call)
    document = Document(
        title=_("Award decision %(reference)s") % {"reference": call.reference},
        subtitle=call.title,
    )
    document.add(
        Facts(
            [
                (_("Buyer"), call.project.organisation.name),
                (_("Awarded to"), award.tender.supplier.name),
                (
                    _("Decided"),
                    formats.date_format(timezone.localtime(award.decided_at), "DATETIME_FORMAT"),
                ),
                (_("Decided by"), str(award.decided_by)),
                (_("Award notice sent"), formats.date_format(award.notice_sent_on)),
                (
                    _("Standstill period ends"),
                    formats.date_format(award.standstill_end)
                    + " "
                    + _("(the contract can be signed from the next day)"),
                ),
                (
                    _("Audit log entry of the decision"),
                    audit_anchor(target=award, action="tender.award") or "–",
                ),
            ]
        ),
        Heading(_("Reasons for the decision"), 2),
        Paragraph(award.justification),
    )
    evaluated = evaluation.evaluate_call(call=call)
    ranking = evaluated.rows
    document.add(
        Heading(_("Ranking"), 2),
        Table(
            [
                _("Rank"),
                _("Tenderer"),
                measure_label(evaluated.kind) if evaluated.kind else _("Points (of 100)"),
            ],
            [[str(r.rank), r.tender.supplier.name, str(r.points)] for r in ranking],
            caption=_("Tenders by the call's evaluation model")
            if evaluated.kind
            else _("Tenders by weighted consensus points"),
        ),
    )
    tenders = [for_tender] if for_tender is not None else [r.tender for r in ranking]
    for tender in tenders:
        scores = (
            Score.objects.filter(tender=tender, is_consensus=True)
            .select_related("criterion")
            .order_by("criterion__order", "criterion__pk")
        )
        document.add(
            Heading(
                _("Evaluation of the tender from %(supplier)s")
                % {"supplier": tender.supplier.name},
                2,
            ),
            Table(
                [_("Criterion"), _("Weight (%)"), _("Score (0–5)"), _("Justification")],
                [
                    [
                        s.criterion.name,
                        str(s.criterion.weight),
                        str(s.score),
                        s.external_justification,
                    ]
                    for s in scores
                ],
                caption=_("Consensus scores with their justifications"),
            ),
        )
    document.add(
        Paragraph(
            _(
                "A tenderer who considers that the procurement breaks the law may apply to the "
                "administrative court for review before the standstill period ends (LOU 20 kap.)."
            )
        ),
        Paragraph(_anchor_note()),
    )
    return document
