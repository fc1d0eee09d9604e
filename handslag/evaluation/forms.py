"""Forms of the evaluation: criteria, scores and consensus, the award, the
conflict-of-interest declaration, the evaluation model and the simulator. Input parsing
only; the rules are in services."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from handslag.evaluation.models import Criterion, CriterionKind, EvaluationKind
from handslag.tendering.forms import PriceField

FICTIVE_ROWS = 5
SCORE_CHOICES = [("", "–")] + [(str(n), str(n)) for n in range(6)]
# A score that must be given (the scoring forms): 0–5, no blank.
SCORE_VALUES = [(str(n), str(n)) for n in range(6)]


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


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=200, required=False)
    description = forms.CharField(
        label=_("What is assessed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=CriterionKind.choices)
    weight = forms.IntegerField(label=_("Weight (%)"), min_value=1, max_value=100, required=False)


CriterionFormSet = forms.formset_factory(CriterionForm, extra=2, max_num=20)


def criteria_from_formset(formset) -> list[dict]:
    """The filled-in rows; a row without a name and weight is an unused row."""
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data.get("name") or form.cleaned_data.get("weight")
    ]


class _PerCriterionForm(forms.Form):
    """One score field and justification(s) per criterion, named by the criterion's id."""

    external = False

    def __init__(self, *args, criteria: list[Criterion], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = forms.ChoiceField(
                label=_("%(name)s (%(weight)s %%): score 0–5")
                % {"name": criterion.name, "weight": criterion.weight},
                help_text=criterion.description,
                choices=SCORE_VALUES,
                widget=forms.RadioSelect,
            )
            self.fields[f"justification_{criterion.pk}"] = forms.CharField(
                label=_("Justification: %(name)s") % {"name": criterion.name}
                if not self.external
                else _("Internal justification: %(name)s") % {"name": criterion.name},
                widget=forms.Textarea(attrs={"rows": 3}),
                max_length=10_000,
            )
            if self.external:
                self.fields[f"external_justification_{criterion.pk}"] = forms.CharField(
                    label=_("Justification to the tenderer: %(name)s") % {"name": criterion.name},
                    widget=forms.Textarea(attrs={"rows": 3}),
                    max_length=10_000,
                )

    def rows(self) -> list[tuple]:
        data = self.cleaned_data
        result = []
        for criterion in self.criteria:
            row = [criterion, data[f"score_{criterion.pk}"], data[f"justification_{criterion.pk}"]]
            if self.external:
                row.append(data[f"external_justification_{criterion.pk}"])
            result.append(tuple(row))
        return result


class ScoreForm(_PerCriterionForm):
    external = False


class ConsensusForm(_PerCriterionForm):
    external = True


class AwardForm(forms.Form):
    tender = forms.ChoiceField(label=_("Tender to award"))
    justification = forms.CharField(
        label=_("Reasons for the decision"),
        help_text=_("Sent to every tenderer with the award notice."),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20_000,
    )
    notice_sent_on = forms.DateField(
        label=_("Date the award notice is sent"),
        help_text=_("For example 2026-03-26."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sent_electronically = forms.BooleanField(
        label=_("The award notice is sent electronically"), required=False, initial=True
    )

    def __init__(self, *args, tenders=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tender"].choices = [(str(t.public_id), t.supplier.name) for t in tenders]


class ContractForm(forms.Form):
    signed_on = forms.DateField(
        label=_("Date the contract was signed"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class DeclarationForm(forms.Form):
    has_conflict = forms.TypedChoiceField(
        label=_("Do you have a conflict of interest in this call?"),
        choices=[
            ("no", _("No: I have no ties to any tenderer that could make me partial")),
            ("yes", _("Yes: I have a conflict of interest")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text=_(
            "You have a conflict of interest (jäv) if you or someone close to you has an "
            "interest in a tenderer, or there is another circumstance that could make you "
            "partial (förvaltningslagen 16 §)."
        ),
    )
    statement = forms.CharField(
        label=_("Describe the conflict (if any)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
