"""Swedish organisation numbers: the format and the Luhn check digit.

Bolagsverket and Skatteverket write an organisation number as ten digits, NNNNNN-NNNN,
the last of which is a Luhn (mod 10) check digit over the other nine. Sole traders use
their personal number, often written with the two century digits in front; those are
not part of the check. The check lives here, apart from any form or model, so every
place that accepts or generates a number applies the same rule.
"""

from __future__ import annotations

import re
from enum import StrEnum

_ORG_NUMBER = re.compile(r"^(?:\d{2})?(\d{6})-?(\d{4})$")


class OrgNumberProblem(StrEnum):
    """Why a text is not an organisation number; the values are stable error codes."""

    FORMAT = "org_number_format"
    CHECKSUM = "org_number_checksum"


class OrgNumberError(ValueError):
    """A text that is not a valid organisation number; *problem* says why."""

    def __init__(self, problem: OrgNumberProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


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


def normalise_org_number(value: str | None) -> str:
    """Return the organisation number as NNNNNN-NNNN, or raise :class:`OrgNumberError`.

    Accepts the ten-digit form with or without hyphen and the twelve-digit form with
    a century prefix (as sole traders' personal numbers are written). Spaces are
    ignored. The last digit is a Luhn check digit over the ten digits.
    """
    cleaned = (value or "").strip().replace(" ", "")
    match = _ORG_NUMBER.match(cleaned)
    if not match:
        raise OrgNumberError(OrgNumberProblem.FORMAT)
    digits = match.group(1) + match.group(2)
    if not luhn_valid(digits):
        raise OrgNumberError(OrgNumberProblem.CHECKSUM)
    return f"{digits[:6]}-{digits[6:]}"


def complete_org_number(body: str) -> str:
    """The organisation number whose first nine digits are *body*, check digit added.

    For generated numbers (demo data, test factories) that must pass the check.
    """
    if len(body) != 9 or not body.isdigit():
        raise ValueError("body must be nine digits")
    for digit in "0123456789":
        if luhn_valid(body + digit):
            return f"{body[:6]}-{body[6:]}{digit}"
    raise AssertionError("unreachable: one digit always completes the Luhn sum")
