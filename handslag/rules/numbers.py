"""How handslag writes numbers, per cent and kronor, for any language's separators.

Swedish writes 1 234 567,5 (a no-break space between thousands, a decimal comma),
English 1,234,567.5. The functions here take those separators as a :class:`NumberStyle`
instead of reading them from the active language, so they are plain functions: the
Django apps pass the style of the request's language (``handslag.core.formats``), a
script or a test passes :data:`SWEDISH` or :data:`ENGLISH`.

Rounding is half up on the decimal value a reader sees (2.5 → 3, 0.125 → 0.13), as in
Django's ``floatformat``; floats are taken by their shortest decimal form, so 0.1 is
0.1 and not 0.1000000000000000055511151231257827. A value that rounds to zero is written
without a minus sign.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

#: Written where a figure is missing (an en dash, as Swedish and English tables do).
MISSING = "–"
#: U+2212, the minus sign typography asks for in front of a change.
MINUS = "\u2212"


@dataclass(frozen=True)
class NumberStyle:
    """A language's separators: decimal mark, thousands mark and the size of the groups.

    *grouping* is the size of every group, or a sequence as in Python's ``locale``
    module and Django's ``NUMBER_GROUPING`` (``(3, 2, 0)``: the first group of three,
    then groups of two); 0 means no grouping.
    """

    decimal_separator: str
    thousand_separator: str
    grouping: int | Sequence[int] = 3


SWEDISH = NumberStyle(decimal_separator=",", thousand_separator="\u00a0")
ENGLISH = NumberStyle(decimal_separator=".", thousand_separator=",")


def _decimal(value: int | float | Decimal | str) -> Decimal:
    if isinstance(value, Decimal):
        return value
    return Decimal(str(value))


def _group(int_part: str, style: NumberStyle) -> str:
    grouping = style.grouping
    intervals = list(grouping) if isinstance(grouping, Sequence) else [grouping, 0]
    if not intervals or intervals[0] == 0:
        return int_part
    active = intervals.pop(0)
    out: list[str] = []
    count = 0
    for digit in reversed(int_part):
        if count and count == active:
            if intervals:
                active = intervals.pop(0) or active
            out.append(style.thousand_separator[::-1])
            count = 0
        out.append(digit)
        count += 1
    return "".join(out)[::-1]


def format_number(
    value: int | float | Decimal | str,
    *,
    style: NumberStyle,
    decimal_pos: int | None = None,
    grouped: bool = False,
) -> str:
    """*value* with *style*'s separators, rounded half up to *decimal_pos* decimals.

    Without *decimal_pos* every decimal the value has is written (``Decimal("1.50")``
    gives "1,50" in Swedish). *grouped* puts the thousands mark between groups. A value
    that is not a finite number (``nan``, ``inf``) is written as Python writes it.
    """
    try:
        number = _decimal(value)
    except (InvalidOperation, ValueError):
        return str(value)
    if not number.is_finite():
        return str(value)
    if decimal_pos is not None:
        if decimal_pos < 0:
            raise ValueError("decimal_pos must not be negative")
        exponent = Decimal(1).scaleb(-decimal_pos)
        _sign, digits, exp = number.as_tuple()
        precision = max(28, len(digits) + abs(int(exp)) + decimal_pos + 1)
        number = number.quantize(exponent, ROUND_HALF_UP, Context(prec=precision))
    text = f"{number:f}"
    sign = ""
    if text.startswith("-"):
        text = text[1:]
        sign = "-" if number else ""
    int_part, _, dec_part = text.partition(".")
    if grouped:
        int_part = _group(int_part, style)
    return sign + int_part + (style.decimal_separator + dec_part if dec_part else "")


def format_percent(
    share: float | Decimal | None, *, style: NumberStyle, digits: int = 1, grouped: bool = True
) -> str:
    """A share as per cent: 0.0432 → "4,3 %" in Swedish, "4.3 %" in English; "–" for None."""
    if share is None:
        return MISSING
    text = format_number(share * 100, style=style, decimal_pos=digits, grouped=grouped)
    return f"{text} %"


def format_kronor(
    amount: int | float | Decimal | None, *, style: NumberStyle, unit: str = ""
) -> str:
    """Whole kronor, grouped: 1234567.4 → "1 234 567"; "–" for None.

    *unit* (e.g. "kr") follows after a space when given.
    """
    if amount is None:
        return MISSING
    text = format_number(amount, style=style, decimal_pos=0, grouped=True)
    return f"{text} {unit}" if unit else text


def format_change(multiplier: float | Decimal | None, *, style: NumberStyle) -> str:
    """A multiplier as a signed change in whole per cent: 0.7 → "−30 %", 1.25 → "+25 %".

    The sign is that of the change itself, so a change too small to show reads "+0 %"
    or "−0 %" and only no change at all reads "0 %"; "–" for None.
    """
    if multiplier is None:
        return MISSING
    delta = (multiplier - 1) * 100
    sign = "+" if delta > 0 else MINUS if delta < 0 else ""
    return f"{sign}{format_number(abs(delta), style=style, decimal_pos=0, grouped=True)} %"
