"""Forms for calls and applications: input parsing only; the rules live in services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from handslag.accounts.models import Organisation
from handslag.market.models import LegalProcedure


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs) -> None:  # noqa: ANN003
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class CallForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    reference = forms.CharField(
        label=_("Reference number"),
        max_length=50,
        required=False,
        help_text=_("Leave empty to get the next number, for example HSL-2026-0001."),
    )
    summary = forms.CharField(
        label=_("What we want to achieve"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=10000,
        required=False,
        help_text=_(
            "The need, and the expected effects with their indicators. Required to publish."
        ),
    )
    partnership_description = forms.CharField(
        label=_("How the partnership works"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        required=False,
    )
    selection_criteria = forms.CharField(
        label=_("Selection criteria"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
        required=False,
        help_text=_(
            "What a supplier must show to be qualified, for example capacity and experience."
        ),
    )
    timetable = forms.CharField(
        label=_("Timetable"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
        help_text=_("The planned steps after the deadlines: dialogue, negotiation, award, start."),
    )
    legal_procedure = forms.ChoiceField(label=_("Procedure"), choices=LegalProcedure.choices)
    application_deadline = forms.DateTimeField(
        label=_("Deadline for applications"),
        required=False,
        widget=DateTimeLocalInput(),
        help_text=_("Swedish time."),
    )
    tender_deadline = forms.DateTimeField(
        label=_("Deadline for tenders"),
        required=False,
        widget=DateTimeLocalInput(),
        help_text=_("Swedish time. Must come after the deadline for applications."),
    )
    max_partners = forms.IntegerField(
        label=_("Maximum number of partners"), min_value=1, max_value=50, initial=1
    )
    internal_notes = forms.CharField(
        label=_("Internal notes"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=10000,
        required=False,
        help_text=_("Seen only by the buyer's staff; never published."),
    )

    def __init__(self, *args, editing: bool = False, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["reference"]


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("Shown on the published call, so suppliers know why."),
    )


class ApplicationForm(forms.Form):
    supplier = forms.ModelChoiceField(
        label=_("Apply on behalf of"), queryset=Organisation.objects.none(), empty_label=None
    )
    text = forms.CharField(
        label=_("How you meet the selection criteria"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=20000,
    )

    def __init__(self, *args, organisations=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        queryset = organisations if organisations is not None else Organisation.objects.none()
        self.fields["supplier"].queryset = queryset
        if queryset.count() == 1:
            self.fields["supplier"].initial = queryset.first().pk
            self.fields["supplier"].widget = forms.HiddenInput()


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("qualify", _("Qualified")), ("reject", _("Not qualified"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("The supplier sees the reason."),
    )
