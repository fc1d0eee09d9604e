"""The active language's way of writing numbers, for the formatting rules in handslag.rules.

handslag.rules.numbers takes the separators as an argument so it stays free of Django;
this is the one place that reads them from Django's format files for the language of
the request (Swedish: decimal comma and a no-break space between thousands).
"""

from django.utils.formats import get_format
from django.utils.translation import get_language

from handslag.rules.numbers import NumberStyle


def number_style() -> NumberStyle:
    """The separators of the active language, as Django's ``number_format`` uses them."""
    language = get_language()
    return NumberStyle(
        decimal_separator=get_format("DECIMAL_SEPARATOR", language),
        thousand_separator=get_format("THOUSAND_SEPARATOR", language),
        grouping=get_format("NUMBER_GROUPING", language),
    )
