"""Forms: input parsing only; the rules are in services.py."""

from django import forms
from django.utils.translation import gettext_lazy as _

from handslag.market.forms import DateTimeLocalInput
from handslag.tendering.files import max_tender_bytes
from handslag.tendering.models import OPENING_WINDOW_MAX_MINUTES, OPENING_WINDOW_MIN_MINUTES


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; each is checked by the submit service, not here."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class PriceField(forms.DecimalField):
    """A price as people write it: "1 200 000" or "1 200 000,50" with spaces between
    thousands (ordinary, no-break or thin), which Swedish number formatting uses."""

    def to_python(self, value):
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

    def __init__(self, *args, organisations=None, **kwargs) -> None:
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


class OpeningWindowForm(forms.Form):
    window_minutes = forms.IntegerField(
        label=_("Time allowed between the two confirmations (minutes)"),
        min_value=OPENING_WINDOW_MIN_MINUTES,
        max_value=OPENING_WINDOW_MAX_MINUTES,
        help_text=_(
            "The tenders are opened at one sitting: if the second official does not confirm "
            "within this time, the first confirmation lapses and the opening starts again."
        ),
    )
