"""The limits that refuse a call, measured in date and time in Europe/Stockholm."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handslag.rules import legal_clock as lc
from handslag.rules.legal_clock import Procedure, Shortening, Stage

TZ = lc.STOCKHOLM
ONE_MINUTE = dt.timedelta(minutes=1)


def at(y, m, d, hh=0, mm=0):
    return dt.datetime(y, m, d, hh, mm, tzinfo=TZ)


def codes(breaches):
    return [b.code for b in breaches]


# --- the minimum of each procedure ---------------------------------------------------------

MINIMA = [
    # procedure, stage, shortening, days, section
    (Procedure.OPEN, Stage.TENDERS, Shortening.NONE, 30, "LOU 11 kap. 2 och 6 §§"),
    (Procedure.OPEN, Stage.TENDERS, Shortening.PRIOR_INFORMATION_NOTICE, 15, "LOU 11 kap. 5 §"),
    (Procedure.OPEN, Stage.TENDERS, Shortening.URGENCY, 15, "LOU 11 kap. 7 §"),
    (Procedure.RESTRICTED, Stage.APPLICATIONS, Shortening.NONE, 30, "LOU 11 kap. 3 §"),
    (Procedure.RESTRICTED, Stage.APPLICATIONS, Shortening.URGENCY, 15, "LOU 11 kap. 7 §"),
    (Procedure.RESTRICTED, Stage.TENDERS, Shortening.NONE, 25, "LOU 11 kap. 4 och 6 §§"),
    (Procedure.RESTRICTED, Stage.TENDERS, Shortening.PRIOR_INFORMATION_NOTICE, 10, "LOU 11 kap. 5 §"),
    (Procedure.RESTRICTED, Stage.TENDERS, Shortening.URGENCY, 10, "LOU 11 kap. 7 §"),
    (Procedure.NEGOTIATED_WITH_PUBLICATION, Stage.APPLICATIONS, Shortening.NONE, 30, "LOU 11 kap. 3 §"),
    (Procedure.NEGOTIATED_WITH_PUBLICATION, Stage.TENDERS, Shortening.NONE, 25, "LOU 11 kap. 4 och 6 §§"),
    (Procedure.COMPETITIVE_DIALOGUE, Stage.APPLICATIONS, Shortening.NONE, 30, "LOU 11 kap. 3 §"),
    (Procedure.INNOVATION_PARTNERSHIP, Stage.APPLICATIONS, Shortening.NONE, 30, "LOU 11 kap. 3 §"),
]  # fmt: skip


@pytest.mark.parametrize(("procedure", "stage", "shortening", "days", "section"), MINIMA)
def test_minimum_of_every_procedure(procedure, stage, shortening, days, section):
    limit = lc.minimum(procedure, stage, shortening=shortening)
    assert (limit.days, limit.section) == (days, section)


def test_open_procedure_without_electronic_tenders_is_35_days():
    assert lc.minimum(Procedure.OPEN, Stage.TENDERS, electronic=False).days == 35


@pytest.mark.parametrize(
    ("procedure", "stage"),
    [
        (Procedure.OPEN, Stage.APPLICATIONS),
        (Procedure.COMPETITIVE_DIALOGUE, Stage.TENDERS),
        (Procedure.INNOVATION_PARTNERSHIP, Stage.TENDERS),  # policy only, never refused
        (Procedure.PRE_COMMERCIAL, Stage.APPLICATIONS),
        (Procedure.PRE_COMMERCIAL, Stage.TENDERS),
    ],
)
def test_stages_without_a_statutory_minimum(procedure, stage):
    assert lc.minimum(procedure, stage) is None


def test_innovation_partnership_and_dialogue_allow_no_shorter_limit():
    for procedure in (Procedure.INNOVATION_PARTNERSHIP, Procedure.COMPETITIVE_DIALOGUE):
        assert lc.shortenings_allowed(procedure) == frozenset()
        limit = lc.minimum(procedure, Stage.APPLICATIONS, shortening=Shortening.URGENCY)
        assert limit.days == 30


# --- counting ---------------------------------------------------------------------------


def test_period_end_is_midnight_after_the_last_day():
    # Sent Wednesday 2 December 2026 at 09:00: day 1 is 3 December, day 30 is 1 January
    # 2027 (New Year's Day), so the period runs to the end of Monday 4 January.
    assert lc.period_end(at(2026, 12, 2, 9), 30) == at(2027, 1, 5)


def test_period_end_on_a_working_day_is_not_moved():
    # Sent Monday 2 March 2026: day 30 is Wednesday 1 April.
    assert lc.period_end(at(2026, 3, 2, 15), 30) == at(2026, 4, 2)


def test_period_end_over_easter_2026():
    # Sent 5 March 2026: day 30 is Saturday 4 April, then Easter Sunday and Monday, so
    # the period runs to the end of Tuesday 7 April.
    assert lc.period_end(at(2026, 3, 5, 10), 30) == at(2026, 4, 8)


def test_the_day_is_the_swedish_day_not_the_utc_day():
    # 23:30 UTC on 1 March is already 2 March in Stockholm.
    late = dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC)
    assert lc.period_end(late, 30) == lc.period_end(at(2026, 3, 2, 0, 30), 30)


def test_naive_datetimes_are_refused():
    with pytest.raises(TypeError):
        lc.period_end(dt.datetime(2026, 3, 2, 9), 30)


# --- the check ----------------------------------------------------------------------------


def test_three_minutes_for_applications_is_refused_with_the_earliest_lawful_time():
    notice = at(2026, 12, 2, 10)
    breaches = lc.check_deadlines(
        Procedure.INNOVATION_PARTNERSHIP,
        notice_sent=notice,
        application_deadline=notice + dt.timedelta(minutes=3),
        tender_deadline=at(2027, 3, 1, 12),
        now=notice,
    )
    assert codes(breaches) == ["application_period_too_short"]
    breach = breaches[0]
    assert breach.section == "LOU 11 kap. 3 §"
    assert breach.minimum_days == 30
    assert breach.earliest == at(2027, 1, 5)


def test_one_minute_short_is_refused_and_the_limit_itself_is_lawful():
    notice = at(2026, 3, 2, 9)
    earliest = lc.period_end(notice, 30)
    kwargs = {"notice_sent": notice, "tender_deadline": earliest + dt.timedelta(days=60)}
    short = lc.check_deadlines(
        Procedure.NEGOTIATED_WITH_PUBLICATION,
        application_deadline=earliest - ONE_MINUTE,
        now=notice,
        **kwargs,
    )
    assert codes(short) == ["application_period_too_short"]
    assert (
        lc.check_deadlines(
            Procedure.NEGOTIATED_WITH_PUBLICATION,
            application_deadline=earliest,
            now=notice,
            **kwargs,
        )
        == []
    )


def test_a_deadline_in_the_past_is_refused():
    notice = at(2026, 3, 2, 9)
    breaches = lc.check_deadlines(
        Procedure.OPEN,
        notice_sent=notice,
        application_deadline=None,
        tender_deadline=notice - ONE_MINUTE,
        now=notice,
    )
    assert codes(breaches) == ["deadline_in_past"]


def test_a_missing_deadline_is_refused():
    notice = at(2026, 3, 2, 9)
    breaches = lc.check_deadlines(
        Procedure.INNOVATION_PARTNERSHIP,
        notice_sent=notice,
        application_deadline=None,
        tender_deadline=at(2026, 6, 1),
        now=notice,
    )
    assert codes(breaches) == ["deadline_missing"]


def test_two_stage_tender_period_counts_from_the_application_deadline():
    notice = at(2026, 3, 2, 9)
    app = at(2026, 4, 10, 12)
    earliest_tender = lc.period_end(app, 25)
    breaches = lc.check_deadlines(
        Procedure.RESTRICTED,
        notice_sent=notice,
        application_deadline=app,
        tender_deadline=earliest_tender - ONE_MINUTE,
        now=notice,
    )
    assert codes(breaches) == ["tender_period_too_short"]
    assert breaches[0].earliest == earliest_tender
    assert breaches[0].section == "LOU 11 kap. 4 och 6 §§"


def test_open_procedure_ignores_the_application_deadline():
    notice = at(2026, 3, 2, 9)
    breaches = lc.check_deadlines(
        Procedure.OPEN,
        notice_sent=notice,
        application_deadline=None,
        tender_deadline=lc.period_end(notice, 30),
        now=notice,
    )
    assert breaches == []


def test_urgency_needs_its_reason_recorded():
    notice = at(2026, 3, 2, 9)
    kwargs = {
        "notice_sent": notice,
        "application_deadline": None,
        "tender_deadline": lc.period_end(notice, 15),
        "now": notice,
        "shortening": Shortening.URGENCY,
    }
    without = lc.check_deadlines(Procedure.OPEN, **kwargs)
    assert codes(without) == ["shortening_reason_missing", "tender_period_too_short"]
    assert without[1].minimum_days == 30  # the ordinary limit applies without a reason
    with_reason = lc.check_deadlines(
        Procedure.OPEN, shortening_reason="Flood damage to the school kitchen", **kwargs
    )
    assert with_reason == []


def test_urgency_is_not_available_in_an_innovation_partnership():
    notice = at(2026, 3, 2, 9)
    breaches = lc.check_deadlines(
        Procedure.INNOVATION_PARTNERSHIP,
        notice_sent=notice,
        application_deadline=lc.period_end(notice, 15),
        tender_deadline=at(2026, 9, 1),
        now=notice,
        shortening=Shortening.URGENCY,
        shortening_reason="We are in a hurry",
    )
    assert codes(breaches) == ["shortening_not_allowed", "application_period_too_short"]


def test_prior_information_notice_window():
    notice = at(2026, 6, 10, 9)
    kwargs = {
        "notice_sent": notice,
        "application_deadline": None,
        "tender_deadline": lc.period_end(notice, 15),
        "now": notice,
        "shortening": Shortening.PRIOR_INFORMATION_NOTICE,
        "shortening_reason": "Prior information notice 2026/S 012-000123",
    }
    assert codes(lc.check_deadlines(Procedure.OPEN, **kwargs)) == [
        "prior_notice_date_missing",
        "tender_period_too_short",
    ]
    lawful = lc.check_deadlines(Procedure.OPEN, prior_notice_sent_on=dt.date(2026, 5, 6), **kwargs)
    assert lawful == []
    too_late = lc.check_deadlines(
        Procedure.OPEN, prior_notice_sent_on=dt.date(2026, 5, 7), **kwargs
    )
    assert codes(too_late)[0] == "prior_notice_out_of_window"
    too_old = lc.check_deadlines(Procedure.OPEN, prior_notice_sent_on=dt.date(2025, 6, 9), **kwargs)
    assert codes(too_old)[0] == "prior_notice_out_of_window"


def test_significant_change_counts_the_minimum_again_from_the_change():
    notice = at(2026, 3, 2, 9)
    app = lc.period_end(notice, 30)
    change = at(2026, 3, 20, 14)
    breaches = lc.check_deadlines(
        Procedure.INNOVATION_PARTNERSHIP,
        notice_sent=notice,
        application_deadline=app,
        tender_deadline=at(2026, 9, 1),
        now=change,
        significant_change_at=change,
    )
    assert codes(breaches) == ["application_period_too_short"]
    assert breaches[0].section == "LOU 11 kap. 8 §"
    assert breaches[0].earliest == lc.period_end(change, 30)
    assert breaches[0].params["counted_from"] == "change"


def test_an_ordinary_change_checks_only_the_deadlines_it_sets():
    notice = at(2026, 3, 2, 9)
    app = notice + dt.timedelta(days=3)  # an old, unlawful call
    change = at(2026, 3, 3, 9)
    kwargs = {
        "notice_sent": notice,
        "application_deadline": app,
        "now": change,
    }
    assert (
        lc.check_deadlines(
            Procedure.INNOVATION_PARTNERSHIP,
            tender_deadline=at(2026, 9, 1),
            changed={"tender_deadline"},
            **kwargs,
        )
        == []
    )
    assert codes(
        lc.check_deadlines(
            Procedure.INNOVATION_PARTNERSHIP,
            tender_deadline=at(2026, 9, 1),
            changed={"application_deadline"},
            **kwargs,
        )
    ) == ["application_period_too_short"]


def test_a_passed_deadline_that_is_not_set_is_left_alone():
    notice = at(2026, 3, 2, 9)
    app = lc.period_end(notice, 30)
    later = app + dt.timedelta(days=2)
    breaches = lc.check_deadlines(
        Procedure.RESTRICTED,
        notice_sent=notice,
        application_deadline=app,
        tender_deadline=lc.period_end(app, 25),
        now=later,
        changed={"tender_deadline"},
    )
    assert breaches == []


def test_earliest_deadlines_of_a_call():
    notice = at(2026, 3, 2, 9)
    found = lc.earliest_deadlines(Procedure.RESTRICTED, notice_sent=notice)
    assert found["application_deadline"] == lc.period_end(notice, 30)
    assert found["tender_deadline"] == lc.period_end(found["application_deadline"], 25)


# --- properties: midnight, weekends, Swedish holidays ----------------------------------

# Publication times around midnight, across the holidays of several years and both
# daylight-saving changes.
_days = st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2030, 12, 31))
_times = st.sampled_from(
    [dt.time(0, 0), dt.time(0, 1), dt.time(1, 30), dt.time(12, 0), dt.time(23, 0), dt.time(23, 59)]
)
_limits = st.sampled_from([(p, s, sh) for p, s, sh, _d, _s in MINIMA])


def _instant(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=TZ)


@settings(max_examples=300, deadline=None)
@given(day=_days, time=_times, limit=_limits)
def test_period_end_gives_the_full_days_and_ends_after_a_working_day(day, time, limit):
    procedure, stage, shortening = limit
    days = lc.minimum(procedure, stage, shortening=shortening).days
    start = _instant(day, time)
    end = lc.period_end(start, days)
    assert end.tzinfo is TZ and (end.hour, end.minute) == (0, 0)
    last_day = end.date() - dt.timedelta(days=1)
    # At least the full number of days after the day of the event…
    assert (last_day - day).days >= days
    # …ending at the end of a working day…
    assert lc.is_working_day(last_day)
    # …and no later than needed: every day between day N and the last day is off.
    for offset in range(days, (last_day - day).days):
        assert not lc.is_working_day(day + dt.timedelta(days=offset))


@settings(max_examples=300, deadline=None)
@given(day=_days, time=_times, limit=_limits)
def test_one_minute_short_is_always_refused(day, time, limit):
    procedure, stage, shortening = limit
    notice = _instant(day, time)
    reason = "Stated urgency" if shortening else ""
    pin = day - dt.timedelta(days=60) if shortening is Shortening.PRIOR_INFORMATION_NOTICE else None
    earliest = lc.earliest_deadlines(procedure, notice_sent=notice, shortening=shortening)
    app = earliest.get("application_deadline")
    tender = earliest.get("tender_deadline") or (app + dt.timedelta(days=90))
    kwargs = {
        "notice_sent": notice,
        "now": notice,
        "shortening": shortening,
        "shortening_reason": reason,
        "prior_notice_sent_on": pin,
    }
    assert (
        lc.check_deadlines(procedure, application_deadline=app, tender_deadline=tender, **kwargs)
        == []
    )
    field = "application_deadline" if stage is Stage.APPLICATIONS else "tender_deadline"
    if field == "application_deadline":
        short = lc.check_deadlines(
            procedure, application_deadline=app - ONE_MINUTE, tender_deadline=tender, **kwargs
        )
    else:
        short = lc.check_deadlines(
            procedure, application_deadline=app, tender_deadline=tender - ONE_MINUTE, **kwargs
        )
    assert [(b.code, b.field) for b in short] == [
        (
            "application_period_too_short"
            if field == "application_deadline"
            else "tender_period_too_short",
            field,
        )
    ]
    assert short[0].earliest == (app if field == "application_deadline" else tender)


def test_answers_in_an_accelerated_procedure_four_days_before():
    deadline = dt.date(2026, 4, 20)  # a Monday
    assert lc.last_day_for_answers(deadline, accelerated=True) == dt.date(2026, 4, 16)
    assert lc.last_day_for_answers(
        deadline, accelerated=True, deadline_day_counts=False
    ) == dt.date(2026, 4, 15)


def test_a_period_past_the_end_of_the_calendar_does_not_crash():
    assert lc.period_end(at(9999, 12, 20, 12), 30) == lc.deadlines.END_OF_TIME
