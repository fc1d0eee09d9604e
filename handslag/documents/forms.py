"""Forms for uploads, generation and template editing; the rules are in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from handslag.core.files import accepted_types_text
from handslag.documents.models import DocumentFormat, DocumentKind


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"), allow_empty_file=True)
    description = forms.CharField(
        label=_("Description"), max_length=500, required=False, widget=forms.TextInput
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "Accepted types: %(types)s. The type is checked from the file's content."
        ) % {"types": accepted_types_text()}


class VersionForm(forms.Form):
    file = forms.FileField(label=_("New version"), allow_empty_file=True)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("Accepted types: %(types)s.") % {
            "types": accepted_types_text()
        }


class GenerateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices)
    fmt = forms.ChoiceField(label=_("Format"), choices=DocumentFormat.choices)


class TemplateCopyForm(forms.Form):
    kind = forms.ChoiceField(label=_("Template"), choices=DocumentKind.choices)
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int)

    def __init__(self, *args, organisations=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]


class TemplateEditForm(forms.Form):
    title = forms.CharField(label=_("Document title"), max_length=300)
    sections = forms.CharField(
        label=_("Sections"),
        widget=forms.Textarea(attrs={"rows": 24}),
        help_text=_(
            "Start each section with a line “## Heading”. Refer to the project's data with "
            "fields such as {{ need.problem }}; the list of fields is below."
        ),
    )
    note = forms.CharField(label=_("What changed"), max_length=500, required=False)
