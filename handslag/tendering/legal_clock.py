"""The legal clock: Swedish working days and the time limits of public procurement.

Swedish public buyers above the EU thresholds work under lag (2016:1145) om offentlig
upphandling (LOU), which implements directive 2014/24/EU. A buyer who gets a date wrong
loses more than a day: a contract signed inside the standstill can be declared void (LOU
20 kap.), and a tender period shorter than the minimum is a ground for redoing the whole
procurement. This module computes those dates so the rest of handslag can warn before a
plan is published and refuse a contract signed too early.

Counting convention
-------------------
A period of N days "from" an event (a notice or an award decision being sent) starts the
day after the event: that day is day 1 and the period runs to the end of day N. This is
how Swedish guidance counts the standstill (Upphandlingsmyndigheten: the day the award
notice is sent is "day 0") and how EU law counts periods in days (Council Regulation
No 1182/71, art. 3(1)-(2): the day of the event is not counted; a period ends at the end
of its last day). Only dates are modelled, not clock times: a tender deadline at noon on
the last permitted day gives suppliers half a day less than the minimum, so a careful
buyer sets deadlines at the end of the day or one day later.

Working days
------------
Lag (1930:173) om beräkning av lagstadgad tid, 2 §: when the last day for an action falls
on a Sunday, another public holiday, a Saturday, Midsummer Eve, Christmas Eve or New
Year's Eve, the action may be taken on the next weekday. Those are the non-working days
here; the public holidays (lag (1989:253) om allmänna helgdagar) come from the `holidays`
library.

All functions take and return :class:`datetime.date` values in Swedish local time. They
refuse :class:`datetime.datetime`, because which calendar day an instant falls on depends
on the time zone, and the caller is the one who knows it.

This module imports nothing from Django so it can be used and tested alone.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any

import holidays

__all__ = [
    "ANSWER_DAYS_BEFORE_DEADLINE",
    "DEFAULT_QUESTION_BUFFER_DAYS",
    "SOFT_WARNING_CODES",
    "STANDSTILL_DAYS_ELECTRONIC",
    "STANDSTILL_DAYS_OTHER",
    "TIME_LIMITS",
    "PlanWarning",
    "Procedure",
    "TenderPeriodStart",
    "TimeLimits",
    "Warning",
    "add_working_days",
    "check_plan",
    "contract_allowed",
    "earliest_contract_date",
    "is_working_day",
    "last_day_for_answers",
    "last_day_for_questions",
    "next_working_day",
    "non_working_reason",
    "previous_working_day",
    "standstill_days",
    "standstill_end",
    "time_limits",
]

_ONE_DAY = dt.timedelta(days=1)


def _require_date(value: object, name: str) -> dt.date:
    """Return *value* if it is a plain date; otherwise raise ``TypeError``.

    ``datetime`` is a subclass of ``date`` and would silently compare unequal to the
    holiday dates, so it is refused explicitly.
    """
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise TypeError(
            f"{name} must be a datetime.date in Swedish local time, not {type(value).__name__}"
        )
    return value


# ---------------------------------------------------------------------------
# Swedish working days
# ---------------------------------------------------------------------------

# Some versions of `holidays` list every Sunday as a Swedish holiday (in Sweden every
# Sunday is an "allmän helgdag"). Weekends are handled separately below, so the plain
# "Sunday" entries are dropped to keep real holiday names (Easter Sunday, Whit Sunday).
_LIBRARY_SUNDAY_NAMES = frozenset({"sunday", "söndag"})


@functools.cache
def _public_holidays(year: int) -> Mapping[dt.date, str]:
    """Swedish public holidays of *year* (lag (1989:253) om allmänna helgdagar), by date."""
    try:
        calendar = holidays.country_holidays(
            "SE", years=year, language="en_US", include_sundays=False
        )
    except TypeError:  # a version of `holidays` without the include_sundays switch
        calendar = holidays.country_holidays("SE", years=year, language="en_US")
    result: dict[dt.date, str] = {}
    for day in calendar:
        names = [
            name
            for name in calendar.get_list(day)
            if name.strip().casefold() not in _LIBRARY_SUNDAY_NAMES
        ]
        if names:
            result[day] = "; ".join(names)
    return MappingProxyType(result)


def _eve_name(day: dt.date) -> str | None:
    """The name of the day if it is one of the eves lag (1930:173) 2 § treats as holidays.

    Midsummer Eve is the Friday between 19 and 25 June (the day before Midsummer Day,
    the Saturday between 20 and 26 June).
    """
    if day.month == 6 and 19 <= day.day <= 25 and day.weekday() == 4:
        return "Midsummer Eve"
    if day.month == 12 and day.day == 24:
        return "Christmas Eve"
    if day.month == 12 and day.day == 31:
        return "New Year's Eve"
    return None


def non_working_reason(day: dt.date) -> str | None:
    """Why *day* is not a working day (e.g. ``"Good Friday"``, ``"Saturday"``), or None.

    A public holiday's name wins over the weekday, so 6 June 2026 reads "National Day"
    rather than "Saturday". Used in warnings so the buyer sees why a date moved.
    """
    day = _require_date(day, "day")
    holiday = _public_holidays(day.year).get(day)
    if holiday:
        return holiday
    eve = _eve_name(day)
    if eve:
        return eve
    if day.weekday() == 5:
        return "Saturday"
    if day.weekday() == 6:
        return "Sunday"
    return None


def is_working_day(day: dt.date) -> bool:
    """True if *day* is a Swedish working day (vardag) in the sense of lag (1930:173) 2 §.

    Non-working: Saturdays, Sundays, public holidays, Midsummer Eve, Christmas Eve and
    New Year's Eve.
    """
    return non_working_reason(day) is None


def next_working_day(day: dt.date) -> dt.date:
    """*day* itself if it is a working day, otherwise the first working day after it.

    This is the move lag (1930:173) 2 § makes when a period ends on a non-working day.
    """
    day = _require_date(day, "day")
    while not is_working_day(day):
        day += _ONE_DAY
    return day


def previous_working_day(day: dt.date) -> dt.date:
    """*day* itself if it is a working day, otherwise the last working day before it.

    Used where a duty must be done *no later than* a date (answers to supplier
    questions): moving earlier keeps the buyer on the safe side.
    """
    day = _require_date(day, "day")
    while not is_working_day(day):
        day -= _ONE_DAY
    return day


def add_working_days(day: dt.date, count: int) -> dt.date:
    """The date *count* working days after *day* (before it when *count* is negative).

    *day* itself is never counted; with ``count == 0`` it is returned unchanged even if
    it is not a working day.
    """
    day = _require_date(day, "day")
    step = _ONE_DAY if count >= 0 else -_ONE_DAY
    remaining = abs(count)
    while remaining:
        day += step
        if is_working_day(day):
            remaining -= 1
    return day


# ---------------------------------------------------------------------------
# Standstill (avtalsspärr), LOU 20 kap. 1-2 §§
# ---------------------------------------------------------------------------

#: Standstill when the award notice (underrättelse om tilldelningsbeslut) is sent by
#: electronic means, LOU 20 kap. 2 §.
STANDSTILL_DAYS_ELECTRONIC = 10
#: Standstill when the award notice is sent by other means (e.g. post), LOU 20 kap. 2 §.
STANDSTILL_DAYS_OTHER = 15


def standstill_days(electronic: bool = True) -> int:
    """Length of the standstill in calendar days: 10 if sent electronically, else 15."""
    return STANDSTILL_DAYS_ELECTRONIC if electronic else STANDSTILL_DAYS_OTHER


def standstill_end(award_sent: dt.date, electronic: bool = True) -> dt.date:
    """The last day of the standstill period that follows an award decision.

    LOU 20 kap. 1 § forbids concluding the contract during the standstill; 20 kap. 2 §
    makes it 10 days from the sending of the award notice when sent electronically and
    15 days otherwise. Counting: the day the notice is sent is day 0, the next day is
    day 1, and the standstill runs to the end of day 10 (or 15). If that day is not a
    working day the standstill is extended to the end of the next working day
    (lag (1930:173) 2 §, "söndagsregeln").

    The extension follows current guidance from Upphandlingsmyndigheten. Regeringsrätten
    held in RÅ 2007 ref. 28 that the rule did not apply to the ten-day period of the old
    1992 act; extending is nevertheless the safe reading for a buyer, since signing later
    never breaches a standstill while signing one day too early can void the contract.

    Not modelled: the cases where no standstill applies (LOU 20 kap.) and the extended
    standstill while a review application is pending.

    >>> standstill_end(dt.date(2026, 3, 26))  # day 10 is Easter Day, then Easter Monday
    datetime.date(2026, 4, 7)
    """
    award_sent = _require_date(award_sent, "award_sent")
    return next_working_day(award_sent + dt.timedelta(days=standstill_days(electronic)))


def earliest_contract_date(award_sent: dt.date, electronic: bool = True) -> dt.date:
    """The first day a contract may be concluded: the day after the standstill ends."""
    return standstill_end(award_sent, electronic) + _ONE_DAY


def contract_allowed(award_sent: dt.date, contract_date: dt.date, electronic: bool = True) -> bool:
    """True if a contract dated *contract_date* falls after the standstill (LOU 20 kap. 1 §).

    The contract date must be strictly after :func:`standstill_end`: the last day
    belongs to the standstill, and suppliers may apply for review until it ends.
    """
    contract_date = _require_date(contract_date, "contract_date")
    return contract_date > standstill_end(award_sent, electronic)


# ---------------------------------------------------------------------------
# Questions and answers during the tender period, LOU 12 kap. 11 §
# ---------------------------------------------------------------------------

#: Answers (kompletterande upplysningar) must be given at least six days before the
#: deadline for tenders, LOU 12 kap. 11 § (directive 2014/24/EU art. 47(3)(a), 53(2)).
ANSWER_DAYS_BEFORE_DEADLINE = 6
#: Policy default, not law: working days the buyer keeps between the last day for
#: questions and the last day for answers.
DEFAULT_QUESTION_BUFFER_DAYS = 2


def last_day_for_answers(tender_deadline: dt.date, *, deadline_day_counts: bool = True) -> dt.date:
    """The latest date on which answers to supplier questions may be sent.

    LOU 12 kap. 11 §: additional information requested in good time must be given no
    later than six days before the deadline for tenders, so every supplier has time to
    use it. The date is the deadline minus six calendar days, moved *earlier* to a
    working day if it falls on a non-working day, because the duty is "no later than".

    Counted this way the six days are the five days after the answer plus the deadline
    day itself. Whether the deadline day may count is not settled: Upphandlingsmyndigheten
    calls it unclear, Förvaltningsrätten i Malmö (mål 3487-16) held that it does not, and
    Danish guidance under Regulation 1182/71 asks for six full days before it. Pass
    ``deadline_day_counts=False`` for that stricter reading (deadline minus seven). The
    four-day rule for accelerated procedures is not modelled.
    """
    tender_deadline = _require_date(tender_deadline, "tender_deadline")
    days = ANSWER_DAYS_BEFORE_DEADLINE + (0 if deadline_day_counts else 1)
    return previous_working_day(tender_deadline - dt.timedelta(days=days))


def last_day_for_questions(
    tender_deadline: dt.date,
    buffer_days: int = DEFAULT_QUESTION_BUFFER_DAYS,
    *,
    deadline_day_counts: bool = True,
) -> dt.date:
    """A suggested last day for suppliers to ask questions: policy, not law.

    The law only says questions must be asked "in good time" (LOU 12 kap. 11 §). The
    buyer may state a cut-off in the procurement documents so it can answer before
    :func:`last_day_for_answers`; the preparatory works give ten days before the
    deadline as an example (prop. 2015/16:195 p. 1074). This default leaves
    *buffer_days* working days between the last question and the last day for answers
    to write and publish them.
    """
    if buffer_days < 0:
        raise ValueError("buffer_days must not be negative")
    last_answer = last_day_for_answers(tender_deadline, deadline_day_counts=deadline_day_counts)
    return add_working_days(last_answer, -buffer_days)


# ---------------------------------------------------------------------------
# Minimum time limits per procedure, LOU 11 kap.
# ---------------------------------------------------------------------------


class Procedure(StrEnum):
    """Procurement procedures handslag supports.

    The first five are LOU procedures (LOU 6 kap.). Pre-commercial procurement is not:
    it buys research and development services whose results the buyer does not keep
    exclusively, which the R&D exclusion in LOU 3 kap. (directive 2014/24/EU art. 14)
    takes outside the act, following the Commission's PCP communication COM(2007) 799.
    """

    INNOVATION_PARTNERSHIP = "innovation_partnership"
    NEGOTIATED_WITH_PUBLICATION = "negotiated_with_publication"
    COMPETITIVE_DIALOGUE = "competitive_dialogue"
    OPEN = "open"
    RESTRICTED = "restricted"
    PRE_COMMERCIAL = "pre_commercial"

    @property
    def label(self) -> str:
        """English name for messages."""
        return _PROCEDURE_LABELS[self]


_PROCEDURE_LABELS = {
    Procedure.INNOVATION_PARTNERSHIP: "innovation partnership",
    Procedure.NEGOTIATED_WITH_PUBLICATION: "negotiated procedure with prior publication",
    Procedure.COMPETITIVE_DIALOGUE: "competitive dialogue",
    Procedure.OPEN: "open procedure",
    Procedure.RESTRICTED: "restricted procedure",
    Procedure.PRE_COMMERCIAL: "pre-commercial procurement",
}


class TenderPeriodStart(StrEnum):
    """The event a procedure's minimum tender period is counted from."""

    NOTICE = "notice"  # dispatch of the contract notice (open procedure)
    INVITATION = "invitation"  # dispatch of the invitation to tender (two-stage procedures)


@dataclass(frozen=True)
class TimeLimits:
    """Minimum time limits of one procedure, in calendar days.

    ``None`` means the law sets no minimum; the general rule still applies that every
    time limit must be long enough for the complexity of the contract and the time
    needed to prepare a tender or application (directive 2014/24/EU art. 47(1),
    LOU 11 kap.). Urgency reductions are not modelled: they need a reasoned decision
    the system cannot check.
    """

    procedure: Procedure
    #: Minimum days from dispatch of the contract notice to the application deadline.
    application_days: int | None
    #: Minimum days for (initial) tenders, before any reduction.
    tender_days: int | None
    #: What the tender period is counted from.
    tender_period_start: TenderPeriodStart | None
    #: Reduction of ``tender_days`` when tenders may be submitted electronically.
    electronic_reduction_days: int = 0
    #: Minimum tender days after a qualifying prior information notice, if the law
    #: allows that reduction (the notice must meet the conditions of the act).
    pin_tender_days: int | None = None
    #: False when ``tender_days`` is handslag's conservative policy, not statute.
    tender_days_statutory: bool = True
    #: Short legal reference for the application limit, quoted in warnings.
    application_reference: str = ""
    #: Short legal reference for the tender limit, quoted in warnings.
    tender_reference: str = ""
    #: The legal basis of every figure in prose, for display and audit.
    reference: str = ""

    def minimum_application_days(self) -> int | None:
        """Minimum application period; no reduction for electronic submission exists."""
        return self.application_days

    def minimum_tender_days(
        self, electronic: bool = True, prior_information_notice: bool = False
    ) -> int | None:
        """Minimum tender period after the reductions the law permits.

        *electronic*: the buyer accepts tenders submitted by electronic means (the norm
        in Sweden, where electronic communication is mandatory in directive-governed
        procurements). *prior_information_notice*: a prior information notice meeting
        the statutory conditions was published; the caller vouches for those conditions.
        The two reductions are alternatives, not cumulative: the directive applies the
        electronic reduction to the ordinary limit only.
        """
        if self.tender_days is None:
            return None
        candidates = [self.tender_days - (self.electronic_reduction_days if electronic else 0)]
        if prior_information_notice and self.pin_tender_days is not None:
            candidates.append(self.pin_tender_days)
        return min(candidates)


_TIME_LIMITS: dict[Procedure, TimeLimits] = {
    Procedure.OPEN: TimeLimits(
        procedure=Procedure.OPEN,
        tender_reference="LOU 11 kap.; directive 2014/24/EU art. 27",
        application_days=None,
        tender_days=35,
        tender_period_start=TenderPeriodStart.NOTICE,
        electronic_reduction_days=5,
        pin_tender_days=15,
        reference=(
            "LOU 11 kap.; directive 2014/24/EU art. 27: tenders at least 35 days from "
            "dispatch of the contract notice (art. 27(1)); 15 days after a qualifying "
            "prior information notice (art. 27(2)); 5 days less when tenders may be "
            "submitted electronically (art. 27(4))."
        ),
    ),
    Procedure.RESTRICTED: TimeLimits(
        procedure=Procedure.RESTRICTED,
        application_reference="LOU 11 kap.; directive 2014/24/EU art. 28(1)",
        tender_reference="LOU 11 kap.; directive 2014/24/EU art. 28(2)-(5)",
        application_days=30,
        tender_days=30,
        tender_period_start=TenderPeriodStart.INVITATION,
        electronic_reduction_days=5,
        pin_tender_days=10,
        reference=(
            "LOU 11 kap.; directive 2014/24/EU art. 28: applications at least 30 days "
            "from dispatch of the contract notice (art. 28(1)); tenders at least 30 days "
            "from dispatch of the invitation to tender (art. 28(2)); 10 days after a "
            "qualifying prior information notice (art. 28(3)); 5 days less when tenders "
            "may be submitted electronically (art. 28(5)). The shorter limit that "
            "sub-central authorities may agree with candidates (art. 28(4)) is not "
            "modelled."
        ),
    ),
    Procedure.NEGOTIATED_WITH_PUBLICATION: TimeLimits(
        procedure=Procedure.NEGOTIATED_WITH_PUBLICATION,
        application_reference="LOU 11 kap.; directive 2014/24/EU art. 29(1)",
        tender_reference="LOU 11 kap.; directive 2014/24/EU art. 29(1), 28(3)-(5)",
        application_days=30,
        tender_days=30,
        tender_period_start=TenderPeriodStart.INVITATION,
        electronic_reduction_days=5,
        pin_tender_days=10,
        reference=(
            "LOU 11 kap.; directive 2014/24/EU art. 29(1): applications at least 30 days "
            "from dispatch of the contract notice; initial tenders at least 30 days from "
            "dispatch of the invitation, with the reductions of art. 28(3)-(6) (10 days "
            "after a qualifying prior information notice, 5 days less when tenders may be "
            "submitted electronically). Revised tenders in later rounds have no minimum."
        ),
    ),
    Procedure.COMPETITIVE_DIALOGUE: TimeLimits(
        procedure=Procedure.COMPETITIVE_DIALOGUE,
        application_reference="LOU 11 kap.; directive 2014/24/EU art. 30(1)",
        application_days=30,
        tender_days=None,
        tender_period_start=None,
        reference=(
            "LOU 11 kap.; directive 2014/24/EU art. 30(1): applications at least 30 days "
            "from dispatch of the contract notice. No statutory minimum for final "
            "tenders, which follow the dialogue; the period must still be reasonable "
            "(art. 47(1))."
        ),
    ),
    Procedure.INNOVATION_PARTNERSHIP: TimeLimits(
        procedure=Procedure.INNOVATION_PARTNERSHIP,
        application_reference="LOU 11 kap.; directive 2014/24/EU art. 31(1)",
        tender_reference="handslag policy; the law sets no minimum",
        application_days=30,
        # The directive sets no minimum for tenders in an innovation partnership
        # (art. 31(1) only fixes the 30 days for applications). Initial tenders are
        # negotiated much like in the negotiated procedure, so handslag applies that
        # procedure's 30 days by analogy and, being policy rather than statute, without
        # the electronic reduction: the conservative (longer) value.
        tender_days=30,
        tender_period_start=TenderPeriodStart.INVITATION,
        electronic_reduction_days=0,
        tender_days_statutory=False,
        reference=(
            "LOU 11 kap.; directive 2014/24/EU art. 31(1): applications at least 30 days "
            "from dispatch of the contract notice. The 30 days for initial tenders, "
            "counted from the invitation, are handslag policy by analogy with the "
            "negotiated procedure (art. 29(1)); the law sets no minimum."
        ),
    ),
    Procedure.PRE_COMMERCIAL: TimeLimits(
        procedure=Procedure.PRE_COMMERCIAL,
        application_days=None,
        tender_days=None,
        tender_period_start=None,
        reference=(
            "Outside LOU (R&D services exclusion, LOU 3 kap.; directive 2014/24/EU "
            "art. 14; Commission communication COM(2007) 799): no statutory minimum "
            "time limits. Treaty principles of equal treatment and transparency still "
            "call for periods long enough for the market to respond."
        ),
    ),
}

#: Minimum time limits per procedure (read-only).
TIME_LIMITS: Mapping[Procedure, TimeLimits] = MappingProxyType(_TIME_LIMITS)


def time_limits(procedure: Procedure | str) -> TimeLimits:
    """The :class:`TimeLimits` of *procedure* (a member or its string value)."""
    return TIME_LIMITS[Procedure(procedure)]


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
