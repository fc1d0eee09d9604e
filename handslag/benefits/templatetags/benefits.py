"""Formatting of the engine's figures for the active language (numbers, per cent, kronor)."""

from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def percent(value: float | None, digits: int = 1) -> str:
    """0.0432 -> "4.3 %" (or "4,3 %" in Swedish); "–" for None."""
    if value is None:
        return "–"
    return f"{floatformat(value * 100, f'{digits}g')} %"


@register.filter
def sek(value: float | None) -> str:
    """Whole kronor with thousands separators for the active language."""
    if value is None:
        return "–"
    return floatformat(value, "0g")


@register.filter
def change(multiplier: float | None) -> str:
    """A multiplier as a signed change: 0.7 -> "−30 %", 1.25 -> "+25 %"."""
    if multiplier is None:
        return "–"
    delta = (multiplier - 1.0) * 100
    sign = "+" if delta > 0 else "−" if delta < 0 else ""
    return f"{sign}{floatformat(abs(delta), '0g')} %"
