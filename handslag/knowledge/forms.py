"""Forms for lessons learned."""

from django import forms
from django.utils.translation import gettext_lazy as _

from handslag.knowledge.models import Visibility
from handslag.projects.models import Project


class LessonForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    stage = forms.ModelChoiceField(
        label=_("Stage"),
        queryset=None,
        required=False,
        help_text=_("The stage the lesson comes from, if any."),
    )
    design = forms.CharField(
        label=_("Design: how was it set up?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    execution = forms.CharField(
        label=_("Execution: what worked, what did not, what would you do differently?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    results = forms.CharField(
        label=_("Results: what did it achieve?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=300,
        help_text=_("Words others would search for, separated by commas."),
    )
    visibility = forms.ChoiceField(
        label=_("Who may read it"), choices=Visibility.choices, initial=Visibility.ORGANISATION
    )

    def __init__(self, *args, project: Project, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = project.stages.order_by("order")


class LessonSearchForm(forms.Form):
    q = forms.CharField(label=_("Search lessons"), required=False, max_length=200)
