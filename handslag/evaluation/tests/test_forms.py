"""Form parsing: a price written the Swedish way is understood, nonsense is refused."""

from decimal import Decimal


def test_evaluation_model_amounts_accept_spaces_between_thousands():
    from handslag.evaluation.forms import EvaluationModelForm

    form = EvaluationModelForm(
        {"kind": "weighted_points", "price_ceiling": "4 000 000"}, criteria=[]
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["price_ceiling"] == Decimal("4000000")
