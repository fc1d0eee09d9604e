"""Forms for the dialogue pages; they parse input, the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from handslag.accounts.models import Organisation, User
from handslag.dialogue.models import Channel, Meeting, MeetingKind, Stakeholder
from handslag.dialogue.selectors import people_for_project, supplier_organisations
from handslag.projects.models import Project

SCALE_CHOICES = [(i, str(i)) for i in range(1, 6)]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.username


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.username


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=MeetingKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    held_on = forms.DateField(label=_("Date"), widget=DateInput())
    internal_participants = PeopleChoiceField(
        label=_("Participants from the buyers"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    supplier_organisations = forms.ModelMultipleChoiceField(
        label=_("Supplier organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Optional: the suppliers that took part."),
    )
    external_participants = forms.CharField(
        label=_("Other participants"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, with their organisation, for example “Eva Ek, Sensorbolaget”."),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=20000, widget=forms.Textarea(attrs={"rows": 6})
    )
    decisions = forms.CharField(
        label=_("Decisions"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One decision per line."),
    )

    def __init__(self, *args, project: Project, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["internal_participants"].queryset = people_for_project(project=project)
        self.fields["supplier_organisations"].queryset = supplier_organisations()

    @staticmethod
    def initial_for(meeting: Meeting) -> dict:
        return {
            "kind": meeting.kind,
            "title": meeting.title,
            "held_on": meeting.held_on,
            "internal_participants": list(meeting.internal_participants.all()),
            "supplier_organisations": list(meeting.supplier_organisations.all()),
            "external_participants": meeting.external_participants,
            "notes": meeting.notes,
            "decisions": meeting.decisions,
        }


class ActionForm(forms.Form):
    text = forms.CharField(label=pgettext_lazy("dialogue", "Action"), max_length=500)
    owner = PersonChoiceField(
        label=pgettext_lazy("dialogue", "Owner"), queryset=User.objects.none()
    )
    due_on = forms.DateField(label=pgettext_lazy("dialogue", "Due date"), widget=DateInput())

    def __init__(self, *args, project: Project, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people_for_project(project=project)


class StakeholderForm(forms.Form):
    name = forms.CharField(label=_("Stakeholder"), max_length=200)
    description = forms.CharField(
        label=_("Who they are and what they want"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    interest = forms.TypedChoiceField(
        label=_("Interest"),
        choices=SCALE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("How much the project matters to them: 1 little, 5 very much."),
    )
    influence = forms.TypedChoiceField(
        label=_("Influence"),
        choices=SCALE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("How much they can affect the project: 1 little, 5 very much."),
    )
    strategy = forms.CharField(
        label=_("How we engage them"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CommunicationForm(forms.Form):
    stakeholder = forms.ModelChoiceField(
        label=_("Stakeholder"),
        queryset=Stakeholder.objects.none(),
        required=False,
        empty_label=_("– None –"),
    )
    audience = forms.CharField(
        label=_("Who is told"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the stakeholder's name."),
    )
    message = forms.CharField(
        label=_("What they are told"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )
    planned_on = forms.DateField(label=_("When"), widget=DateInput())
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    responsible = PersonChoiceField(
        label=pgettext_lazy("dialogue", "Responsible"), queryset=User.objects.none()
    )

    def __init__(self, *args, project: Project, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stakeholder"].queryset = Stakeholder.objects.filter(project=project)
        self.fields["responsible"].queryset = people_for_project(project=project)

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("audience") and not data.get("stakeholder"):
            self.add_error("audience", _("Say who is told, or choose a stakeholder."))
        return data


class IdeaParkForm(forms.Form):
    title = forms.CharField(label=_("The idea in a few words"), max_length=200)
    description = forms.CharField(
        label=_("What is the idea?"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    reason = forms.CharField(
        label=_("Why it falls outside this project's scope"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    meeting = forms.ModelChoiceField(
        label=_("Meeting where it came up"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("– None –"),
    )

    def __init__(self, *args, project: Project, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(project=project)
