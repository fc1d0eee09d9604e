"""Forms for the partnership pages; the rules themselves live in services.py."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from handslag.partnership.models import PhaseDecision

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ContractForm(forms.Form):
    signed_on = forms.DateField(
        label=_("Date the contract was signed"),
        widget=DATE,
        help_text=_("Must be after the end of the standstill period."),
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
