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
def test_price_with_spaces_between_thousands(written, value):  # noqa: ANN001
    with translation.override("sv"):
        form = TenderForm({"content": "Anbud", "price": written})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["price"] == value


@pytest.mark.parametrize("written", ["", "12 kr", "1,2,3", "-5", "ett tusen"])
def test_price_that_is_not_a_number_is_refused(written):  # noqa: ANN001
    with translation.override("sv"):
        form = TenderForm({"content": "Anbud", "price": written})
        assert not form.is_valid()
    assert "price" in form.errors


def test_evaluation_model_amounts_accept_spaces_between_thousands():
    from handslag.tendering.forms_evaluation import EvaluationModelForm

    form = EvaluationModelForm(
        {"kind": "weighted_points", "price_ceiling": "4 000 000"}, criteria=[]
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["price_ceiling"] == Decimal("4000000")
