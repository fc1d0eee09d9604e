"""Forms for the needs pages. They parse input; the rules live in services."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from handslag.accounts.models import Organisation
from handslag.core.files import accepted_types_text
from handslag.needs.models import (
    Challenge,
    ChallengeStatus,
    EffectDirection,
    MarketCheck,
    Visibility,
)
from handslag.needs.services import TriageOutcome


class ChallengeForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_(
            "A short name for the challenge, for example “Watering parks without driving around”."
        ),
    )
    description = forms.CharField(
        label=_("What is hard today?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Describe the problem in your own words, not a solution."),
    )
    affected = forms.CharField(
        label=_("For whom is it a problem?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    frequency = forms.CharField(
        label=_("How often does it happen?"), max_length=200, required=False
    )
    cost_today = forms.CharField(
        label=_("What does it cost today?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Time, money, transports, complaints – whatever you know."),
    )
    area = forms.CharField(
        label=_("Area"),
        max_length=100,
        required=False,
        help_text=_("For example parks, waste, care, buildings or streets."),
    )
    unit = forms.CharField(
        label=_("Unit"),
        max_length=100,
        required=False,
        help_text=_("Your department or unit, for example Park department."),
    )
    visibility = forms.ChoiceField(
        label=_("Who may find it?"),
        choices=Visibility.choices,
        initial=Visibility.ORGANISATION,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "Shared with other buyers: other organisations may see the title and description "
            "as a similar need. Comments and names are never shared."
        ),
    )

    def __init__(self, *args, organisations: QuerySet[Organisation], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if organisations.count() == 1:
            self.fields["organisation"].widget = forms.HiddenInput()
            self.fields["organisation"].initial = organisations.first()


class ChallengeFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *ChallengeStatus.choices],
    )
    area = forms.ChoiceField(label=_("Area"), required=False)
    unit = forms.ChoiceField(label=_("Unit"), required=False)
    min_support = forms.ChoiceField(
        label=_("Support"),
        required=False,
        choices=[
            ("", _("Any support")),
            ("1", _("At least 1 supporter")),
            ("3", _("At least 3 supporters")),
            ("5", _("At least 5 supporters")),
        ],
    )
    sort = forms.ChoiceField(
        label=_("Sort"),
        required=False,
        choices=[
            ("newest", _("Newest first")),
            ("oldest", _("Oldest first")),
            ("support", _("Most supported first")),
        ],
    )

    def __init__(self, *args, areas: list[str], units: list[str] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", _("All areas"))] + [(a, a) for a in areas]
        self.fields["unit"].choices = [("", _("All units"))] + [(u, u) for u in units]


TRIAGE_CHOICES = [
    (TriageOutcome.REFINE, _("Refine into a need statement")),
    (TriageOutcome.MERGE, _("Merge into another challenge")),
    (TriageOutcome.PARK, _("Park in the idea bank")),
    (TriageOutcome.MOVE, _("Move to another process")),
    (TriageOutcome.DECLINE, _("Decline")),
]


class TriageForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("What should happen to the challenge?"),
        choices=TRIAGE_CHOICES,
        widget=forms.RadioSelect,
    )
    merge_into = forms.ModelChoiceField(
        label=_("Merge into"),
        queryset=Challenge.objects.none(),
        required=False,
        help_text=_("Only when merging: the challenge that describes the same problem."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required except when refining. The submitter is told the outcome and reason."),
    )

    def __init__(
        self, *args, challenge: Challenge, candidates: QuerySet[Challenge], **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["merge_into"].queryset = candidates
        if challenge.status == ChallengeStatus.PARKED:
            self.fields["outcome"].choices = [
                c for c in TRIAGE_CHOICES if c[0] != TriageOutcome.PARK
            ]


class NeedForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    problem = forms.CharField(
        label=_("Problem"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    target_group = forms.CharField(
        label=_("Target group"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Who the solution is for: residents, staff, care recipients…"),
    )
    stakeholders = forms.CharField(
        label=_("Stakeholders"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Who else is affected or must take part: operations, IT, legal, unions…"),
    )
    functional_requirements = forms.CharField(
        label=_("Functional requirements"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the solution must achieve, one per line. Never a product or brand."),
    )
    constraints = forms.CharField(
        label=_("Constraints"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    strategy_links = forms.CharField(
        label=_("Links to strategies and goals"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example the municipality's plans or the national digital agenda."),
    )
    market_check = forms.ChoiceField(
        label=_("Market check: does a solution exist?"),
        choices=MarketCheck.choices,
        widget=forms.RadioSelect,
    )
    market_check_notes = forms.CharField(
        label=_("Market check notes"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    visibility = forms.ChoiceField(
        label=_("Who may find it?"),
        choices=Visibility.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "Shared with other buyers: other organisations may find the title, problem, target "
            "group and requirements as a similar need, and invite you to work together."
        ),
    )


class EffectForm(forms.Form):
    description = forms.CharField(
        label=_("Expected effect"),
        max_length=500,
        help_text=_("For example “Fewer transports to empty waste containers”."),
    )
    indicator = forms.CharField(label=_("Indicator"), max_length=200)
    unit = forms.CharField(label=_("Unit"), max_length=50)
    direction = forms.ChoiceField(
        label=_("Desired direction"),
        choices=[("", _("Choose…")), *EffectDirection.choices],
        help_text=_("Should the indicator increase or decrease from the baseline?"),
    )
    baseline = forms.DecimalField(
        label=_("Baseline"),
        max_digits=16,
        decimal_places=4,
        localize=True,
        help_text=_("The value today."),
    )
    target = forms.DecimalField(
        label=_("Target"),
        max_digits=16,
        decimal_places=4,
        localize=True,
        help_text=_("The value the solution should reach. Must differ from the baseline."),
    )
    measurement_method = forms.CharField(
        label=_("How it is measured"), max_length=500, required=False
    )
    measurement_frequency = forms.CharField(
        label=_("How often it is measured"), max_length=100, required=False
    )


class AttachmentForm(forms.Form):
    # Empty files reach the service, which refuses them with its own clear message.
    file = forms.FileField(label=_("File"), allow_empty_file=True)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "For example a photo or a spreadsheet. Accepted types: %(types)s. "
            "Only colleagues in your organisation see attachments."
        ) % {"types": accepted_types_text()}


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Comment"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only colleagues in your organisation see comments."),
    )


class VisibilityForm(forms.Form):
    visibility = forms.ChoiceField(
        label=_("Who may find it?"), choices=Visibility.choices, widget=forms.RadioSelect
    )


class NetworkInviteForm(forms.Form):
    network = forms.ModelChoiceField(
        label=_("Buyer network"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Start a new buyer network"),
    )
    name = forms.CharField(
        label=_("Name of the new network"),
        max_length=200,
        required=False,
        help_text=_("Only when starting a new network."),
    )
    message = forms.CharField(
        label=_("Message to the invited organisation"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, networks: QuerySet, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = networks

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("network") and not (data.get("name") or "").strip():
            self.add_error("name", _("Choose a network or give the new network a name."))
        return data
