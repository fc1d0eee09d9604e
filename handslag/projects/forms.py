"""Forms for the project workspace; they parse input, the services decide."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from handslag.accounts.models import Organisation, User
from handslag.accounts.roles import OrganisationKind, OrganisationRole, ProjectRole
from handslag.needs.models import NeedStatement
from handslag.needs.models import Visibility as NeedVisibility
from handslag.projects import advisor
from handslag.projects.models import (
    BudgetCategory,
    FundingSource,
    FundingStatus,
    LessonVisibility,
    Project,
    RiskStatus,
    Stage,
    WorkspaceArea,
)
from handslag.projects.selectors import default_template, member_candidates, template_list_visible

CREATOR_ROLES = (
    OrganisationRole.PROCUREMENT_OFFICER,
    OrganisationRole.NEED_OWNER,
    OrganisationRole.ADMIN,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class NeedLabelChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: NeedStatement) -> str:
        return f"{obj.title} ({obj.organisation})"


class ProjectCreateForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Lead buyer"), queryset=Organisation.objects.none(), empty_label=None
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the project should achieve, in a few sentences."),
    )
    needs = NeedLabelChoiceField(
        label=_("Need statements"),
        queryset=NeedStatement.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The project carries these needs from idea to a solution in use."),
        error_messages={"required": _("Choose at least one need statement.")},
    )
    template = forms.ModelChoiceField(
        label=_("Procedure"),
        queryset=None,
        empty_label=None,
        help_text=_(
            "Innovation partnership fits when no solution exists on the market yet. "
            "The stages and checklists are copied into the project."
        ),
    )
    partner_buyers = forms.ModelMultipleChoiceField(
        label=_("Other buyer organisations that own the project together"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        creator_org_ids = [
            m.organisation_id
            for m in user.active_memberships
            if m.organisation.kind == OrganisationKind.BUYER and m.role in CREATOR_ROLES
        ]
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=creator_org_ids)
        self.fields["needs"].queryset = (
            NeedStatement.objects.filter(organisation_id__in=user.buyer_organisation_ids)
            .select_related("organisation")
            .order_by("-created_at")
        )
        self.fields["template"].queryset = template_list_visible(user=user)
        default = default_template()
        if default is not None:
            self.fields["template"].initial = default.pk
        self.fields["partner_buyers"].queryset = Organisation.objects.filter(
            kind=OrganisationKind.BUYER
        ).exclude(pk__in=creator_org_ids)


class ChecklistItemForm(forms.Form):
    done = forms.BooleanField(label=_("Done"), required=False)
    evidence_url = forms.URLField(
        label=_("Evidence link"),
        required=False,
        assume_scheme="https",
        help_text=_("Optional: a link to the document or minutes that show it is done."),
    )


class GatePassForm(forms.Form):
    override_reason = forms.CharField(
        label=_("Why should the gate pass with the checklist incomplete?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Only needed when required checklist items are not done. The reason is kept with "
            "the stage for good."
        ),
    )
    lesson_title = forms.CharField(label=_("Lesson: a short title"), required=False, max_length=200)
    lesson_design = forms.CharField(
        label=_("Design: how was this stage set up?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    lesson_execution = forms.CharField(
        label=_("Execution: what worked, what did not, what would you do differently?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    lesson_results = forms.CharField(
        label=_("Results: what did the stage achieve?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    lesson_visibility = forms.ChoiceField(
        label=_("Who may read the lesson"),
        choices=LessonVisibility.choices,
        initial=LessonVisibility.ORGANISATION,
        required=False,
    )

    def lesson(self) -> dict[str, str]:
        data = self.cleaned_data
        return {
            "title": data.get("lesson_title", ""),
            "design": data.get("lesson_design", ""),
            "execution": data.get("lesson_execution", ""),
            "results": data.get("lesson_results", ""),
            "visibility": data.get("lesson_visibility") or LessonVisibility.ORGANISATION,
        }


class StageDatesForm(forms.Form):
    planned_start = forms.DateField(label=_("Planned start"), required=False, widget=DateInput())
    planned_end = forms.DateField(label=_("Planned end"), required=False, widget=DateInput())


class MemberAddForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.none())
    role = forms.ChoiceField(label=_("Role in the project"), choices=ProjectRole.choices)

    def __init__(self, *args, project: Project, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = member_candidates(project=project)


class ProjectStopForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the project stopped?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The reason is shown on the project page and kept for others to learn from."),
    )


PROBABILITY_CHOICES = [
    (1, _("1 – Very unlikely")),
    (2, _("2 – Unlikely")),
    (3, _("3 – Possible")),
    (4, _("4 – Likely")),
    (5, _("5 – Almost certain")),
]
IMPACT_CHOICES = [
    (1, _("1 – Negligible")),
    (2, _("2 – Minor")),
    (3, _("3 – Moderate")),
    (4, _("4 – Major")),
    (5, _("5 – Severe")),
]


class RiskForm(forms.Form):
    title = forms.CharField(label=_("Risk"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What could happen, and what would it lead to?"),
    )
    probability = forms.TypedChoiceField(
        label=_("Probability"),
        choices=PROBABILITY_CHOICES,
        coerce=int,
        error_messages={
            "invalid_choice": _("Choose a probability from 1 to 5; %(value)s is outside the scale.")
        },
    )
    impact = forms.TypedChoiceField(
        label=_("Impact"),
        choices=IMPACT_CHOICES,
        coerce=int,
        error_messages={
            "invalid_choice": _("Choose an impact from 1 to 5; %(value)s is outside the scale.")
        },
    )
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("The team member who watches the risk and acts on it."),
    )
    mitigation = forms.CharField(
        label=_("Mitigation"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the team does to make the risk less likely or less harmful."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=RiskStatus.choices)
    review_date = forms.DateField(label=_("Next review"), required=False, widget=DateInput())
    internal_only = forms.BooleanField(
        label=_("Internal only"),
        required=False,
        help_text=_("Hidden from external team members such as advisors and partners."),
    )

    def __init__(self, *args, project: Project, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = (
            User.objects.filter(project_memberships__project=project)
            .distinct()
            .order_by("first_name", "last_name", "username")
        )


MIN_ADVICE_YEAR = 2000
MAX_ADVICE_YEAR = 2100


class AdvisorForm(forms.Form):
    """The procedure advisor's questions; sent with GET, nothing is saved."""

    market_solution = forms.ChoiceField(
        label=_("Does a solution to the need exist on the market?"),
        choices=advisor.MARKET_CHOICES,
        widget=forms.RadioSelect,
    )
    rnd_needed = forms.ChoiceField(
        label=_("Is research and development needed to meet the need?"),
        choices=advisor.YES_NO_UNSURE,
        widget=forms.RadioSelect,
    )
    will_purchase = forms.ChoiceField(
        label=_("Will you buy the result if the development succeeds?"),
        choices=advisor.YES_NO_UNSURE,
        widget=forms.RadioSelect,
    )
    estimated_value = forms.IntegerField(
        label=_("Estimated value of the whole contract, in kronor excluding VAT"),
        min_value=0,
        max_value=10**12,
        help_text=_("Include every option and extension; it is compared with the EU threshold."),
    )
    buyer_kind = forms.ChoiceField(
        label=_("What kind of buyer are you?"),
        choices=advisor.BUYER_KIND_CHOICES,
        initial="sub_central",
    )
    contract_kind = forms.ChoiceField(
        label=_("What is bought?"),
        choices=advisor.CONTRACT_KIND_CHOICES,
        initial="supplies_services",
    )
    several_buyers = forms.TypedChoiceField(
        label=_("Will several buyer organisations procure together?"),
        choices=[("no", _("No")), ("yes", _("Yes"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    months_available = forms.IntegerField(
        label=_("How many months are there until the solution must be in use?"),
        min_value=1,
        max_value=240,
    )
    advice_date = forms.DateField(
        label=_("Date of the advice"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_(
            "The thresholds in force on this day are used: the day the procurement starts. "
            "Empty for today."
        ),
    )
    need = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean_advice_date(self):  # noqa: ANN201
        day = self.cleaned_data.get("advice_date")
        if day is not None and not (MIN_ADVICE_YEAR <= day.year <= MAX_ADVICE_YEAR):
            raise forms.ValidationError(
                _("Give a date between %(first)d and %(last)d.")
                % {"first": MIN_ADVICE_YEAR, "last": MAX_ADVICE_YEAR}
            )
        return day

    def answers(self) -> "advisor.Answers":
        data = self.cleaned_data
        return advisor.Answers(
            market_solution=data["market_solution"],
            rnd_needed=data["rnd_needed"],
            will_purchase=data["will_purchase"],
            estimated_value=data["estimated_value"],
            several_buyers=data["several_buyers"],
            months_available=data["months_available"],
            buyer_kind=data["buyer_kind"],
            contract_kind=data["contract_kind"],
        )


class TemplateCopyForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Copy to the organisation"), queryset=Organisation.objects.none(), empty_label=None
    )

    def __init__(self, *args, organisation_ids: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=organisation_ids)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class TemplateReviseForm(forms.Form):
    """Name, description, and per stage: name, typical duration, guidance, checklist items
    (one per line, required and optional apart)."""

    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, structure: list[dict], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.structure = structure
        for n, stage in enumerate(structure, start=1):
            prefix = f"stage_{n}"
            title = f"{n}. {stage['name']}"
            self.fields[f"{prefix}_name"] = forms.CharField(
                label=_("%(stage)s: name") % {"stage": title},
                max_length=200,
                initial=stage["name"],
            )
            self.fields[f"{prefix}_days"] = forms.IntegerField(
                label=_("%(stage)s: typical duration (days)") % {"stage": title},
                min_value=1,
                max_value=3650,
                initial=stage["typical_days"],
            )
            self.fields[f"{prefix}_guidance"] = forms.CharField(
                label=_("%(stage)s: guidance") % {"stage": title},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=stage["guidance"],
            )
            self.fields[f"{prefix}_required"] = forms.CharField(
                label=_("%(stage)s: required checklist items, one per line") % {"stage": title},
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                initial="\n".join(i["text"] for i in stage["items"] if i["required"]),
            )
            self.fields[f"{prefix}_optional"] = forms.CharField(
                label=_("%(stage)s: optional checklist items, one per line") % {"stage": title},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial="\n".join(i["text"] for i in stage["items"] if not i["required"]),
            )

    def stages(self) -> list[dict]:
        """The stages as template_revise takes them; an item keeps its guidance while its
        text is unchanged."""
        data = self.cleaned_data
        result = []
        for n, stage in enumerate(self.structure, start=1):
            prefix = f"stage_{n}"
            guidance = {i["text"]: i["guidance"] for i in stage["items"]}
            items = [
                {"text": t, "required": True, "guidance": guidance.get(t, "")}
                for t in _lines(data.get(f"{prefix}_required", ""))
            ] + [
                {"text": t, "required": False, "guidance": guidance.get(t, "")}
                for t in _lines(data.get(f"{prefix}_optional", ""))
            ]
            result.append(
                {
                    "key": stage["key"],
                    "name": data.get(f"{prefix}_name", ""),
                    "typical_days": data.get(f"{prefix}_days"),
                    "guidance": data.get(f"{prefix}_guidance", ""),
                    "items": items,
                }
            )
        return result


class ExternalAccessForm(forms.Form):
    areas = forms.MultipleChoiceField(
        label=_("Areas the person is invited to"),
        choices=WorkspaceArea.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "External members always see the project page and its stages. Items marked "
            "internal only stay hidden from them."
        ),
    )


class BudgetLineForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=BudgetCategory.choices)
    description = forms.CharField(label=_("Description"), max_length=200)
    planned = forms.DecimalField(
        label=_("Planned (SEK)"), min_value=0, max_digits=14, decimal_places=0
    )
    spent = forms.DecimalField(
        label=_("Spent so far (SEK)"), min_value=0, max_digits=14, decimal_places=0, initial=0
    )
    funding_source = forms.ModelChoiceField(
        label=_("Paid from"),
        queryset=FundingSource.objects.none(),
        required=False,
        empty_label=_("The buyer's own budget"),
    )
    internal_only = forms.BooleanField(label=_("Internal only"), required=False)

    def __init__(self, *args, project: Project, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["funding_source"].queryset = FundingSource.objects.filter(project=project)


class EffortLineForm(forms.Form):
    who = forms.CharField(
        label=_("Who"), max_length=200, help_text=_("A person or a role, e.g. Upphandlare.")
    )
    stage = forms.ModelChoiceField(
        label=_("Stage"),
        queryset=Stage.objects.none(),
        required=False,
        empty_label=_("Whole project"),
    )
    hours_planned = forms.DecimalField(
        label=_("Hours planned"), min_value=0, max_digits=8, decimal_places=1
    )
    hours_spent = forms.DecimalField(
        label=_("Hours spent so far"), min_value=0, max_digits=8, decimal_places=1, initial=0
    )
    internal_only = forms.BooleanField(label=_("Internal only"), required=False)

    def __init__(self, *args, project: Project, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = Stage.objects.filter(project=project).order_by("order")


class FundingSourceForm(forms.Form):
    name = forms.CharField(label=_("Funder"), max_length=200, help_text=_("E.g. Vinnova, the EU."))
    programme = forms.CharField(
        label=_("Programme"),
        max_length=200,
        required=False,
        help_text=_("E.g. Urban Innovative Actions."),
    )
    amount = forms.DecimalField(
        label=_("Amount (SEK)"), min_value=0, max_digits=14, decimal_places=0
    )
    status = forms.ChoiceField(label=_("Status"), choices=FundingStatus.choices)
    conditions = forms.CharField(
        label=_("Conditions"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Co-financing, eligible costs, reporting, dissemination, deadlines."),
    )
    report_due = forms.DateField(label=_("Next report due"), required=False, widget=DateInput())
    internal_only = forms.BooleanField(label=_("Internal only"), required=False)

    def __init__(self, *args, project: Project, **kwargs) -> None:
        super().__init__(*args, **kwargs)


RESOURCE_FORMS = {"budget": BudgetLineForm, "hours": EffortLineForm, "funding": FundingSourceForm}


class PartnerAddForm(forms.Form):
    """Let another buyer organisation join the project as a joint owner."""

    organisation = forms.ModelChoiceField(
        label=_("Buyer organisation that joins"),
        queryset=Organisation.objects.none(),
        empty_label=None,
    )
    needs = forms.ModelMultipleChoiceField(
        label=_("Its need statements that the project takes on"),
        queryset=NeedStatement.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Optional. Only need statements that their organisation has shared with other buyers."
        ),
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        owners = {project.organisation_id, *project.partner_buyers.values_list("id", flat=True)}
        candidates = Organisation.objects.filter(kind="buyer").exclude(pk__in=owners)
        self.fields["organisation"].queryset = candidates.order_by("name")
        self.fields["needs"].queryset = (
            # Never list another organisation's private needs, not even their titles.
            NeedStatement.objects.filter(
                organisation__in=candidates, visibility=NeedVisibility.BUYERS
            )
            .select_related("organisation")
            .order_by("organisation__name", "title")
        )
        self.fields["needs"].label_from_instance = lambda n: f"{n.title} ({n.organisation.name})"


class JointProjectForm(forms.Form):
    title = forms.CharField(label=_("Project title"), max_length=200)
    template = forms.ModelChoiceField(
        label=_("Procedure"), queryset=Organisation.objects.none(), empty_label=None
    )
    partner_buyers = forms.ModelMultipleChoiceField(
        label=_("Buyer organisations that own the project with you"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("More buyers can join later."),
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, templates: QuerySet, partners: QuerySet, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates
        self.fields["partner_buyers"].queryset = partners
