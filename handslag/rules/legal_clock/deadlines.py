"""Deadlines measured in date and time: the minimum periods a call must give, and the
earliest lawful deadline, as instants in Europe/Stockholm.

:mod:`.plan_check` compares calendar dates and only warns. This module decides: a call
whose deadlines break one of the statutory limits below cannot be published or changed.

Counting (Council Regulation No 1182/71, art. 3, which directive 2014/24/EU recital 106
applies to its time limits): a period of N days from an event starts at the beginning of
the day after the event (Swedish local time), ends at the end of its last day, and when
that last day is not a working day it ends at the end of the next working day (art. 3(4);
the Swedish non-working days of lag (1930:173) 2 § are used, which is the stricter set).
So the earliest lawful deadline is midnight at the start of the day after the last day:
a deadline one minute earlier gives the suppliers one minute less than the law does.

The limits (LOU = lag (2016:1145) om offentlig upphandling, 11 kap.):

========================================  ==========================  ==================
limit                                      procedures                  section
========================================  ==========================  ==================
tenders 35 days from the notice            open                        11 kap. 2 §
requests to participate 30 days from it    restricted, negotiated,     11 kap. 3 §
                                           competitive dialogue,
                                           innovation partnership
tenders 30 days from the invitation        restricted, negotiated      11 kap. 4 §
shorter tender period after a prior        open (15), restricted and   11 kap. 5 §
information notice sent 35 days to 12      negotiated (10)
months before the notice
5 days less when tenders are electronic    open, restricted,           11 kap. 6 §
                                           negotiated
urgency stated by the buyer                open (15), restricted and   11 kap. 7 §
                                           negotiated (15 for
                                           requests, 10 for tenders)
significant change to the documents:       every procedure             11 kap. 8 §
the deadline is extended (modelled: the
minimum is counted again from the change)
========================================  ==========================  ==================

Competitive dialogue and innovation partnership have no shorter limits (directive art. 30
and 31 refer to none). The innovation partnership's 30 days for tenders are handslag's
policy, not law (:mod:`.time_limits`); they stay a warning in :func:`check_plan` and are
not enforced here. Pre-commercial procurement is outside LOU and has no minimum.

All handslag tenders are submitted electronically, so the electronic reduction always
applies unless the caller says otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from handslag.rules.legal_clock.time_limits import Procedure
from handslag.rules.legal_clock.working_days import next_working_day

STOCKHOLM = ZoneInfo("Europe/Stockholm")
_ONE_DAY = dt.timedelta(days=1)
#: What :func:`period_end` returns for a period that would end after year 9999.
END_OF_TIME = dt.datetime(9999, 12, 30, tzinfo=STOCKHOLM)

#: A prior information notice shortens the tender period only if it was sent for
#: publication at least 35 days and at most 12 months before the contract notice
#: (LOU 11 kap. 5 § andra stycket 2).
PRIOR_NOTICE_MIN_DAYS = 35
PRIOR_NOTICE_MAX_MONTHS = 12


class Shortening(StrEnum):
    """A documented ground for a shorter limit; each needs its reason recorded."""

    NONE = ""
    PRIOR_INFORMATION_NOTICE = "prior_information_notice"  # LOU 11 kap. 5 §
    URGENCY = "urgency"  # LOU 11 kap. 7 §


class Stage(StrEnum):
    APPLICATIONS = "applications"
    TENDERS = "tenders"


@dataclass(frozen=True)
class Limit:
    """One minimum period: its length in days, what it counts from, and its section."""

    stage: Stage
    days: int
    section: str
    #: "notice" (the contract notice is sent) or "invitation" (the invitation to tender).
    counted_from: str


_TWO_STAGE = frozenset(
    {
        Procedure.RESTRICTED,
        Procedure.NEGOTIATED_WITH_PUBLICATION,
        Procedure.COMPETITIVE_DIALOGUE,
        Procedure.INNOVATION_PARTNERSHIP,
    }
)
_RESTRICTED_LIKE = frozenset({Procedure.RESTRICTED, Procedure.NEGOTIATED_WITH_PUBLICATION})


def shortenings_allowed(procedure: Procedure | str) -> frozenset[Shortening]:
    """The documented shorter limits the law allows in *procedure*."""
    procedure = Procedure(procedure)
    if procedure is Procedure.OPEN or procedure in _RESTRICTED_LIKE:
        return frozenset({Shortening.PRIOR_INFORMATION_NOTICE, Shortening.URGENCY})
    return frozenset()


def minimum(
    procedure: Procedure | str,
    stage: Stage,
    *,
    shortening: Shortening | str = Shortening.NONE,
    electronic: bool = True,
) -> Limit | None:
    """The statutory minimum for *stage* of *procedure*, after the reductions claimed.

    A shortening the procedure does not allow is ignored here (the caller reports it,
    see :func:`check_deadlines`). ``None``: the law sets no minimum for that stage.
    """
    procedure = Procedure(procedure)
    shortening = Shortening(shortening)
    if shortening not in shortenings_allowed(procedure):
        shortening = Shortening.NONE
    if stage is Stage.APPLICATIONS:
        if procedure not in _TWO_STAGE:
            return None
        if shortening is Shortening.URGENCY:
            return Limit(stage, 15, "LOU 11 kap. 7 §", "notice")
        return Limit(stage, 30, "LOU 11 kap. 3 §", "notice")
    if procedure is Procedure.OPEN:
        candidates = [Limit(stage, 35, "LOU 11 kap. 2 §", "notice")]
        if electronic:
            candidates.append(Limit(stage, 30, "LOU 11 kap. 2 och 6 §§", "notice"))
        if shortening is Shortening.PRIOR_INFORMATION_NOTICE:
            candidates.append(Limit(stage, 15, "LOU 11 kap. 5 §", "notice"))
        if shortening is Shortening.URGENCY:
            candidates.append(Limit(stage, 15, "LOU 11 kap. 7 §", "notice"))
        return min(candidates, key=lambda limit: limit.days)
    if procedure in _RESTRICTED_LIKE:
        candidates = [Limit(stage, 30, "LOU 11 kap. 4 §", "invitation")]
        if electronic:
            candidates.append(Limit(stage, 25, "LOU 11 kap. 4 och 6 §§", "invitation"))
        if shortening is Shortening.PRIOR_INFORMATION_NOTICE:
            candidates.append(Limit(stage, 10, "LOU 11 kap. 5 §", "invitation"))
        if shortening is Shortening.URGENCY:
            candidates.append(Limit(stage, 10, "LOU 11 kap. 7 §", "invitation"))
        return min(candidates, key=lambda limit: limit.days)
    return None


def local(instant: dt.datetime) -> dt.datetime:
    """*instant* in Swedish local time; a time without a zone is refused."""
    if not isinstance(instant, dt.datetime) or instant.tzinfo is None:
        raise TypeError("a deadline must be a datetime with a time zone")
    return instant.astimezone(STOCKHOLM)


def period_end(start: dt.datetime, days: int) -> dt.datetime:
    """The instant a period of *days* days from the event at *start* ends.

    The day of the event is not counted; the period ends at the end of its last day, or
    of the next working day when the last day is not one (Regulation 1182/71 art. 3).
    Returned as midnight (Europe/Stockholm) at the start of the following day: the
    earliest lawful deadline.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    try:
        last = next_working_day(local(start).date() + dt.timedelta(days=days))
        return dt.datetime.combine(last + _ONE_DAY, dt.time(0, 0), tzinfo=STOCKHOLM)
    except OverflowError:  # a period ending after the calendar does: never reached
        return END_OF_TIME


def _months_before(day: dt.date, months: int) -> dt.date:
    month = day.month - months
    year = day.year
    while month <= 0:
        month += 12
        year -= 1
    # The same day of the month, or the month's last day (29 February, 31st).
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class Breach:
    """One broken limit. *code* is stable (for logic and translation); the instants are
    aware datetimes; *params* holds the rest of what a message needs."""

    code: str
    field: str
    section: str = ""
    minimum_days: int | None = None
    start: dt.datetime | None = None
    deadline: dt.datetime | None = None
    earliest: dt.datetime | None = None
    params: dict[str, Any] = field(default_factory=dict, hash=False)


def check_deadlines(
    procedure: Procedure | str,
    *,
    notice_sent: dt.datetime,
    application_deadline: dt.datetime | None,
    tender_deadline: dt.datetime | None,
    now: dt.datetime,
    shortening: Shortening | str = Shortening.NONE,
    shortening_reason: str = "",
    prior_notice_sent_on: dt.date | None = None,
    significant_change_at: dt.datetime | None = None,
    changed: Collection[str] | None = None,
    electronic: bool = True,
) -> list[Breach]:
    """Every statutory limit the deadlines break; an empty list means lawful.

    *notice_sent* is when the contract notice was (or will be) sent: the publication.
    *now* is the moment of the action; a deadline not after it is refused. With
    *significant_change_at* (a significant change to the procurement documents,
    LOU 11 kap. 8 § första stycket 2) every deadline still ahead must again give the
    full minimum, counted from the change. *changed* names the deadlines being set by a
    change to a published call (``None``: all, as at publication); only those, and the
    tender deadline when the application deadline moves, are checked, and a deadline
    already passed that is not being set is left alone (it can no longer be moved).

    Codes: ``deadline_missing``, ``deadline_in_past``, ``deadlines_out_of_order``,
    ``application_period_too_short``, ``tender_period_too_short``,
    ``shortening_not_allowed``, ``shortening_reason_missing``,
    ``prior_notice_date_missing``, ``prior_notice_out_of_window``.
    """
    procedure = Procedure(procedure)
    shortening = Shortening(shortening)
    notice_sent, now = local(notice_sent), local(now)
    breaches: list[Breach] = []

    if shortening is not Shortening.NONE:
        if shortening not in shortenings_allowed(procedure):
            breaches.append(
                Breach(
                    code="shortening_not_allowed",
                    field="short_limit_ground",
                    section="LOU 11 kap. 5 och 7 §§",
                    params={"procedure": procedure.value, "shortening": shortening.value},
                )
            )
            shortening = Shortening.NONE
        elif not (shortening_reason or "").strip():
            breaches.append(
                Breach(
                    code="shortening_reason_missing",
                    field="short_limit_reason",
                    section=(
                        "LOU 11 kap. 5 §"
                        if shortening is Shortening.PRIOR_INFORMATION_NOTICE
                        else "LOU 11 kap. 7 §"
                    ),
                    params={"shortening": shortening.value},
                )
            )
            shortening = Shortening.NONE
        elif shortening is Shortening.PRIOR_INFORMATION_NOTICE:
            notice_day = notice_sent.date()
            if prior_notice_sent_on is None:
                breaches.append(
                    Breach(
                        code="prior_notice_date_missing",
                        field="prior_notice_sent_on",
                        section="LOU 11 kap. 5 §",
                    )
                )
                shortening = Shortening.NONE
            else:
                latest = notice_day - dt.timedelta(days=PRIOR_NOTICE_MIN_DAYS)
                earliest = _months_before(notice_day, PRIOR_NOTICE_MAX_MONTHS)
                if not earliest <= prior_notice_sent_on <= latest:
                    breaches.append(
                        Breach(
                            code="prior_notice_out_of_window",
                            field="prior_notice_sent_on",
                            section="LOU 11 kap. 5 §",
                            params={
                                "prior_notice_sent_on": prior_notice_sent_on.isoformat(),
                                "window_start": earliest.isoformat(),
                                "window_end": latest.isoformat(),
                            },
                        )
                    )
                    shortening = Shortening.NONE

    deadlines = {"application_deadline": application_deadline, "tender_deadline": tender_deadline}
    ahead: dict[str, dt.datetime] = {}
    for name, value in deadlines.items():
        if name == "application_deadline" and procedure not in _TWO_STAGE:
            continue  # an open procedure has no application stage
        if value is None:
            breaches.append(Breach(code="deadline_missing", field=name))
            continue
        value = local(value)
        if value <= now:
            if changed is None or name in changed:
                breaches.append(Breach(code="deadline_in_past", field=name, deadline=value))
            continue
        ahead[name] = value
    checked = set(deadlines)
    if changed is not None and significant_change_at is None:
        checked = set(changed)
        if "application_deadline" in checked:
            checked.add("tender_deadline")
    if breaches and any(b.code in ("deadline_missing", "deadline_in_past") for b in breaches):
        return breaches

    app = local(application_deadline) if application_deadline is not None else None
    tender = local(tender_deadline) if tender_deadline is not None else None
    if procedure in _TWO_STAGE and app is not None and tender is not None and tender <= app:
        breaches.append(
            Breach(
                code="deadlines_out_of_order",
                field="tender_deadline",
                deadline=tender,
                earliest=app,
            )
        )
        return breaches

    change = local(significant_change_at) if significant_change_at is not None else None

    def _check(name: str, code: str, limit: Limit | None, start: dt.datetime) -> None:
        if limit is None or name not in ahead or name not in checked:
            return
        earliest = period_end(start, limit.days)
        counted_from, section = limit.counted_from, limit.section
        if change is not None and period_end(change, limit.days) > earliest:
            start, earliest = change, period_end(change, limit.days)
            counted_from, section = "change", "LOU 11 kap. 8 §"
        if ahead[name] < earliest:
            breaches.append(
                Breach(
                    code=code,
                    field=name,
                    section=section,
                    minimum_days=limit.days,
                    start=start,
                    deadline=ahead[name],
                    earliest=earliest,
                    params={
                        "counted_from": counted_from,
                        "shortening": shortening.value,
                        "limit_section": limit.section,
                    },
                )
            )

    applications = minimum(procedure, Stage.APPLICATIONS, shortening=shortening)
    _check("application_deadline", "application_period_too_short", applications, notice_sent)
    tenders = minimum(procedure, Stage.TENDERS, shortening=shortening, electronic=electronic)
    if tenders is not None and tender is not None:
        # Two-stage: the invitation to tender cannot go out before the application
        # deadline, so the tender period is counted from it at the earliest.
        start = notice_sent if tenders.counted_from == "notice" else (app or notice_sent)
        _check("tender_deadline", "tender_period_too_short", tenders, start)
    return breaches


def earliest_deadlines(
    procedure: Procedure | str,
    *,
    notice_sent: dt.datetime,
    shortening: Shortening | str = Shortening.NONE,
    electronic: bool = True,
) -> dict[str, dt.datetime]:
    """The earliest lawful deadlines for a call whose notice is sent at *notice_sent*."""
    result: dict[str, dt.datetime] = {}
    applications = minimum(procedure, Stage.APPLICATIONS, shortening=shortening)
    if applications is not None:
        result["application_deadline"] = period_end(notice_sent, applications.days)
    tenders = minimum(procedure, Stage.TENDERS, shortening=shortening, electronic=electronic)
    if tenders is not None:
        start = result.get("application_deadline", notice_sent)
        if tenders.counted_from == "notice":
            start = notice_sent
        result["tender_deadline"] = period_end(start, tenders.days)
    return result
