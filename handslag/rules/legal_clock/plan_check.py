"""Checking a planned timetable against the time limits and the working-day calendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from handslag.rules.legal_clock.time_limits import (
    TIME_LIMITS,
    Procedure,
    TenderPeriodStart,
)
from handslag.rules.legal_clock.working_days import (
    _require_date,
    next_working_day,
    non_working_reason,
)

# ---------------------------------------------------------------------------
# Checking a planned timetable
# ---------------------------------------------------------------------------

#: Codes that flag something to look at rather than a broken limit.
SOFT_WARNING_CODES = frozenset({"deadline_on_non_working_day", "application_deadline_not_used"})


@dataclass(frozen=True)
class Warning:  # shadows the built-in inside this module only; PlanWarning is an alias
    """One problem found in a planned timetable.

    *code* is stable and meant for logic and translation; *message* is English prose;
    *params* holds the values behind the message, JSON-serialisable (dates as ISO
    strings) so a warning can be stored or rendered in another language.
    """

    code: str
    message: str
    params: dict[str, Any] = field(default_factory=dict, hash=False)

    @property
    def is_soft(self) -> bool:
        """True for advice (e.g. a deadline on a holiday), False for a broken limit."""
        return self.code in SOFT_WARNING_CODES


#: Alias for modules where ``Warning`` would shadow the built-in exception class.
PlanWarning = Warning

_FIELD_LABELS = {
    "notice_sent": "the dispatch of the contract notice",
    "application_deadline": "the application deadline",
    "invitation_sent": "the dispatch of the invitation to tender",
    "tender_deadline": "the tender deadline",
}


def _out_of_order(earlier: str, later: str, dates: Mapping[str, dt.date]) -> Warning:
    return Warning(
        code="deadlines_out_of_order",
        message=(
            f"{_FIELD_LABELS[later].capitalize()} ({dates[later].isoformat()}) must come "
            f"after {_FIELD_LABELS[earlier]} ({dates[earlier].isoformat()})."
        ),
        params={
            "earlier_field": earlier,
            "earlier_date": dates[earlier].isoformat(),
            "later_field": later,
            "later_date": dates[later].isoformat(),
        },
    )


def _earliest_text(what: str, earliest: dt.date) -> str:
    text = f"Earliest lawful {what}: {earliest.isoformat()}"
    working = next_working_day(earliest)
    if working != earliest:
        text += f" ({non_working_reason(earliest)}; first working day {working.isoformat()})"
    return text + "."


def check_plan(
    procedure: Procedure | str,
    notice_sent: dt.date,
    application_deadline: dt.date | None,
    tender_deadline: dt.date | None,
    electronic: bool = True,
    *,
    invitation_sent: dt.date | None = None,
    prior_information_notice: bool = False,
) -> list[Warning]:
    """Every time limit a planned timetable breaks, as a list of :class:`Warning`.

    *notice_sent* is the day the contract notice is sent for publication; the minimum
    periods run from the day after (see the module docstring). *electronic* means
    tenders may be submitted by electronic means (LOU 11 kap.; art. 27(4), 28(5)).
    Missing deadlines are not errors: a plan is checked as far as it goes.

    In two-stage procedures (restricted, negotiated, innovation partnership) the tender
    period runs from the invitation to tender, which cannot go out before the
    application deadline. If *invitation_sent* is not given, the application deadline
    (or, without one, the earliest lawful application deadline) stands in for it. That
    is the earliest the invitation could be sent, so a warning raised this way is always
    a real breach; a plan that passes should be checked again once the invitation date
    is known.

    Codes: ``deadlines_out_of_order``, ``application_period_too_short``,
    ``tender_period_too_short`` (broken limits); ``deadline_on_non_working_day``,
    ``application_deadline_not_used`` (soft, see :data:`SOFT_WARNING_CODES`).
    """
    procedure = Procedure(procedure)
    limits = TIME_LIMITS[procedure]
    notice_sent = _require_date(notice_sent, "notice_sent")
    dates: dict[str, dt.date] = {"notice_sent": notice_sent}
    for name, value in (
        ("application_deadline", application_deadline),
        ("invitation_sent", invitation_sent),
        ("tender_deadline", tender_deadline),
    ):
        if value is not None:
            dates[name] = _require_date(value, name)

    warnings: list[Warning] = []

    # 1. Order: notice, then application deadline, then invitation, then tender deadline.
    # The invitation may go out on the application deadline day (after the closing
    # time); every other step must fall on a later day.
    if application_deadline is not None and application_deadline <= notice_sent:
        warnings.append(_out_of_order("notice_sent", "application_deadline", dates))
    if invitation_sent is not None:
        if invitation_sent < notice_sent:
            warnings.append(_out_of_order("notice_sent", "invitation_sent", dates))
        if application_deadline is not None and invitation_sent < application_deadline:
            warnings.append(_out_of_order("application_deadline", "invitation_sent", dates))
    if tender_deadline is not None:
        if tender_deadline <= notice_sent:
            warnings.append(_out_of_order("notice_sent", "tender_deadline", dates))
        if application_deadline is not None and tender_deadline <= application_deadline:
            warnings.append(_out_of_order("application_deadline", "tender_deadline", dates))
        if invitation_sent is not None and tender_deadline <= invitation_sent:
            warnings.append(_out_of_order("invitation_sent", "tender_deadline", dates))

    if application_deadline is not None and procedure is Procedure.OPEN:
        warnings.append(
            Warning(
                code="application_deadline_not_used",
                message=(
                    "An open procedure has no application stage; the application deadline "
                    f"({application_deadline.isoformat()}) will not be used."
                ),
                params={
                    "procedure": procedure.value,
                    "application_deadline": application_deadline.isoformat(),
                },
            )
        )

    # 2. Application period, counted from the dispatch of the contract notice.
    min_application = limits.minimum_application_days()
    if min_application is not None and application_deadline is not None:
        days = (application_deadline - notice_sent).days
        if days < min_application:
            earliest = notice_sent + dt.timedelta(days=min_application)
            warnings.append(
                Warning(
                    code="application_period_too_short",
                    message=(
                        f"The application period is {days} days; the {procedure.label} "
                        f"requires at least {min_application} days from the dispatch of the "
                        f"contract notice ({limits.application_reference}). "
                        f"{_earliest_text('application deadline', earliest)}"
                    ),
                    params={
                        "procedure": procedure.value,
                        "notice_sent": notice_sent.isoformat(),
                        "application_deadline": application_deadline.isoformat(),
                        "days": days,
                        "minimum_days": min_application,
                        "earliest_deadline": earliest.isoformat(),
                        "earliest_working_deadline": next_working_day(earliest).isoformat(),
                    },
                )
            )

    # 3. Tender period.
    min_tender = limits.minimum_tender_days(electronic, prior_information_notice)
    if min_tender is not None and tender_deadline is not None:
        if limits.tender_period_start is TenderPeriodStart.NOTICE:
            start, counted_from = notice_sent, "notice_sent"
        elif invitation_sent is not None:
            start, counted_from = invitation_sent, "invitation_sent"
        elif application_deadline is not None:
            start, counted_from = application_deadline, "application_deadline"
        else:
            start = notice_sent + dt.timedelta(days=limits.application_days or 0)
            counted_from = "earliest_application_deadline"
        days = (tender_deadline - start).days
        if days < min_tender:
            earliest = start + dt.timedelta(days=min_tender)
            start_label = {
                "notice_sent": "the dispatch of the contract notice",
                "invitation_sent": "the dispatch of the invitation to tender",
                "application_deadline": (
                    "the application deadline, the earliest day the invitation to tender "
                    "can be sent"
                ),
                "earliest_application_deadline": (
                    "the earliest lawful application deadline, before which no invitation "
                    "to tender can be sent"
                ),
            }[counted_from]
            warnings.append(
                Warning(
                    code="tender_period_too_short",
                    message=(
                        f"The tender period is {days} days from {start_label}; the "
                        f"{procedure.label} requires at least {min_tender} days "
                        f"({limits.tender_reference}). "
                        f"{_earliest_text('tender deadline', earliest)}"
                    ),
                    params={
                        "procedure": procedure.value,
                        "counted_from": counted_from,
                        "start": start.isoformat(),
                        "tender_deadline": tender_deadline.isoformat(),
                        "days": days,
                        "minimum_days": min_tender,
                        "statutory": limits.tender_days_statutory,
                        "electronic": electronic,
                        "prior_information_notice": prior_information_notice,
                        "earliest_deadline": earliest.isoformat(),
                        "earliest_working_deadline": next_working_day(earliest).isoformat(),
                    },
                )
            )

    # 4. Soft: deadlines on days when suppliers and the buyer's staff are off.
    for name, value in (
        ("application_deadline", application_deadline),
        ("tender_deadline", tender_deadline),
    ):
        if value is None:
            continue
        reason = non_working_reason(value)
        if reason is not None:
            warnings.append(
                Warning(
                    code="deadline_on_non_working_day",
                    message=(
                        f"{_FIELD_LABELS[name].capitalize()} ({value.isoformat()}) falls on "
                        f"a non-working day ({reason}); the next working day is "
                        f"{next_working_day(value).isoformat()}."
                    ),
                    params={
                        "field": name,
                        "date": value.isoformat(),
                        "reason": reason,
                        "next_working_day": next_working_day(value).isoformat(),
                    },
                )
            )

    return warnings
