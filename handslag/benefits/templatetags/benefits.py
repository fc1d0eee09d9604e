"""Formatting of the engine's figures for the active language (numbers, per cent, kronor).

The rules are in handslag.rules.numbers; these filters only pass the active language's
separators.
"""

from django import template

from handslag.core.formats import number_style
from handslag.rules.numbers import format_change, format_kronor, format_percent

register = template.Library()


@register.filter
def percent(value: float | None, digits: int = 1) -> str:
    """0.0432 -> "4.3 %" (or "4,3 %" in Swedish); "–" for None."""
    return format_percent(value, style=number_style(), digits=int(digits))


@register.filter
def sek(value: float | None) -> str:
    """Whole kronor with thousands separators for the active language."""
    return format_kronor(value, style=number_style())


@register.filter
def change(multiplier: float | None) -> str:
    """A multiplier as a signed change: 0.7 -> "−30 %", 1.25 -> "+25 %"."""
    return format_change(multiplier, style=number_style())
