"""Forms: input parsing only; the rules are in services.py."""

from django import forms
from django.utils.translation import gettext_lazy as _

from handslag.market.forms import DateTimeLocalInput
from handslag.tendering.files import max_tender_bytes
from handslag.tendering.models import Criterion, CriterionKind

SCORE_CHOICES = [(str(n), str(n)) for n in range(6)]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; each is checked by the submit service, not here."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):  # noqa: ANN001, ANN201
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class PriceField(forms.DecimalField):
    """A price as people write it: "1 200 000" or "1 200 000,50" with spaces between
    thousands (ordinary, no-break or thin), which Swedish number formatting uses."""

    def to_python(self, value):  # noqa: ANN001, ANN201
        if isinstance(value, str):
            value = "".join(value.split())  # str.split() also splits on no-break spaces
        return super().to_python(value)


class TenderForm(forms.Form):
    supplier = forms.ModelChoiceField(
        label=_("Submitted by"), queryset=None, required=False, empty_label=None
    )
    content = forms.CharField(
        label=_("Your tender"),
        help_text=_(
            "Describe your solution, how it meets the need and the expected effects, and "
            "your terms. The text is encrypted at once and nobody can read it before the opening."
        ),
        widget=forms.Textarea(attrs={"rows": 16}),
        max_length=100_000,
    )
    price = PriceField(
        label=_("Price (SEK, excluding VAT)"),
        min_value=0,
        max_digits=15,
        decimal_places=2,
        localize=True,
    )
    files = MultipleFileField(
        label=_("Files"),
        required=False,
        allow_empty_file=True,
        help_text=_(
            "Attachments to the tender: PDF, Word, Excel, PowerPoint, OpenDocument, ZIP, PNG, "
            "JPEG, text or CSV, together at most %(limit)s MB. Each file is encrypted as it "
            "arrives, and its SHA-256 goes on your receipt."
        ),
    )

    def __init__(self, *args, organisations=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = self.fields["files"].help_text % {
            "limit": max_tender_bytes() // (1024 * 1024)
        }
        organisations = list(organisations or [])
        if len(organisations) > 1:
            self.fields["supplier"].queryset = type(organisations[0]).objects.filter(
                pk__in=[o.pk for o in organisations]
            )
            self.fields["supplier"].required = True
        else:
            del self.fields["supplier"]


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


def criteria_from_formset(formset) -> list[dict]:  # noqa: ANN001
    """The filled-in rows; a row without a name and weight is an unused row."""
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data.get("name") or form.cleaned_data.get("weight")
    ]


class _PerCriterionForm(forms.Form):
    """One score field and justification(s) per criterion, named by the criterion's id."""

    external = False

    def __init__(self, *args, criteria: list[Criterion], **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = forms.ChoiceField(
                label=_("%(name)s (%(weight)s %%): score 0–5")
                % {"name": criterion.name, "weight": criterion.weight},
                help_text=criterion.description,
                choices=SCORE_CHOICES,
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

    def __init__(self, *args, tenders=(), **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
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


class RoundForm(forms.Form):
    """A negotiation round: the new deadline and what changed in the documents."""

    deadline = forms.DateTimeField(
        label=_("New deadline for revised tenders"),
        widget=DateTimeLocalInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=_("Swedish time. Every tenderer gets the same deadline."),
    )
    change_text = forms.CharField(
        label=_("What changed in the procurement documents"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20_000,
        help_text=_(
            "Sent in the same words to every tenderer of the previous round at once. The award "
            "criteria and the minimum requirements cannot be changed."
        ),
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10_000
    )
