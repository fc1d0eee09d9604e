"""Forms for calls and applications: input parsing only; the rules live in services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from handslag.accounts.models import Organisation
from handslag.core.validators import country_choices
from handslag.market.models import (
    Area,
    AttachmentKind,
    CancelGround,
    EventKind,
    LegalProcedure,
    ShortLimitGround,
)


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs) -> None:
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
    area = forms.ChoiceField(
        label=_("Area"),
        choices=[("", _("No area"))] + list(Area.choices),
        required=False,
        help_text=_("Suppliers that follow the area find the call on their page."),
    )
    internal_notes = forms.CharField(
        label=_("Internal notes"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=10000,
        required=False,
        help_text=_("Seen only by the buyer's staff; never published."),
    )
    short_limit_ground = forms.ChoiceField(
        label=_("Shorter time limit"),
        choices=ShortLimitGround.choices,
        required=False,
        help_text=_(
            "Only in an open, restricted or negotiated procedure, and only with the reason "
            "recorded below. Innovation partnerships and competitive dialogues have none."
        ),
    )
    short_limit_reason = forms.CharField(
        label=_("Reason for the shorter time limit"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
        help_text=_(
            "For urgency: why the ordinary limits cannot be kept. For a prior information "
            "notice: its publication reference."
        ),
    )
    prior_notice_sent_on = forms.DateField(
        label=_("Prior information notice sent"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("At least 35 days and at most 12 months before the call is published."),
    )
    answers_deadline_day_counts = forms.BooleanField(
        label=_("Count the deadline day among the six days for answers"),
        required=False,
        help_text=_(
            "By default answers are given at least six full days before the deadline day "
            "(the stricter reading). Tick only with a reason."
        ),
    )
    answers_reading_reason = forms.CharField(
        label=_("Reason for counting the deadline day"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )

    def __init__(self, *args, editing: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["reference"]


class CancelForm(forms.Form):
    ground = forms.ChoiceField(
        label=_("Ground for cancelling"),
        choices=CancelGround.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the ground for cancelling.")},
    )
    reason = forms.CharField(
        label=_("Reasons for cancelling"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_(
            "What happened in this procurement. Shown on the published call and sent to "
            "everyone who applied or tendered."
        ),
        error_messages={"required": _("Give the reasons for cancelling the call.")},
    )


class MarketFilterForm(forms.Form):
    """The public market's filters (GET): every field may be left empty."""

    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    area = forms.ChoiceField(label=_("Area"), required=False)
    buyer = forms.TypedChoiceField(label=_("Buyer"), coerce=int, required=False, empty_value=None)
    deadline_from = forms.DateField(
        label=_("Deadline for applications from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    deadline_to = forms.DateField(
        label=_("Deadline for applications until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, stages=(), buyers=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        every = [("", _("All"))]
        self.fields["status"].choices = every + [(s.value, s.label) for s in stages]
        self.fields["area"].choices = every + list(Area.choices)
        self.fields["buyer"].choices = every + [(b.pk, b.name) for b in buyers]

    def clean(self):
        data = super().clean()
        start, end = data.get("deadline_from"), data.get("deadline_to")
        if start and end and end < start:
            self.add_error("deadline_to", _("The end date must not come before the start date."))
        return data


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; each is checked by the service, not here."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class ApplicationForm(forms.Form):
    supplier = forms.ModelChoiceField(
        label=_("Apply on behalf of"), queryset=Organisation.objects.none(), empty_label=None
    )
    text = forms.CharField(
        label=_("How you meet the selection criteria"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=20000,
    )
    espd = forms.FileField(
        label=_("ESPD response (optional)"),
        required=False,
        help_text=_(
            "The European Single Procurement Document, filled in: as PDF, or the XML file "
            "the ESPD service saves."
        ),
    )
    references = MultipleFileField(label=_("References (optional)"), required=False)
    certificates = MultipleFileField(
        label=_("Certificates (optional)"),
        required=False,
        help_text=_("For example ISO certificates or certificates of registration."),
    )

    def attachments(self) -> list[tuple[str, object]]:
        """The files sent, as (kind, upload) pairs for the service."""
        data = self.cleaned_data
        found = [(AttachmentKind.ESPD.value, data["espd"])] if data.get("espd") else []
        found += [(AttachmentKind.REFERENCE.value, f) for f in data.get("references") or []]
        found += [(AttachmentKind.CERTIFICATE.value, f) for f in data.get("certificates") or []]
        return found

    def __init__(self, *args, organisations=None, **kwargs) -> None:
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


# --- Market dialogue -------------------------------------------------------------------------


class SupplierRegistrationForm(forms.Form):
    organisation_name = forms.CharField(label=_("Organisation name"), max_length=200)
    country = forms.ChoiceField(
        label=_("Country where the organisation is registered"),
        choices=country_choices,
        initial="SE",
        # Left out (an older form, a script), the organisation is Swedish.
        required=False,
    )
    org_number = forms.CharField(
        label=_("Organisation number"),
        max_length=40,
        help_text=_(
            "In Sweden ten digits, for example 556677-8899; the last digit is a check digit. "
            "Abroad, the company registration number or the VAT number."
        ),
    )
    is_sme = forms.BooleanField(
        label=_("We are a small or medium-sized enterprise"), required=False
    )
    is_nonprofit = forms.BooleanField(label=_("We are a non-profit organisation"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    capabilities = forms.CharField(
        label=_("Capabilities"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
        help_text=_("What your organisation can deliver or develop, in a few sentences."),
    )
    areas = forms.MultipleChoiceField(
        label=_("Areas of interest"),
        choices=Area.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("You see open calls in these areas on your page."),
    )
    first_name = forms.CharField(label=_("Your first name"), max_length=150)
    last_name = forms.CharField(label=_("Your last name"), max_length=150)
    email = forms.EmailField(label=_("Your e-mail address"))
    username = forms.CharField(label=_("User name"), max_length=150)
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only digits and not a common password."),
    )
    password_again = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        if (
            cleaned.get("password")
            and cleaned.get("password_again") is not None
            and cleaned["password"] != cleaned["password_again"]
        ):
            self.add_error("password_again", _("The two passwords are not the same."))
        return cleaned


class SupplierProfileForm(forms.Form):
    capabilities = forms.CharField(
        label=_("Capabilities"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        required=False,
        help_text=_("What your organisation can deliver or develop, in a few sentences."),
    )
    areas = forms.MultipleChoiceField(
        label=_("Areas you follow"),
        choices=Area.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("You see open calls in these areas on your page."),
    )


class QuestionForm(forms.Form):
    supplier = forms.ModelChoiceField(
        label=_("Ask on behalf of"), queryset=Organisation.objects.none(), empty_label=None
    )
    text = forms.CharField(
        label=_("Your question"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=_(
            "Only the buyer sees who asked. The answer is published to every supplier "
            "without your name."
        ),
    )

    def __init__(self, *args, organisations=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        queryset = organisations if organisations is not None else Organisation.objects.none()
        self.fields["supplier"].queryset = queryset
        if queryset.count() == 1:
            self.fields["supplier"].initial = queryset.first().pk
            self.fields["supplier"].widget = forms.HiddenInput()


class AnswerForm(forms.Form):
    published_question = forms.CharField(
        label=_("The question as published"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("Take out anything that would reveal who asked."),
    )
    answer = forms.CharField(
        label=_("Answer to all suppliers"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
    )


class CallAmendForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("What we want to achieve"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=10000,
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
    )
    timetable = forms.CharField(
        label=_("Timetable"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )
    application_deadline = forms.DateTimeField(
        label=_("Deadline for applications"),
        widget=DateTimeLocalInput(),
        help_text=_("Swedish time."),
    )
    tender_deadline = forms.DateTimeField(
        label=_("Deadline for tenders"), widget=DateTimeLocalInput(), help_text=_("Swedish time.")
    )
    max_partners = forms.IntegerField(
        label=_("Maximum number of partners"), min_value=1, max_value=50
    )
    area = forms.ChoiceField(
        label=_("Area"), choices=[("", _("No area"))] + list(Area.choices), required=False
    )
    reason = forms.CharField(
        label=_("Reason for the change"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text=_(
            "Published in the call's change history and sent by e-mail to every supplier "
            "that applied, follows the call or asked a question."
        ),
    )
    significant = forms.BooleanField(
        label=_("This is a significant change to the procurement documents"),
        required=False,
        help_text=_(
            "LOU 11 kap. 8 §: the deadlines still ahead must then again give the full "
            "minimum time, counted from now. Move them in the same change."
        ),
    )


def _question_lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


class RfiForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    introduction = forms.CharField(
        label=_("Introduction"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        help_text=_("What you want to learn from the market, and why."),
    )
    area = forms.ChoiceField(
        label=_("Area"), choices=[("", _("No area"))] + list(Area.choices), required=False
    )
    deadline = forms.DateTimeField(
        label=_("Last day to answer"), widget=DateTimeLocalInput(), help_text=_("Swedish time.")
    )
    questions = forms.CharField(
        label=_("Questions"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=30000,
        help_text=_("One question per line."),
    )

    def clean_questions(self) -> list[str]:
        return _question_lines(self.cleaned_data["questions"])


class RfiResponseForm(forms.Form):
    supplier = forms.ModelChoiceField(
        label=_("Answer on behalf of"), queryset=Organisation.objects.none(), empty_label=None
    )

    def __init__(self, *args, rfi=None, organisations=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        queryset = organisations if organisations is not None else Organisation.objects.none()
        self.fields["supplier"].queryset = queryset
        if queryset.count() == 1:
            self.fields["supplier"].initial = queryset.first().pk
            self.fields["supplier"].widget = forms.HiddenInput()
        self.question_fields: dict[str, int] = {}
        for question in rfi.questions.all() if rfi is not None else []:
            name = f"question_{question.pk}"
            self.fields[name] = forms.CharField(
                label=question.text,
                widget=forms.Textarea(attrs={"rows": 4}),
                max_length=10000,
                required=False,
            )
            self.question_fields[name] = question.pk

    def answers(self) -> dict[int, str]:
        return {pk: self.cleaned_data.get(name, "") for name, pk in self.question_fields.items()}


class SupplierChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return obj.name


class DialogueEventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("Date and time"), widget=DateTimeLocalInput(), help_text=_("Swedish time.")
    )
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
        help_text=_("The invited suppliers see this."),
    )
    invited = SupplierChoiceField(
        label=_("Invited suppliers"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, suppliers=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["invited"].queryset = (
            suppliers if suppliers is not None else Organisation.objects.none()
        )


class DialogueEventNotesForm(forms.Form):
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
        help_text=_("The invited suppliers see this."),
    )
    notes = forms.CharField(
        label=_("Notes"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        required=False,
        help_text=_("What was said and agreed. Seen only by the buyer's staff."),
    )
    invited = SupplierChoiceField(
        label=_("Invited suppliers"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, suppliers=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["invited"].queryset = (
            suppliers if suppliers is not None else Organisation.objects.none()
        )


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of attachment"), choices=AttachmentKind.choices)
    file = forms.FileField(label=_("File"))
