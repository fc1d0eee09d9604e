"""Forms for benefit models; the checks themselves live in services.py."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from handslag.benefits.models import DiscountSchedule, LineCategory, LineKind, Scenario


class BenefitModelForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    scenario = forms.ChoiceField(label=_("Scenario"), choices=Scenario.choices)
    discount_rate_percent = forms.DecimalField(
        label=_("Real discount rate (%)"),
        initial=Decimal("3.5"),
        max_digits=8,
        decimal_places=4,
        help_text=_(
            # xgettext:no-python-format
            "3.5 % is the Swedish ASEK value and the UK Green Book rate; 3 % is the EU social rate."
        ),
    )
    horizon_years = forms.IntegerField(
        label=_("Horizon (years)"),
        initial=10,
        help_text=_("Year 0 is the base year; a horizon of 10 covers years 0–9."),
    )
    price_base_year = forms.IntegerField(label=_("Price base year"), initial=2024)
    discount_schedule = forms.ChoiceField(
        label=_("Discount schedule"),
        choices=DiscountSchedule.choices,
        initial=DiscountSchedule.CONSTANT,
        required=False,
        help_text=_(
            # xgettext:no-python-format
            "The Green Book's declining rate (3.5 % to year 30, then 3 %, 2.5 % …) replaces "
            "the constant rate for long horizons."
        ),
    )
    optimism_bias_percent = forms.DecimalField(
        label=_("Optimism bias (%)"),
        initial=Decimal("0"),
        required=False,
        max_digits=8,
        decimal_places=4,
        help_text=_(
            # xgettext:no-python-format
            "Uplift of every cost (Green Book): e.g. 24 % for standard buildings, up to 200 % "
            "for equipment and development at the outline stage."
        ),
    )

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["discount_rate"] = data.pop("discount_rate_percent") / Decimal(100)
        bias = data.pop("optimism_bias_percent")
        data["optimism_bias"] = None if bias is None else bias / Decimal(100)
        data["discount_schedule"] = data.get("discount_schedule") or None
        return data

    @classmethod
    def initial_for(cls, model) -> dict:
        return {
            "name": model.name,
            "scenario": model.scenario,
            "discount_rate_percent": (model.discount_rate * 100).normalize(),
            "horizon_years": model.horizon_years,
            "price_base_year": model.price_base_year,
            "discount_schedule": model.discount_schedule,
            "optimism_bias_percent": (model.optimism_bias * 100).normalize(),
        }


class BenefitLineForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Cost or benefit"), choices=LineKind.choices)
    category = forms.ChoiceField(label=_("Category"), choices=LineCategory.choices)
    first_year = forms.IntegerField(label=_("First year"), initial=0)
    last_year = forms.IntegerField(label=_("Last year"), initial=0)
    low = forms.DecimalField(label=_("Low (SEK per year)"), max_digits=16, decimal_places=2)
    likely = forms.DecimalField(label=_("Likely (SEK per year)"), max_digits=16, decimal_places=2)
    high = forms.DecimalField(label=_("High (SEK per year)"), max_digits=16, decimal_places=2)
    source = forms.CharField(
        label=_("Source"),
        max_length=300,
        required=False,
        help_text=_(
            "Where the figure comes from: a measurement, a published unit value, an estimate."
        ),
    )
