"""Form parsing: a price written the Swedish way is understood, nonsense is refused."""

from decimal import Decimal

import pytest
from django.utils import translation

from handslag.tendering.forms import TenderForm


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("1200000", Decimal("1200000")),
        ("1 200 000", Decimal("1200000")),
        ("1\xa0200\xa0000", Decimal("1200000")),
        ("1\u202f200\u202f000,50", Decimal("1200000.50")),
        (" 950,5 ", Decimal("950.5")),
    ],
)
def test_price_with_spaces_between_thousands(written, value):
    with translation.override("sv"):
        form = TenderForm({"content": "Anbud", "price": written})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["price"] == value


@pytest.mark.parametrize("written", ["", "12 kr", "1,2,3", "-5", "ett tusen"])
def test_price_that_is_not_a_number_is_refused(written):
    with translation.override("sv"):
        form = TenderForm({"content": "Anbud", "price": written})
        assert not form.is_valid()
    assert "price" in form.errors
