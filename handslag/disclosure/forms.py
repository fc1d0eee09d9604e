"""Forms: input parsing only; the rules are in services/."""

from django import forms
from django.utils.translation import gettext_lazy as _

from handslag.disclosure.models import Outcome

DATE = forms.DateInput(attrs={"type": "date"})


class PassageClaimForm(forms.Form):
    passage = forms.CharField(
        label=_("Passage"),
        help_text=_("Copy the passage exactly as it stands in your tender."),
        widget=forms.Textarea(attrs={"rows": 4}),
        strip=False,
    )
    reason = forms.CharField(
        label=_("Why it is confidential"),
        help_text=_("Say what damage your organisation would suffer if it were disclosed."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FileClaimForm(forms.Form):
    file = forms.ChoiceField(label=_("File"))
    reason = forms.CharField(
        label=_("Why it is confidential"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, files=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # File names are sealed until the opening; the supplier knows its files by order.
        self.fields["file"].choices = [
            (
                str(f.public_id),
                _("File %(n)s (%(size)s bytes)") % {"n": n, "size": f.size},
            )
            for n, f in enumerate(files, start=1)
        ]


class RequestForm(forms.Form):
    requester_name = forms.CharField(label=_("Requester's name"), max_length=200)
    requester_email = forms.CharField(
        label=_("Requester's e-mail"),
        max_length=254,
        required=False,
        help_text=_("The decision is sent here. Needed once the award decision is made."),
    )
    subject = forms.CharField(
        label=_("What is asked for"), widget=forms.Textarea(attrs={"rows": 3})
    )
    received_on = forms.DateField(label=_("Received"), widget=DATE)
    tenders = forms.ModelMultipleChoiceField(
        label=_("Tenders asked for"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        to_field_name="public_id",
    )

    def __init__(self, *args, tenders=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if tenders is None:
            # Under absolute secrecy a request names no tender (and none is shown).
            del self.fields["tenders"]
            return
        self.fields["tenders"].queryset = tenders
        self.fields["tenders"].label_from_instance = lambda t: f"{t.supplier.name} ({t.receipt})"


class RuleForm(forms.Form):
    mask = forms.TypedChoiceField(
        label=_("Ruling"),
        choices=[("1", _("Mask")), ("0", _("Release"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class MaskForm(forms.Form):
    passage = forms.CharField(
        label=_("Passage to mask"),
        help_text=_("Copy the passage exactly from the tender text."),
        widget=forms.Textarea(attrs={"rows": 3}),
        strip=False,
    )
    reason = forms.CharField(
        label=_("Reason (OSL 31 kap. 16 §)"), widget=forms.Textarea(attrs={"rows": 2})
    )


class ConsultationForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the supplier"), widget=forms.Textarea(attrs={"rows": 4})
    )
    deadline = forms.DateField(label=_("Last day for comments"), widget=DATE)


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 6}))


class DecisionForm(forms.Form):
    text_outcome = forms.ChoiceField(
        label=_("Decision on the tender text"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reasons"),
        required=False,
        help_text=_("Needed when anything is kept secret."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, files=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.tender_files = list(files)
        for item in self.tender_files:
            # Fields are named by the file's public id: the page must not show its key.
            key, name = item["record"].public_id, item["name"]
            self.fields[f"outcome_{key}"] = forms.ChoiceField(
                label=_("Decision on %(name)s") % {"name": name},
                choices=Outcome.choices,
                widget=forms.RadioSelect,
            )
            self.fields[f"reason_{key}"] = forms.CharField(
                label=_("Reasons for %(name)s") % {"name": name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"copy_{key}"] = forms.FileField(
                label=_("Redacted copy of %(name)s") % {"name": name},
                required=False,
                help_text=_("Needed when the file is released redacted."),
            )

    def file_decisions(self) -> dict[int, dict]:
        """Each file's decision by its key, as the service takes them."""
        return {
            item["record"].pk: {
                "outcome": self.cleaned_data[f"outcome_{item['record'].public_id}"],
                "reason": self.cleaned_data[f"reason_{item['record'].public_id}"],
                "copy": self.cleaned_data.get(f"copy_{item['record'].public_id}"),
            }
            for item in self.tender_files
        }
