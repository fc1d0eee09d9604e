"""Validators shared across apps."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# C0 controls except tab, line feed and carriage return; lone surrogates; the two
# non-characters. XML 1.0 refuses them (so DOCX and XLSX cannot carry them) and
# PostgreSQL refuses NUL in text.
UNSTORABLE_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_ORG_NUMBER = re.compile(r"^(?:\d{2})?(\d{6})-?(\d{4})$")


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) check used for Swedish organisation and personal numbers."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def normalise_org_number(value: str) -> str:
    """Return the organisation number as NNNNNN-NNNN, or raise ValidationError.

    Accepts the ten-digit form with or without hyphen and the twelve-digit form with
    a century prefix (as sole traders' personal numbers are written). The last digit
    is a Luhn check digit over the ten digits.
    """
    cleaned = (value or "").strip().replace(" ", "")
    match = _ORG_NUMBER.match(cleaned)
    if not match:
        raise ValidationError(
            _("Enter the organisation number as ten digits, for example 212000-0688."),
            code="org_number_format",
        )
    digits = match.group(1) + match.group(2)
    if not luhn_valid(digits):
        raise ValidationError(
            _("The organisation number's check digit is wrong. Check that it is typed correctly."),
            code="org_number_checksum",
        )
    return f"{digits[:6]}-{digits[6:]}"


def validate_org_number(value: str) -> None:
    normalise_org_number(value)


def text_is_storable(value: str) -> bool:
    """Whether the text holds none of the characters a database or an export refuses."""
    return UNSTORABLE_CHARACTERS.search(value) is None


def exportable_text(value: str) -> str:
    """The text with each unstorable character shown as U+FFFD, for files we generate."""
    return UNSTORABLE_CHARACTERS.sub("\ufffd", value)
