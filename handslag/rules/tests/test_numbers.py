"""Numbers, per cent and kronor as handslag writes them, in Swedish and English."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handslag.rules.numbers import (
    ENGLISH,
    MISSING,
    SWEDISH,
    NumberStyle,
    format_change,
    format_kronor,
    format_number,
    format_percent,
)

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("value", "kwargs", "swedish", "english"),
    [
        (1234567.5, {"grouped": True}, f"1{NBSP}234{NBSP}567,5", "1,234,567.5"),
        (1234567.5, {}, "1234567,5", "1234567.5"),
        (Decimal("1.50"), {}, "1,50", "1.50"),
        (2.5, {"decimal_pos": 0}, "3", "3"),  # half up, not to even
        (0.125, {"decimal_pos": 2}, "0,13", "0.13"),  # on the decimal a reader sees
        (-0.04, {"decimal_pos": 1}, "0,0", "0.0"),  # no minus before a zero
        (-1234.0, {"decimal_pos": 0, "grouped": True}, f"-1{NBSP}234", "-1,234"),
        (1e-7, {}, "0,0000001", "0.0000001"),
        (7, {"decimal_pos": 2}, "7,00", "7.00"),
    ],
)
def test_numbers(value, kwargs, swedish, english):
    assert format_number(value, style=SWEDISH, **kwargs) == swedish
    assert format_number(value, style=ENGLISH, **kwargs) == english


def test_a_value_that_is_not_a_finite_number_is_written_as_python_writes_it():
    assert format_number(float("nan"), style=SWEDISH) == "nan"
    assert format_number(float("inf"), style=SWEDISH, decimal_pos=0) == "inf"


def test_grouping_may_vary_from_group_to_group():
    indian = NumberStyle(decimal_separator=".", thousand_separator=",", grouping=(3, 2, 0))
    assert format_number(123456789, style=indian, grouped=True) == "12,34,56,789"
    assert format_number(123456789, style=NumberStyle(",", " ", 0), grouped=True) == "123456789"


def test_negative_decimal_places_are_refused():
    with pytest.raises(ValueError):
        format_number(1, style=SWEDISH, decimal_pos=-1)


def test_percent():
    assert format_percent(0.0432, style=SWEDISH) == "4,3 %"
    assert format_percent(0.0432, style=ENGLISH, digits=0) == "4 %"
    assert format_percent(12.345, style=SWEDISH) == f"1{NBSP}234,5 %"
    assert format_percent(12.345, style=SWEDISH, grouped=False) == "1234,5 %"
    assert format_percent(Decimal("0.15"), style=SWEDISH, digits=0) == "15 %"
    assert format_percent(None, style=SWEDISH) == MISSING == "–"


def test_kronor():
    assert format_kronor(1234567.4, style=SWEDISH) == f"1{NBSP}234{NBSP}567"
    assert format_kronor(1234567, style=SWEDISH, unit="kr") == f"1{NBSP}234{NBSP}567 kr"
    assert format_kronor(1234567, style=ENGLISH, unit="SEK") == "1,234,567 SEK"
    assert format_kronor(None, style=SWEDISH, unit="kr") == MISSING


def test_change():
    assert format_change(0.7, style=SWEDISH) == "\u221230 %"
    assert format_change(1.25, style=SWEDISH) == "+25 %"
    assert format_change(1.0, style=SWEDISH) == "0 %"
    assert format_change(1.001, style=SWEDISH) == "+0 %"  # a change, if too small to show
    assert format_change(Decimal("0.5"), style=ENGLISH) == "\u221250 %"
    assert format_change(None, style=SWEDISH) == MISSING


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_grouped_integers_read_back_as_the_same_integer(number):
    for style in (SWEDISH, ENGLISH):
        text = format_number(number, style=style, grouped=True)
        assert int(text.replace(style.thousand_separator, "")) == number


@given(
    st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, places=4),
    st.integers(min_value=0, max_value=4),
)
def test_rounding_keeps_the_value_within_half_a_unit(value, places):
    text = format_number(value, style=ENGLISH, decimal_pos=places)
    assert abs(Decimal(text) - value) <= Decimal(1).scaleb(-places) / 2
    if places:
        assert len(text.partition(".")[2]) == places
