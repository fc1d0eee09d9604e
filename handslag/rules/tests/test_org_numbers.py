"""The organisation-number rule: format, Luhn check digit and normal form."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handslag.rules.org_numbers import (
    OrgNumberError,
    OrgNumberProblem,
    complete_org_number,
    luhn_valid,
    normalise_org_number,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("212000-0662", "212000-0662"),  # Växjö kommun
        ("2120000662", "212000-0662"),
        ("16212000-0662", "212000-0662"),  # twelve digits with century prefix
        (" 232100-0040 ", "232100-0040"),  # Region Östergötland
        ("212000 0662", "212000-0662"),
    ],
)
def test_valid_numbers_are_normalised(raw, expected):
    assert normalise_org_number(raw) == expected


@pytest.mark.parametrize("raw", ["212000-0663", "232100-0041", "556677-8896"])
def test_wrong_check_digit_is_a_checksum_problem(raw):
    with pytest.raises(OrgNumberError) as caught:
        normalise_org_number(raw)
    assert caught.value.problem is OrgNumberProblem.CHECKSUM
    assert caught.value.problem.value == "org_number_checksum"


@pytest.mark.parametrize("raw", [None, "", "12345", "21200006620", "abcdef-ghij", "212000_0662"])
def test_malformed_numbers_are_a_format_problem(raw):
    with pytest.raises(OrgNumberError) as caught:
        normalise_org_number(raw)
    assert caught.value.problem is OrgNumberProblem.FORMAT


def test_an_org_number_error_is_a_value_error():
    assert issubclass(OrgNumberError, ValueError)


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_exactly_one_check_digit_completes_any_nine_digits(body):
    assert sum(luhn_valid(body + d) for d in "0123456789") == 1


@given(st.text(alphabet="0123456789", min_size=10, max_size=10))
def test_changing_the_last_digit_breaks_a_valid_number(number):
    if luhn_valid(number):
        other = str((int(number[-1]) + 1) % 10)
        assert not luhn_valid(number[:-1] + other)


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_a_completed_number_passes_the_check(body):
    number = complete_org_number(body)
    assert number.replace("-", "")[:9] == body
    assert normalise_org_number(number) == number


@pytest.mark.parametrize("body", ["", "12345678", "1234567890", "12345678x"])
def test_only_nine_digits_can_be_completed(body):
    with pytest.raises(ValueError):
        complete_org_number(body)
