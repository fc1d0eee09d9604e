"""Tests for the legal clock (LOU time limits and Swedish working days).

Plain functions with no Django dependency: run with ``pytest -p no:django``.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handslag.rules import legal_clock as lc
from handslag.rules.legal_clock import Procedure

D = dt.date
TWO_STAGE = (
    Procedure.RESTRICTED,
    Procedure.NEGOTIATED_WITH_PUBLICATION,
    Procedure.COMPETITIVE_DIALOGUE,
    Procedure.INNOVATION_PARTNERSHIP,
)
ALL_DATES = st.dates(min_value=D(1990, 1, 1), max_value=D(2099, 12, 31))


def codes(warnings: list[lc.Warning]) -> list[str]:
    return [w.code for w in warnings]


# --- Swedish working days ---------------------------------------------------


def test_easter_2026():
    assert lc.is_working_day(D(2026, 4, 2))  # Maundy Thursday is a working day
    assert not lc.is_working_day(D(2026, 4, 3))  # Good Friday
    assert lc.non_working_reason(D(2026, 4, 3)) == "Good Friday"
    assert not lc.is_working_day(D(2026, 4, 4))  # Easter Saturday
    assert not lc.is_working_day(D(2026, 4, 5))  # Easter Day
    assert not lc.is_working_day(D(2026, 4, 6))  # Easter Monday
    assert lc.non_working_reason(D(2026, 4, 6)) == "Easter Monday"
    assert lc.is_working_day(D(2026, 4, 7))


def test_midsummer_2026():
    assert lc.is_working_day(D(2026, 6, 18))
    assert not lc.is_working_day(D(2026, 6, 19))  # Midsummer Eve, a Friday
    assert lc.non_working_reason(D(2026, 6, 19)) == "Midsummer Eve"
    assert not lc.is_working_day(D(2026, 6, 20))  # Midsummer Day, a Saturday
    assert lc.non_working_reason(D(2026, 6, 20)) == "Midsummer Day"
    assert lc.is_working_day(D(2026, 6, 22))


def test_midsummer_eve_is_always_the_friday_before_midsummer_day():
    for year in range(2000, 2041):
        eves = [D(year, 6, d) for d in range(19, 26) if lc.non_working_reason(D(year, 6, d))]
        fridays = [day for day in eves if lc.non_working_reason(day) == "Midsummer Eve"]
        assert len(fridays) == 1
        assert fridays[0].weekday() == 4
        assert lc.non_working_reason(fridays[0] + dt.timedelta(days=1)) == "Midsummer Day"


def test_christmas_and_new_year_2026():
    assert lc.is_working_day(D(2026, 12, 23))
    assert lc.non_working_reason(D(2026, 12, 24)) == "Christmas Eve"  # a Thursday
    assert not lc.is_working_day(D(2026, 12, 25))  # Christmas Day
    assert not lc.is_working_day(D(2026, 12, 26))  # Boxing Day (also a Saturday)
    assert lc.is_working_day(D(2026, 12, 28))
    assert lc.is_working_day(D(2026, 12, 30))
    assert lc.non_working_reason(D(2026, 12, 31)) == "New Year's Eve"  # a Thursday
    assert not lc.is_working_day(D(2027, 1, 1))  # New Year's Day
    assert lc.is_working_day(D(2027, 1, 5))
    assert not lc.is_working_day(D(2027, 1, 6))  # Epiphany, a Wednesday


def test_national_day():
    assert D(2025, 6, 6).weekday() == 4
    assert not lc.is_working_day(D(2025, 6, 6))  # a Friday, so only the holiday explains it
    assert lc.non_working_reason(D(2025, 6, 6)) == "National Day"
    # In 2026 it falls on a Saturday: the holiday's name is what the buyer sees.
    assert lc.non_working_reason(D(2026, 6, 6)) == "National Day"


def test_ascension_day_and_the_working_day_after_it():
    assert D(2026, 5, 14).weekday() == 3
    assert lc.non_working_reason(D(2026, 5, 14)) == "Ascension Day"
    assert lc.is_working_day(D(2026, 5, 15))  # "klämdag": free for many, legally a weekday


def test_whit_monday_is_a_working_day_since_2005():
    assert lc.is_working_day(D(2026, 5, 25))


def test_ordinary_weekend_and_weekday():
    assert lc.non_working_reason(D(2026, 3, 7)) == "Saturday"
    assert lc.non_working_reason(D(2026, 3, 8)) == "Sunday"
    assert lc.is_working_day(D(2026, 3, 9))


def test_library_versions_that_list_every_sunday(monkeypatch):
    """Older `holidays` versions list every Sunday and lack the include_sundays switch."""
    real = lc.holidays.country_holidays

    def old_style(country, **kwargs):
        if "include_sundays" in kwargs:
            raise TypeError("unexpected keyword argument 'include_sundays'")
        return real(country, include_sundays=True, **kwargs)

    assert "Sunday" in real("SE", years=2026, include_sundays=True).get_list(D(2026, 4, 5))
    monkeypatch.setattr(lc.holidays, "country_holidays", old_style)
    lc._public_holidays.cache_clear()
    try:
        assert lc.non_working_reason(D(2026, 4, 5)) == "Easter Sunday"
        assert lc.non_working_reason(D(2026, 3, 8)) == "Sunday"
        assert lc.standstill_end(D(2026, 3, 26)) == D(2026, 4, 7)
    finally:
        monkeypatch.undo()
        lc._public_holidays.cache_clear()


def test_next_and_previous_working_day():
    assert lc.next_working_day(D(2026, 4, 3)) == D(2026, 4, 7)
    assert lc.next_working_day(D(2026, 4, 7)) == D(2026, 4, 7)
    assert lc.previous_working_day(D(2026, 4, 6)) == D(2026, 4, 2)
    assert lc.previous_working_day(D(2026, 4, 2)) == D(2026, 4, 2)


def test_add_working_days_skips_easter():
    assert lc.add_working_days(D(2026, 4, 2), 1) == D(2026, 4, 7)
    assert lc.add_working_days(D(2026, 4, 7), -1) == D(2026, 4, 2)
    assert lc.add_working_days(D(2026, 4, 5), 0) == D(2026, 4, 5)


def test_datetimes_are_refused():
    with pytest.raises(TypeError):
        lc.is_working_day(dt.datetime(2026, 4, 3, 12, 0))
    with pytest.raises(TypeError):
        lc.standstill_end(dt.datetime(2026, 3, 26, 9, 0))


# --- Standstill ---------------------------------------------------------------


def test_standstill_over_easter_moves_to_tuesday():
    # Sent Thursday 26 March; day 10 is Sunday 5 April (Easter Day), then Easter Monday.
    assert lc.standstill_end(D(2026, 3, 26)) == D(2026, 4, 7)
    assert lc.earliest_contract_date(D(2026, 3, 26)) == D(2026, 4, 8)


def test_standstill_ending_on_a_working_day_is_not_moved():
    # Sent Monday 2 March 2026; day 10 is Thursday 12 March.
    assert lc.standstill_end(D(2026, 3, 2)) == D(2026, 3, 12)


def test_standstill_fifteen_days_when_not_electronic():
    # Sent Monday 2 March 2026; day 15 is Tuesday 17 March.
    assert lc.standstill_end(D(2026, 3, 2), electronic=False) == D(2026, 3, 17)
    # Sent Friday 6 March; day 15 is Saturday 21 March, so Monday 23 March.
    assert lc.standstill_end(D(2026, 3, 6), electronic=False) == D(2026, 3, 23)
    assert lc.standstill_end(D(2026, 3, 6), electronic=True) == D(2026, 3, 16)


def test_standstill_ending_on_midsummer_eve_moves_to_monday():
    # Sent Tuesday 9 June 2026; day 10 is Midsummer Eve, then Midsummer Day and Sunday.
    assert lc.standstill_end(D(2026, 6, 9)) == D(2026, 6, 22)


def test_standstill_ending_on_christmas_eve_and_new_years_eve():
    assert lc.standstill_end(D(2026, 12, 14)) == D(2026, 12, 28)
    assert lc.standstill_end(D(2026, 12, 21)) == D(2027, 1, 4)


def test_contract_allowed_only_after_the_standstill_end():
    sent = D(2026, 3, 26)
    assert not lc.contract_allowed(sent, D(2026, 3, 26))
    assert not lc.contract_allowed(sent, D(2026, 4, 5))  # plain day 10
    assert not lc.contract_allowed(sent, D(2026, 4, 7))  # the end date itself
    assert lc.contract_allowed(sent, D(2026, 4, 8))


def test_contract_allowed_non_electronic():
    sent = D(2026, 3, 2)
    assert not lc.contract_allowed(sent, D(2026, 3, 17), electronic=False)
    assert lc.contract_allowed(sent, D(2026, 3, 18), electronic=False)
    assert lc.contract_allowed(sent, D(2026, 3, 13), electronic=True)


@given(ALL_DATES, st.booleans())
def test_standstill_end_is_a_working_day_at_least_the_statutory_days_later(sent, electronic):
    end = lc.standstill_end(sent, electronic)
    assert lc.is_working_day(end)
    assert end >= sent + dt.timedelta(days=10)
    assert end >= sent + dt.timedelta(days=lc.standstill_days(electronic))
    # ... and no later than necessary: every day between day N and the end is non-working.
    day = sent + dt.timedelta(days=lc.standstill_days(electronic))
    while day < end:
        assert not lc.is_working_day(day)
        day += dt.timedelta(days=1)


@given(ALL_DATES)
def test_next_working_day_is_the_first_working_day_on_or_after(day):
    result = lc.next_working_day(day)
    assert result >= day
    assert lc.is_working_day(result)
    assert all(
        not lc.is_working_day(day + dt.timedelta(days=i)) for i in range((result - day).days)
    )


# --- Questions and answers ----------------------------------------------------


def test_last_day_for_answers_on_a_working_day_is_deadline_minus_six():
    assert lc.last_day_for_answers(D(2026, 4, 20)) == D(2026, 4, 14)


def test_last_day_for_answers_crossing_a_weekend_moves_earlier():
    # Deadline Friday 17 April; minus six is Saturday 11 April, so Friday 10 April.
    assert lc.last_day_for_answers(D(2026, 4, 17)) == D(2026, 4, 10)
    # Deadline Friday 12 June; minus six is Saturday 6 June (National Day), so Friday 5 June.
    assert lc.last_day_for_answers(D(2026, 6, 12)) == D(2026, 6, 5)


def test_last_day_for_answers_over_easter():
    # Deadline Thursday 9 April; minus six is Good Friday, so Maundy Thursday 2 April.
    assert lc.last_day_for_answers(D(2026, 4, 9)) == D(2026, 4, 2)
    # Deadline Saturday 11 April; minus six is Easter Day, back past Good Friday.
    assert lc.last_day_for_answers(D(2026, 4, 11)) == D(2026, 4, 2)


def test_last_day_for_answers_stricter_reading():
    assert lc.last_day_for_answers(D(2026, 4, 20), deadline_day_counts=False) == D(2026, 4, 13)


def test_last_day_for_questions_default_buffer():
    # Answers by Friday 10 April; two working days earlier is Wednesday 8 April.
    assert lc.last_day_for_questions(D(2026, 4, 17)) == D(2026, 4, 8)


def test_last_day_for_questions_skips_holidays():
    # Answers by Thursday 9 April; two working days back over Easter Monday: Tuesday 7 April.
    assert lc.last_day_for_questions(D(2026, 4, 15)) == D(2026, 4, 7)
    # Three working days back: Easter Monday and Good Friday are skipped, so 2 April.
    assert lc.last_day_for_questions(D(2026, 4, 15), buffer_days=3) == D(2026, 4, 2)
    assert lc.last_day_for_questions(D(2026, 4, 15), buffer_days=0) == D(2026, 4, 9)


def test_last_day_for_questions_rejects_negative_buffer():
    with pytest.raises(ValueError):
        lc.last_day_for_questions(D(2026, 4, 15), buffer_days=-1)


@given(ALL_DATES)
def test_last_day_for_answers_is_the_latest_working_day_six_days_before(deadline):
    answer = lc.last_day_for_answers(deadline)
    assert lc.is_working_day(answer)
    assert answer <= deadline - dt.timedelta(days=6)
    day = answer + dt.timedelta(days=1)
    while day <= deadline - dt.timedelta(days=6):
        assert not lc.is_working_day(day)
        day += dt.timedelta(days=1)


# --- Minimum time limits as data ---------------------------------------------


def test_time_limit_figures():
    open_ = lc.time_limits(Procedure.OPEN)
    assert open_.application_days is None
    assert open_.minimum_tender_days(electronic=False) == 35
    assert open_.minimum_tender_days(electronic=True) == 30
    assert open_.minimum_tender_days(prior_information_notice=True) == 15
    for procedure in (Procedure.RESTRICTED, Procedure.NEGOTIATED_WITH_PUBLICATION):
        limits = lc.time_limits(procedure)
        assert limits.minimum_application_days() == 30
        assert limits.minimum_tender_days(electronic=False) == 30
        assert limits.minimum_tender_days(electronic=True) == 25
        assert limits.minimum_tender_days(prior_information_notice=True) == 10
        assert limits.tender_period_start is lc.TenderPeriodStart.INVITATION
    dialogue = lc.time_limits("competitive_dialogue")
    assert dialogue.application_days == 30
    assert dialogue.minimum_tender_days() is None
    partnership = lc.time_limits(Procedure.INNOVATION_PARTNERSHIP)
    assert partnership.application_days == 30
    assert partnership.minimum_tender_days(electronic=True) == 30  # policy, no reduction
    assert not partnership.tender_days_statutory
    pcp = lc.time_limits(Procedure.PRE_COMMERCIAL)
    assert pcp.application_days is None
    assert pcp.minimum_tender_days() is None
    assert "Outside LOU" in pcp.reference


def test_every_procedure_has_limits_and_a_reference():
    assert set(lc.TIME_LIMITS) == set(Procedure)
    for procedure, limits in lc.TIME_LIMITS.items():
        assert limits.procedure is procedure
        assert limits.reference
        if limits.application_days is not None:
            assert limits.application_reference
        if limits.tender_days is not None:
            assert limits.tender_reference
            assert limits.tender_period_start is not None


# --- check_plan -------------------------------------------------------------

NOTICE = D(2026, 2, 2)  # Monday
APPLICATIONS = D(2026, 3, 4)  # Wednesday, exactly 30 days later
TENDERS = D(2026, 4, 14)  # Tuesday, 41 days after the application deadline


@pytest.mark.parametrize("procedure", list(Procedure))
def test_valid_plan_has_no_warnings(procedure):
    application = None if procedure is Procedure.OPEN else APPLICATIONS
    assert lc.check_plan(procedure, NOTICE, application, TENDERS) == []


def test_open_procedure_tender_period_too_short():
    # Electronic: 30 days. Monday 2 Feb + 29 = Tuesday 3 March.
    warnings = lc.check_plan(Procedure.OPEN, NOTICE, None, D(2026, 3, 3))
    assert codes(warnings) == ["tender_period_too_short"]
    assert warnings[0].params["minimum_days"] == 30
    assert warnings[0].params["days"] == 29
    assert warnings[0].params["earliest_deadline"] == "2026-03-04"
    assert lc.check_plan(Procedure.OPEN, NOTICE, None, D(2026, 3, 4)) == []


def test_open_procedure_without_electronic_submission_needs_35_days():
    warnings = lc.check_plan(Procedure.OPEN, NOTICE, None, D(2026, 3, 4), electronic=False)
    assert codes(warnings) == ["tender_period_too_short"]
    assert warnings[0].params["minimum_days"] == 35
    assert lc.check_plan(Procedure.OPEN, NOTICE, None, D(2026, 3, 9), electronic=False) == []


def test_open_procedure_with_prior_information_notice():
    deadline = NOTICE + dt.timedelta(days=15)  # Tuesday 17 February
    assert lc.check_plan(Procedure.OPEN, NOTICE, None, deadline) != []
    assert (
        lc.check_plan(Procedure.OPEN, NOTICE, None, deadline, prior_information_notice=True) == []
    )


@pytest.mark.parametrize("procedure", TWO_STAGE)
def test_application_period_too_short(procedure):
    short = NOTICE + dt.timedelta(days=29)  # Tuesday 3 March
    warnings = lc.check_plan(procedure, NOTICE, short, TENDERS)
    assert codes(warnings) == ["application_period_too_short"]
    params = warnings[0].params
    assert params["procedure"] == procedure.value
    assert (params["days"], params["minimum_days"]) == (29, 30)
    assert params["earliest_deadline"] == "2026-03-04"
    assert "30 days" in warnings[0].message


@pytest.mark.parametrize(
    ("procedure", "minimum"),
    [
        (Procedure.RESTRICTED, 25),
        (Procedure.NEGOTIATED_WITH_PUBLICATION, 25),
        (Procedure.INNOVATION_PARTNERSHIP, 30),
    ],
)
def test_tender_period_too_short_counts_from_the_application_deadline(procedure, minimum):
    # 46 days after the notice, but only 16 after the application deadline: the
    # invitation to tender cannot go out before the application deadline.
    deadline = D(2026, 3, 20)
    warnings = lc.check_plan(procedure, NOTICE, APPLICATIONS, deadline)
    assert codes(warnings) == ["tender_period_too_short"]
    params = warnings[0].params
    assert params["counted_from"] == "application_deadline"
    assert (params["days"], params["minimum_days"]) == (16, minimum)
    ok = APPLICATIONS + dt.timedelta(days=minimum)
    assert lc.check_plan(procedure, NOTICE, APPLICATIONS, lc.next_working_day(ok)) == []


@pytest.mark.parametrize(
    ("procedure", "minimum"),
    [
        (Procedure.RESTRICTED, 30),
        (Procedure.NEGOTIATED_WITH_PUBLICATION, 30),
        (Procedure.INNOVATION_PARTNERSHIP, 30),
    ],
)
def test_tender_period_without_electronic_submission(procedure, minimum):
    deadline = APPLICATIONS + dt.timedelta(days=27)  # Tuesday 31 March
    warnings = lc.check_plan(procedure, NOTICE, APPLICATIONS, deadline, electronic=False)
    assert codes(warnings) == ["tender_period_too_short"]
    assert warnings[0].params["minimum_days"] == minimum


def test_innovation_partnership_tender_minimum_is_marked_as_policy():
    warnings = lc.check_plan(Procedure.INNOVATION_PARTNERSHIP, NOTICE, APPLICATIONS, D(2026, 3, 31))
    assert codes(warnings) == ["tender_period_too_short"]
    assert warnings[0].params["statutory"] is False
    assert "policy" in warnings[0].message


def test_tender_period_counts_from_the_invitation_when_known():
    invitation = D(2026, 3, 16)  # Monday
    deadline = D(2026, 4, 8)  # Wednesday: 35 days after applications, 23 after invitation
    assert lc.check_plan(Procedure.RESTRICTED, NOTICE, APPLICATIONS, deadline) == []
    warnings = lc.check_plan(
        Procedure.RESTRICTED, NOTICE, APPLICATIONS, deadline, invitation_sent=invitation
    )
    assert codes(warnings) == ["tender_period_too_short"]
    assert warnings[0].params["counted_from"] == "invitation_sent"
    assert warnings[0].params["earliest_deadline"] == "2026-04-10"


def test_tender_period_without_application_deadline_uses_the_earliest_lawful_one():
    warnings = lc.check_plan(Procedure.RESTRICTED, NOTICE, None, D(2026, 3, 20))
    assert codes(warnings) == ["tender_period_too_short"]
    assert warnings[0].params["counted_from"] == "earliest_application_deadline"
    assert warnings[0].params["start"] == "2026-03-04"


def test_competitive_dialogue_has_no_tender_minimum():
    deadline = APPLICATIONS + dt.timedelta(days=2)  # Friday 6 March
    assert lc.check_plan(Procedure.COMPETITIVE_DIALOGUE, NOTICE, APPLICATIONS, deadline) == []


def test_pre_commercial_has_no_statutory_minimum_but_order_still_matters():
    assert lc.check_plan(Procedure.PRE_COMMERCIAL, NOTICE, D(2026, 2, 3), D(2026, 2, 4)) == []
    warnings = lc.check_plan(Procedure.PRE_COMMERCIAL, NOTICE, D(2026, 2, 4), D(2026, 2, 3))
    assert codes(warnings) == ["deadlines_out_of_order"]


def test_deadlines_in_the_wrong_order():
    warnings = lc.check_plan(Procedure.RESTRICTED, NOTICE, TENDERS, APPLICATIONS)
    assert "deadlines_out_of_order" in codes(warnings)
    order = next(w for w in warnings if w.code == "deadlines_out_of_order")
    assert order.params["earlier_field"] == "application_deadline"
    assert order.params["later_field"] == "tender_deadline"
    assert not order.is_soft


def test_deadline_before_the_notice():
    warnings = lc.check_plan(Procedure.OPEN, NOTICE, None, D(2026, 1, 30))
    assert codes(warnings) == ["deadlines_out_of_order", "tender_period_too_short"]


def test_invitation_before_the_application_deadline_is_out_of_order():
    warnings = lc.check_plan(
        Procedure.RESTRICTED, NOTICE, APPLICATIONS, TENDERS, invitation_sent=D(2026, 3, 3)
    )
    assert codes(warnings) == ["deadlines_out_of_order"]
    assert warnings[0].params["later_field"] == "invitation_sent"


def test_deadline_on_a_non_working_day_is_a_soft_warning():
    good_friday = D(2026, 4, 3)
    warnings = lc.check_plan(Procedure.OPEN, NOTICE, None, good_friday)
    assert codes(warnings) == ["deadline_on_non_working_day"]
    assert warnings[0].is_soft
    assert warnings[0].params["reason"] == "Good Friday"
    assert warnings[0].params["next_working_day"] == "2026-04-07"


def test_application_deadline_on_midsummer_eve_is_flagged():
    warnings = lc.check_plan(Procedure.RESTRICTED, D(2026, 5, 18), D(2026, 6, 19), D(2026, 8, 17))
    assert codes(warnings) == ["deadline_on_non_working_day"]
    assert warnings[0].params["field"] == "application_deadline"


def test_open_procedure_with_application_deadline_is_a_soft_warning():
    warnings = lc.check_plan(Procedure.OPEN, NOTICE, APPLICATIONS, TENDERS)
    assert codes(warnings) == ["application_deadline_not_used"]
    assert warnings[0].is_soft


def test_check_plan_accepts_the_string_value_of_a_procedure():
    assert lc.check_plan("open", NOTICE, None, D(2026, 3, 3)) != []
    with pytest.raises(ValueError):
        lc.check_plan("auction", NOTICE, None, TENDERS)


def test_warning_is_frozen():
    warning = lc.Warning("code", "message", {"a": 1})
    with pytest.raises(AttributeError):
        warning.code = "other"  # type: ignore[misc]
    assert lc.PlanWarning is lc.Warning
