"""Organisation identifiers by country (python-stdnum), Sweden's rule unchanged.

Non-discrimination (LOU 4 kap. 1 §): a supplier registered abroad can register with the
identifier its own country issues.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handslag.rules.org_identifiers import (
    COUNTRIES,
    OrgIdentifierError,
    OrgIdProblem,
    is_checkable,
    normalise_org_identifier,
    schemes_for,
)
from handslag.rules.org_numbers import OrgNumberError, complete_org_number, normalise_org_number


def check(country: str, value: str):
    return normalise_org_identifier(country=country, value=value)


def refusal(country: str, value: str) -> OrgIdentifierError:
    with pytest.raises(OrgIdentifierError) as error:
        check(country, value)
    return error.value


@given(st.text(alphabet="0123456789- ", max_size=14))
def test_sweden_is_the_organisation_number_rule_unchanged(text):
    try:
        expected = normalise_org_number(text)
    except OrgNumberError as error:
        assert refusal("SE", text).problem.value == error.problem.value or not text.strip()
    else:
        got = check("SE", text)
        assert (got.country, got.number, got.verified) == ("SE", expected, True)


def test_sweden_keeps_its_written_form():
    number = complete_org_number("556677889")
    assert check("se", number.replace("-", "")).number == number
    assert refusal("SE", "556677-8890").problem == OrgIdProblem.CHECKSUM
    assert refusal("SE", "55667").problem == OrgIdProblem.FORMAT


@pytest.mark.parametrize(
    ("country", "text", "stored", "scheme"),
    [
        ("NO", "988 077 917", "988077917", "no.orgnr"),
        ("DK", "13 58 56 28", "13585628", "dk.cvr"),
        ("FI", "2077474-0", "20774740", "fi.ytunnus"),
        ("DE", "DE 136,695,976", "DE136695976", "eu.vat"),
        ("DE", "136695976", "DE136695976", "eu.vat"),
        ("FR", "732 829 320", "732829320", "fr.siren"),
        ("EE", "10137319", "10137319", "ee.registrikood"),
        ("IS", "450401-3150", "4504013150", "is_.kennitala"),
        ("CH", "CHE-100.155.212", "CHE100155212", "ch.uid"),
        ("US", "04-2103594", "042103594", "us.ein"),
    ],
)
def test_national_company_ids_and_vat_numbers(country, text, stored, scheme):
    identifier = check(country, text)
    assert (identifier.country, identifier.number, identifier.scheme) == (country, stored, scheme)
    assert identifier.verified
    # The stored form is a fixed point: checking it again gives it back.
    assert check(country, stored).number == stored


def test_norwegian_number_with_a_wrong_check_digit_is_refused_naming_the_rule():
    error = refusal("NO", "988 077 918")
    assert error.problem == OrgIdProblem.CHECKSUM
    assert (error.country, error.schemes) == ("NO", ("no.orgnr",))


def test_another_member_states_vat_number_is_not_this_countrys():
    error = refusal("FI", "DE136695976")
    assert error.problem == OrgIdProblem.FORMAT and "eu.vat" in error.schemes


def test_greece_writes_el_for_vat():
    assert check("GR", "EL 094259216").number == "094259216"


def test_a_country_no_register_covers_is_unverified_free_text():
    assert not is_checkable("FO")
    identifier = check("FO", " 12.345-6/7 ab ")
    assert (identifier.number, identifier.scheme, identifier.verified) == ("1234567AB", "", False)
    assert refusal("FO", "!!").problem == OrgIdProblem.FORMAT
    assert refusal("GL", "x" * 41).problem == OrgIdProblem.FORMAT


@pytest.mark.parametrize("country", ["", "XX", "SWE", "ZZ"])
def test_unknown_country_is_refused(country):
    assert refusal(country, "123456789").problem == OrgIdProblem.COUNTRY


def test_empty_identifier_is_refused_with_the_countrys_rules():
    error = refusal("NO", "  ")
    assert error.problem == OrgIdProblem.EMPTY and error.schemes == ("no.orgnr",)


def test_every_offered_country_has_its_rules_listed():
    assert "SE" in COUNTRIES and "NO" in COUNTRIES
    for country in COUNTRIES:
        assert all("." in key for key in schemes_for(country))
