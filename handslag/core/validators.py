"""Validators shared across apps."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from handslag.rules.org_numbers import OrgNumberError, OrgNumberProblem
from handslag.rules.org_numbers import normalise_org_number as rules_normalise_org_number

# C0 controls except tab, line feed and carriage return; lone surrogates; the two
# non-characters. XML 1.0 refuses them (so DOCX and XLSX cannot carry them) and
# PostgreSQL refuses NUL in text.
UNSTORABLE_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_ORG_NUMBER_MESSAGES = {
    OrgNumberProblem.FORMAT: _(
        "Enter the organisation number as ten digits, for example 212000-0688."
    ),
    OrgNumberProblem.CHECKSUM: _(
        "The organisation number's check digit is wrong. Check that it is typed correctly."
    ),
}


def normalise_org_number(value: str) -> str:
    """Return the organisation number as NNNNNN-NNNN, or raise ValidationError.

    The rule is :func:`handslag.rules.org_numbers.normalise_org_number`; this wrapper
    turns its problem into a translated form error with the problem as its code.
    """
    try:
        return rules_normalise_org_number(value)
    except OrgNumberError as error:
        raise ValidationError(
            _ORG_NUMBER_MESSAGES[error.problem], code=error.problem.value
        ) from None


def validate_org_number(value: str) -> None:
    normalise_org_number(value)


def text_is_storable(value: str) -> bool:
    """Whether the text holds none of the characters a database or an export refuses."""
    return UNSTORABLE_CHARACTERS.search(value) is None


def exportable_text(value: str) -> str:
    """The text with each unstorable character shown as U+FFFD, for files we generate."""
    return UNSTORABLE_CHARACTERS.sub("\ufffd", value)
