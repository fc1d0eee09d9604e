"""The benefit filters write numbers as Django does for the active language."""

import pytest
from django.template.defaultfilters import floatformat
from django.utils import translation

from handslag.benefits.templatetags.benefits import change, percent, sek
from handslag.core.formats import number_style
from handslag.rules.numbers import ENGLISH, SWEDISH

VALUES = [0.0, 0.0432, 0.5, 2.5, -2.5, 0.125, 1.0, 0.7, 1.25, 12345.678, -987654.49, 1e-7, 1e9]


@pytest.mark.parametrize(("language", "style"), [("sv", SWEDISH), ("en", ENGLISH)])
def test_the_active_language_gives_its_style(language, style):
    with translation.override(language):
        assert number_style() == style


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("value", VALUES)
def test_filters_agree_with_floatformat(language, value):
    with translation.override(language):
        assert sek(value) == floatformat(value, "0g")
        assert percent(value) == f"{floatformat(value * 100, '1g')} %"
        assert percent(value, 0) == f"{floatformat(value * 100, '0g')} %"
        delta = (value - 1.0) * 100
        sign = "+" if delta > 0 else "\u2212" if delta < 0 else ""
        assert change(value) == f"{sign}{floatformat(abs(delta), '0g')} %"


def test_filters_write_a_dash_for_a_missing_figure():
    assert (sek(None), percent(None), change(None)) == ("–", "–", "–")
