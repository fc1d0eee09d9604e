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

The package is split by subject — :mod:`.working_days`, :mod:`.standstill`,
:mod:`.time_limits` (questions and answers, procedures, the plan check) and
:mod:`.deadlines` (the limits that refuse a call, in date and time) — and every
public name is re-exported here, so ``legal_clock.standstill_end(...)`` keeps working.
"""

import holidays  # noqa: F401  (re-exported: tests patch legal_clock.holidays)

from handslag.rules.legal_clock.deadlines import (
    STOCKHOLM,
    Breach,
    Limit,
    Shortening,
    Stage,
    check_deadlines,
    earliest_deadlines,
    minimum,
    period_end,
    shortenings_allowed,
)
from handslag.rules.legal_clock.plan_check import (
    SOFT_WARNING_CODES,
    PlanWarning,
    Warning,
    check_plan,
)
from handslag.rules.legal_clock.standstill import (
    STANDSTILL_DAYS_ELECTRONIC,
    STANDSTILL_DAYS_OTHER,
    contract_allowed,
    earliest_contract_date,
    standstill_days,
    standstill_end,
)
from handslag.rules.legal_clock.time_limits import (
    ANSWER_DAYS_BEFORE_DEADLINE,
    DEFAULT_QUESTION_BUFFER_DAYS,
    TIME_LIMITS,
    Procedure,
    TenderPeriodStart,
    TimeLimits,
    last_day_for_answers,
    last_day_for_questions,
    time_limits,
)
from handslag.rules.legal_clock.working_days import (
    _public_holidays,  # noqa: F401  (tests clear its cache)
    add_working_days,
    is_working_day,
    next_working_day,
    non_working_reason,
    previous_working_day,
)

__all__ = [
    "STOCKHOLM",
    "Breach",
    "Limit",
    "Shortening",
    "Stage",
    "check_deadlines",
    "earliest_deadlines",
    "minimum",
    "period_end",
    "shortenings_allowed",
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
