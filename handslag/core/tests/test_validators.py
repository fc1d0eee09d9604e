import pytest
from django.core.exceptions import ValidationError

from handslag.core.validators import normalise_org_number


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("212000-0662", "212000-0662"),  # Växjö kommun
        ("2120000662", "212000-0662"),
        ("16212000-0662", "212000-0662"),  # twelve digits with century prefix
        (" 232100-0040 ", "232100-0040"),  # Region Östergötland
    ],
)
def test_valid_organisation_numbers_are_normalised(raw, expected):
    assert normalise_org_number(raw) == expected


@pytest.mark.parametrize("raw", ["212000-0663", "232100-0041", "556677-8896"])
def test_wrong_check_digit_is_refused_with_a_clear_code(raw):
    with pytest.raises(ValidationError) as caught:
        normalise_org_number(raw)
    assert caught.value.code == "org_number_checksum"


@pytest.mark.parametrize("raw", ["", "12345", "21200006620", "abcdef-ghij", "212000_0662"])
def test_malformed_numbers_are_refused(raw):
    with pytest.raises(ValidationError) as caught:
        normalise_org_number(raw)
    assert caught.value.code == "org_number_format"
