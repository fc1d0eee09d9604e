"""Swedish working days: weekends, public holidays and the eves treated as holidays.

Lag (1930:173) om beräkning av lagstadgad tid, 2 §; the holidays come from `holidays`.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from types import MappingProxyType

import holidays

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
