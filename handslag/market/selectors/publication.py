"""What stops a call from being published or changed: what it lacks, and the time limits
its deadlines break, each said in the user's language with the page where it is fixed.

The limits themselves are the legal clock's (`handslag.rules.legal_clock.deadlines`);
what the later apps own (award criteria, the evaluation model) they tell through
`market.extensions.register_publication_requirements`.
"""

import datetime as dt
from collections.abc import Collection

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from handslag.market import extensions
from handslag.market.extensions import Missing
from handslag.market.models import Call, LegalProcedure
from handslag.rules import legal_clock

#: Procedures with an application stage: the buyer selects whom to invite, so the call
#: must say how (LOU 14 kap.: the selection criteria are stated in the notice).
TWO_STAGE_PROCEDURES = frozenset(
    {
        LegalProcedure.INNOVATION_PARTNERSHIP,
        LegalProcedure.NEGOTIATED_WITH_PUBLICATION,
        LegalProcedure.COMPETITIVE_DIALOGUE,
        LegalProcedure.RESTRICTED,
    }
)


def _when(value: dt.datetime | None) -> str:
    if value is None:
        return "–"
    try:
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    except OverflowError:
        return value.isoformat()


def _day(iso: str) -> str:
    return date_format(dt.date.fromisoformat(iso), "DATE_FORMAT")


def _field_label(name: str) -> str:
    return {
        "application_deadline": _("the deadline for applications"),
        "tender_deadline": _("the deadline for tenders"),
    }.get(name, name)


def breach_message(breach: legal_clock.Breach, *, call: Call) -> str:
    """The legal clock's refusal in words: the rule with its section, the limit and the
    earliest lawful deadline."""
    values = {
        "section": breach.section,
        "procedure": call.legal_procedure_label,
        "days": breach.minimum_days,
        "field": _field_label(breach.field),
        "Field": _field_label(breach.field)[:1].upper() + _field_label(breach.field)[1:],
        "deadline": _when(breach.deadline),
        "earliest": _when(breach.earliest),
        "start": _when(breach.start),
    }
    code = breach.code
    if code == "deadline_missing":
        return _("Set %(field)s before publishing.") % values
    if code == "deadline_in_past":
        return _("%(Field)s (%(deadline)s) has already passed. Choose a later time.") % values
    if code == "deadlines_out_of_order":
        return (
            _(
                "The deadline for tenders (%(deadline)s) must come after the deadline for "
                "applications (%(earliest)s)."
            )
            % values
        )
    if code in ("application_period_too_short", "tender_period_too_short"):
        counted_from = breach.params.get("counted_from")
        if counted_from == "change":
            values["limit_section"] = breach.params.get("limit_section", "")
            text = _(
                "%(section)s: after a significant change to the documents the suppliers must "
                "again have at least %(days)s days (%(limit_section)s), counted from the "
                "change (%(start)s)."
            )
        elif code == "application_period_too_short":
            text = _(
                "%(section)s: the procedure (%(procedure)s) gives at least %(days)s days for "
                "applications, counted from the day after the call is published (%(start)s)."
            )
        elif counted_from == "invitation":
            text = _(
                "%(section)s: the procedure (%(procedure)s) gives at least %(days)s days for "
                "tenders, counted from the invitation to tender, which cannot be sent before "
                "the deadline for applications (%(start)s)."
            )
        else:
            text = _(
                "%(section)s: the procedure (%(procedure)s) gives at least %(days)s days for "
                "tenders, counted from the day after the call is published (%(start)s)."
            )
        return (
            text % values
            + " "
            + _(
                "%(Field)s (%(deadline)s) is too early; the earliest lawful deadline is "
                "%(earliest)s."
            )
            % values
        )
    if code == "shortening_not_allowed":
        return (
            _(
                "%(section)s: the procedure (%(procedure)s) allows no shorter time limit, so "
                "the ordinary limits apply. Choose the ordinary time limits."
            )
            % values
        )
    if code == "shortening_reason_missing":
        return (
            _(
                "%(section)s: a shorter time limit is allowed only with its reason recorded on "
                "the call. Write the reason, or choose the ordinary time limits."
            )
            % values
        )
    if code == "prior_notice_date_missing":
        return (
            _(
                "%(section)s: give the date the prior information notice was sent; until then "
                "the ordinary time limits apply."
            )
            % values
        )
    if code == "prior_notice_out_of_window":
        p = breach.params
        return _(
            "%(section)s: the prior information notice must have been sent between %(start)s "
            "and %(end)s (35 days to 12 months before the call); it was sent %(sent)s. The "
            "ordinary time limits apply."
        ) % {
            "section": breach.section,
            "start": _day(p["window_start"]),
            "end": _day(p["window_end"]),
            "sent": _day(p["prior_notice_sent_on"]),
        }
    return code


def call_deadline_breaches(
    *,
    call: Call,
    now: dt.datetime,
    notice_sent: dt.datetime | None = None,
    changed: Collection[str] | None = None,
    significant_change_at: dt.datetime | None = None,
) -> list[legal_clock.Breach]:
    """The statutory limits the call's deadlines break if it is published (or changed) at
    *now*. A procedure the clock does not know (a template's own label) has none."""
    try:
        procedure = legal_clock.Procedure(call.legal_procedure)
    except ValueError:
        return []
    return legal_clock.check_deadlines(
        procedure,
        notice_sent=notice_sent or now,
        application_deadline=call.application_deadline,
        tender_deadline=call.tender_deadline,
        now=now,
        shortening=call.short_limit_ground or "",
        shortening_reason=call.short_limit_reason,
        prior_notice_sent_on=call.prior_notice_sent_on,
        changed=changed,
        significant_change_at=significant_change_at,
    )


def call_earliest_deadlines(*, call: Call, now: dt.datetime | None = None) -> dict:
    """The earliest lawful deadlines if the call is published at *now*, for the form."""
    try:
        procedure = legal_clock.Procedure(call.legal_procedure)
    except ValueError:
        return {}
    shortening = call.short_limit_ground or ""
    if call.short_limit_ground and not call.short_limit_reason.strip():
        shortening = ""
    return legal_clock.earliest_deadlines(
        procedure, notice_sent=now or timezone.now(), shortening=shortening
    )


def call_publication_missing(*, call: Call, now: dt.datetime | None = None) -> list[Missing]:
    """Everything that stops the call from being published at *now*, each with the page
    where it is fixed: the call's own texts, the time limits, then what later apps own."""
    edit = reverse("market:call_edit", args=[call.pk])
    missing: list[Missing] = []
    if not call.summary.strip():
        missing.append(
            Missing(
                "summary",
                _("Describe what you want to achieve before publishing."),
                edit,
                field="summary",
            )
        )
    if call.legal_procedure in TWO_STAGE_PROCEDURES and not call.selection_criteria.strip():
        missing.append(
            Missing(
                "selection_criteria",
                _("The selection criteria: what a supplier must show to be invited (LOU 14 kap.)."),
                edit,
                field="selection_criteria",
            )
        )
    if (
        call.legal_procedure == LegalProcedure.INNOVATION_PARTNERSHIP
        and not call.partnership_description.strip()
    ):
        missing.append(
            Missing(
                "partnership_description",
                _(
                    "How the partnership works: its phases, intermediate targets and how it "
                    "ends (LOU 6 kap.)."
                ),
                edit,
                field="partnership_description",
            )
        )
    current = now or timezone.now()
    for breach in call_deadline_breaches(call=call, now=current):
        missing.append(
            Missing(
                breach.code,
                breach_message(breach, call=call),
                edit,
                field=breach.field,
                section=breach.section,
                earliest=breach.earliest,
            )
        )
    missing.extend(extensions.publication_missing(call=call))
    return missing
