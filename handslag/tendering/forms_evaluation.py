"""Forms for the evaluation model and the simulator: input parsing only."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from handslag.tendering.forms import PriceField
from handslag.tendering.models import Criterion, CriterionKind, EvaluationKind

FICTIVE_ROWS = 5
SCORE_CHOICES = [("", "–")] + [(str(n), str(n)) for n in range(6)]


class EvaluationModelForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Evaluation model"),
        choices=EvaluationKind.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Weighted points: quality points plus price points that fall linearly from full "
            "points at price 0 to none at the price ceiling. Quality/price ratio: quality "
            "points per million SEK. Added value: each quality criterion earns a deduction "
            "from the price, and the lowest comparison price wins."
        ),
    )
    price_ceiling = PriceField(
        label=_("Price ceiling (SEK)"),
        required=False,
        min_value=0,
        max_digits=15,
        decimal_places=2,
        localize=True,
        help_text=_(
            "Weighted points: the published price at and above which a tender gets no price points."
        ),
    )
    relative_price = forms.BooleanField(
        label=_("Score price relative to the lowest price (not recommended)"),
        required=False,
        help_text=_(
            "Relative scoring lets one tender reverse the order of two others. Use it only "
            "if you must."
        ),
    )

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.quality = [c for c in criteria if c.kind == CriterionKind.QUALITY]
        for c in self.quality:
            self.fields[f"deduction_{c.pk}"] = PriceField(
                label=_("Maximum deduction for %(name)s (SEK)") % {"name": c.name},
                required=False,
                min_value=0,
                max_digits=15,
                decimal_places=2,
                localize=True,
                help_text=_("Added value: the deduction a score of 5 earns."),
            )

    def model_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "price_ceiling": data.get("price_ceiling"),
            "relative_price": data.get("relative_price") or False,
            "max_deductions": {c.name: data.get(f"deduction_{c.pk}") for c in self.quality},
        }


class SimulationForm(EvaluationModelForm):
    """The model to try and up to five fictive tenders."""

    price_floor = PriceField(
        label=_("Price floor (SEK)"),
        required=False,
        min_value=0,
        max_digits=15,
        decimal_places=2,
        localize=True,
        help_text=_(
            "A price below which a lower price earns no more points. Not allowed above zero: "
            "a lower price must never be worthless (HFD 2022 ref. 41)."
        ),
    )

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, criteria=criteria, **kwargs)
        self.rows = []
        for i in range(1, FICTIVE_ROWS + 1):
            names = [f"name_{i}", f"price_{i}"]
            self.fields[f"name_{i}"] = forms.CharField(
                label=_("Name of fictive tender %(n)s") % {"n": i}, required=False, max_length=80
            )
            self.fields[f"price_{i}"] = PriceField(
                label=_("Price of fictive tender %(n)s (SEK)") % {"n": i},
                required=False,
                min_value=0,
                max_digits=15,
                decimal_places=2,
                localize=True,
            )
            for c in self.quality:
                key = f"score_{i}_{c.pk}"
                names.append(key)
                self.fields[key] = forms.ChoiceField(
                    label=_("%(criterion)s, fictive tender %(n)s (0–5)")
                    % {"criterion": c.name, "n": i},
                    choices=SCORE_CHOICES,
                    required=False,
                )
            self.rows.append(names)

    def row_fields(self) -> list[list[forms.BoundField]]:
        return [[self[name] for name in names] for names in self.rows]

    def model_fields(self) -> list[forms.BoundField]:
        return [
            self["kind"],
            self["price_ceiling"],
            self["price_floor"],
            self["relative_price"],
        ] + [self[f"deduction_{c.pk}"] for c in self.quality]

    def model_data(self) -> dict[str, Any]:
        return {**super().model_data(), "price_floor": self.cleaned_data.get("price_floor")}

    def tenders(self) -> list[dict[str, Any]]:
        data, result = self.cleaned_data, []
        for i in range(1, FICTIVE_ROWS + 1):
            name, price = data.get(f"name_{i}"), data.get(f"price_{i}")
            if not name and price is None:
                continue
            result.append(
                {
                    "name": name,
                    "price": price,
                    "scores": {c.name: data.get(f"score_{i}_{c.pk}") for c in self.quality},
                }
            )
        return result
