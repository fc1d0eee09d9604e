"""Generated documents of the evaluation: the award decision."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from handslag.audit.services import audit_anchor
from handslag.core.render import Document, Facts, Heading, Paragraph, Table
from handslag.evaluation import results
from handslag.evaluation.audit_actions import EvaluationAction
from handslag.evaluation.matrix import measure_label
from handslag.evaluation.models import Award, Score
from handslag.market.models import Call
from handslag.tendering.documents import anchor_note
from handslag.tendering.models import Tender


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
                    audit_anchor(target=award, action=EvaluationAction.TENDER_AWARD) or "–",
                ),
            ]
        ),
        Heading(_("Reasons for the decision"), 2),
        Paragraph(award.justification),
    )
    evaluated = results.evaluate_call(call=call)
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
        Paragraph(anchor_note()),
    )
    return document
