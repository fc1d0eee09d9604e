"""Forms for the partnership pages; the rules themselves live in services.py."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from handslag.partnership.models import PhaseDecision
from handslag.partnership.terms import IpModel, RiskModel
from handslag.rules.benefit_categories import KPI_CATEGORIES, LABELS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ContractForm(forms.Form):
    signed_on = forms.DateField(
        label=_("Date the contract was signed"),
        widget=DATE,
        help_text=_("Must be after the end of the standstill period."),
    )
    ip_model = forms.ChoiceField(
        label=_("Intellectual property model"),
        choices=[("", _("Not chosen"))] + list(IpModel.choices),
        required=False,
        help_text=_(
            "Usually the supplier keeps the rights and the buyer gets a free licence, also for "
            "buyers that join later. The contract page explains each option."
        ),
    )
    risk_model = forms.ChoiceField(
        label=_("Risk-sharing model"),
        choices=[("", _("Not chosen"))] + list(RiskModel.choices),
        required=False,
        help_text=_(
            "How the partnership's risk is shared: payment per phase, shared cost, royalty, "
            "or a purchase commitment as first customer."
        ),
    )
    ip_terms = forms.CharField(
        label=_("Intellectual property"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        required=False,
        help_text=_("Who owns and may use the results of the R&D phases."),
    )
    risk_sharing = forms.CharField(
        label=_("Risk sharing"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        required=False,
        help_text=_("How the buyer and the supplier share the risk if a phase fails."),
    )
    acquisition_terms = forms.CharField(
        label=_("Acquisition terms (volumes, prices)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        required=False,
        help_text=_(
            "Agree up front what the finished solution costs, so it can be bought without a new procurement."
        ),
    )
    maintenance_terms = forms.CharField(
        label=_("Maintenance and service terms"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        required=False,
    )


class PhaseForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    goal = forms.CharField(
        label=_("Intermediate target"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("What the phase must achieve for the partnership to go on."),
    )
    planned_start = forms.DateField(label=_("Planned start"), widget=DATE)
    planned_end = forms.DateField(label=_("Planned end"), widget=DATE)
    payment = forms.DecimalField(
        label=_("Payment instalment (SEK)"),
        min_value=Decimal("0"),
        max_digits=14,
        decimal_places=2,
        initial=Decimal("0"),
    )


class PhaseDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=PhaseDecision.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        help_text=_("Refer to the conditions stated in the procurement documents."),
    )
    lesson_title = forms.CharField(label=_("Lesson learned: title"), max_length=200, required=False)
    lesson_text = forms.CharField(
        label=_("Lesson learned: what worked, what did not, what would you do differently?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
        help_text=_("A few lines are enough. They are saved as a lesson for your organisation."),
    )


class MilestoneForm(forms.Form):
    name = forms.CharField(label=_("Milestone"), max_length=200)
    due_on = forms.DateField(label=_("Due"), widget=DATE)


KPI_CATEGORY_CHOICES = [
    (category.value, _(LABELS[category].english)) for category in KPI_CATEGORIES
]


class KpiValuationForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Benefit category"),
        choices=KPI_CATEGORY_CHOICES,
        help_text=_("The benefit model's lines in this category are what the KPI measures."),
    )
    volume = forms.DecimalField(
        label=_("Volume per year"),
        localize=True,
        max_digits=16,
        decimal_places=4,
        initial=Decimal("12"),
        help_text=_(
            "How many times a year the change counts, e.g. 12 for a value per month, or the "
            "number of patients for a value per patient."
        ),
    )
    unit_value = forms.DecimalField(
        label=_("Value per unit (SEK)"),
        localize=True,
        max_digits=14,
        decimal_places=2,
        initial=Decimal("0"),
        help_text=_("What one unit of change is worth, e.g. the cost of one transport."),
    )
    unit_value_source = forms.CharField(
        label=_("Source of the unit value"), max_length=300, required=False
    )


class KpiForm(KpiValuationForm):
    field_order = ["effect", "category", "volume", "unit_value", "unit_value_source"]

    effect = forms.ModelChoiceField(
        label=_("Expected effect"),
        queryset=None,
        empty_label=None,
        help_text=_("Indicator, unit, baseline and target are taken from the need statement."),
    )

    def __init__(self, *args: object, effects: object = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["effect"].queryset = effects
        self.fields["effect"].label_from_instance = lambda e: (
            f"{e.indicator} ({e.unit}): {e.baseline.normalize():f} → {e.target.normalize():f}"
        )


class MeasurementForm(forms.Form):
    measured_on = forms.DateField(label=_("Date measured"), widget=DATE)
    value = forms.DecimalField(label=_("Value"), localize=True, max_digits=16, decimal_places=4)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class MeasurementImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_(
            "Columns: indikator, datum, värde, enhet (and optionally anteckning). Dates as "
            "2024-03-31; the unit must be the indicator's."
        ),
    )


class JoinForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation joining"), queryset=None)
    joined_on = forms.DateField(label=_("Joined on"), widget=DATE)

    def __init__(self, *args: object, organisations: object = None, **kwargs: object) -> None:
        super().__init__(*args, prefix="join", **kwargs)
        self.fields["organisation"].queryset = organisations


class OrderForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Ordering organisation"), queryset=None)
    ordered_on = forms.DateField(label=_("Ordered on"), widget=DATE)
    description = forms.CharField(label=_("What is ordered"), max_length=300)
    quantity = forms.DecimalField(
        label=_("Quantity"), localize=True, max_digits=14, decimal_places=2
    )
    unit_price = forms.DecimalField(
        label=_("Unit price (SEK)"),
        localize=True,
        max_digits=14,
        decimal_places=2,
        help_text=_("The price agreed in the acquisition terms."),
    )

    def __init__(self, *args: object, organisations: object = None, **kwargs: object) -> None:
        super().__init__(*args, prefix="order", **kwargs)
        self.fields["organisation"].queryset = organisations


class ServiceReviewForm(forms.Form):
    reviewed_on = forms.DateField(label=_("Reviewed on"), widget=DATE)
    availability = forms.DecimalField(
        label=_("Availability (%)"), localize=True, max_digits=5, decimal_places=2
    )
    incidents = forms.IntegerField(label=_("Incidents"), min_value=0)
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, required=False
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, prefix="review", **kwargs)
