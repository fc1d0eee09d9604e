"""Procurement projects, the procedure templates they follow, their stages and gates, and team."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from handslag.accounts.roles import ProjectRole
from handslag.core.models import TimeStampedModel
from handslag.rules import thresholds


class ProcedureTemplate(TimeStampedModel):
    """A procedure (innovation partnership, negotiated, ...) as an ordered list of stages."""

    key = models.SlugField(_("key"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="procedure_templates",
        help_text=_("Empty for the templates shipped with handslag."),
    )
    legal_procedure = models.CharField(_("legal procedure"), max_length=40, blank=True)
    is_default = models.BooleanField(default=False)
    based_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("based on"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("procedure template")
        verbose_name_plural = _("procedure templates")
        ordering = ["name", "-version"]
        constraints = [
            # Two partial constraints instead of NULLS NOT DISTINCT, which SQLite lacks.
            models.UniqueConstraint(
                fields=["key", "version"],
                condition=Q(organisation__isnull=True),
                name="proceduretemplate_unique_shipped_version",
            ),
            models.UniqueConstraint(
                fields=["key", "version", "organisation"],
                condition=Q(organisation__isnull=False),
                name="proceduretemplate_unique_org_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"


class StageTemplate(models.Model):
    """One stage of a procedure template, with its typical duration."""

    template = models.ForeignKey(ProcedureTemplate, on_delete=models.CASCADE, related_name="stages")
    order = models.PositiveSmallIntegerField()
    key = models.SlugField(max_length=60)
    name = models.CharField(_("name"), max_length=200)
    guidance = models.TextField(_("guidance"), blank=True)
    typical_days = models.PositiveIntegerField(_("typical duration (days)"), default=30)

    class Meta:
        ordering = ["template", "order"]
        constraints = [
            models.UniqueConstraint(fields=["template", "order"], name="stagetemplate_unique_order")
        ]

    def __str__(self) -> str:
        return self.name


class ChecklistItemTemplate(models.Model):
    """A default checklist item of a stage's gate."""

    stage = models.ForeignKey(StageTemplate, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField()
    text = models.CharField(_("text"), max_length=300)
    guidance = models.TextField(_("guidance"), blank=True)
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        ordering = ["stage", "order"]

    def __str__(self) -> str:
        return self.text


class LessonVisibility(models.TextChoices):
    """Who may read a lesson a project learns. Here, not in knowledge: the gate asks for it."""

    PRIVATE = "private", _("Only the project")
    ORGANISATION = "organisation", _("My organisation")
    NETWORK = "network", _("Our buyer networks")
    PUBLIC = "public", _("Everyone")


class ProjectStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    STOPPED = "stopped", _("Stopped")
    COMPLETED = "completed", _("Completed")


class Project(TimeStampedModel):
    """One procurement carrying a need from first idea to a solution in daily use."""

    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=5000, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("lead buyer"),
    )
    partner_buyers = models.ManyToManyField(
        "accounts.Organisation",
        blank=True,
        related_name="joint_projects",
        verbose_name=_("other buyer organisations"),
    )
    template = models.ForeignKey(
        ProcedureTemplate,
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("procedure"),
    )
    needs = models.ManyToManyField(
        "needs.NeedStatement",
        blank=True,
        related_name="projects",
        verbose_name=_("need statements"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.ACTIVE
    )
    status_reason = models.TextField(_("reason"), blank=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="projects_created"
    )

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class ProjectMember(TimeStampedModel):
    """A person's role in a project; one row per role held."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="project_memberships"
    )
    role = models.CharField(_("role"), max_length=30, choices=ProjectRole.choices)

    class Meta:
        verbose_name = _("project member")
        verbose_name_plural = _("project members")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "user", "role"],
                name="projectmember_unique_role",
                violation_error_message=_("The person already holds this role in the project."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"


class StageStatus(models.TextChoices):
    PENDING = "pending", _("Not started")
    OPEN = "open", _("In progress")
    PASSED = "passed", _("Gate passed")


class Stage(TimeStampedModel):
    """A stage of one project; its gate must pass before the next stage opens."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="stages")
    order = models.PositiveSmallIntegerField()
    key = models.SlugField(max_length=60)
    name = models.CharField(_("name"), max_length=200)
    guidance = models.TextField(_("guidance"), blank=True)
    typical_days = models.PositiveIntegerField(_("typical duration (days)"), default=30)
    status = models.CharField(
        _("status"), max_length=20, choices=StageStatus.choices, default=StageStatus.PENDING
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    gate_passed_at = models.DateTimeField(null=True, blank=True)
    gate_passed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    gate_override_reason = models.TextField(_("override reason"), blank=True)

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["project", "order"]
        constraints = [
            models.UniqueConstraint(fields=["project", "order"], name="stage_unique_order"),
            models.CheckConstraint(
                condition=Q(planned_end__isnull=True)
                | Q(planned_start__isnull=True)
                | Q(planned_end__gte=F("planned_start")),
                name="stage_planned_dates_in_order",
                violation_error_message=_("The planned end cannot be before the planned start."),
            ),
            models.CheckConstraint(
                condition=Q(actual_end__isnull=True)
                | Q(actual_start__isnull=True)
                | Q(actual_end__gte=F("actual_start")),
                name="stage_actual_dates_in_order",
                violation_error_message=_("The actual end cannot be before the actual start."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ChecklistItem(TimeStampedModel):
    """One item on a stage's gate checklist."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("text"), max_length=300)
    guidance = models.TextField(_("guidance"), blank=True)
    required = models.BooleanField(_("required"), default=True)
    done = models.BooleanField(_("done"), default=False)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)
    evidence_url = models.URLField(_("evidence link"), blank=True)

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["stage", "order", "pk"]

    def __str__(self) -> str:
        return self.text


class RiskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    MITIGATING = "mitigating", _("Being mitigated")
    OCCURRED = "occurred", _("Occurred")
    CLOSED = "closed", _("Closed")


SCALE = [(n, str(n)) for n in range(1, 6)]


class Risk(TimeStampedModel):
    """A risk to the project, scored by probability and impact on a 1–5 scale."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="risks")
    title = models.CharField(_("risk"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    probability = models.PositiveSmallIntegerField(_("probability"), choices=SCALE)
    impact = models.PositiveSmallIntegerField(_("impact"), choices=SCALE)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    mitigation = models.TextField(_("mitigation"), max_length=5000, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RiskStatus.choices, default=RiskStatus.OPEN
    )
    review_date = models.DateField(_("next review"), null=True, blank=True)
    internal_only = models.BooleanField(
        _("internal only"),
        default=False,
        help_text=_("Hidden from external team members such as advisors and partners."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["project", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(probability__gte=1, probability__lte=5),
                name="risk_probability_1_to_5",
                violation_error_message=_("The probability must be from 1 to 5."),
            ),
            models.CheckConstraint(
                condition=Q(impact__gte=1, impact__lte=5),
                name="risk_impact_1_to_5",
                violation_error_message=_("The impact must be from 1 to 5."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def score(self) -> int:
        return self.probability * self.impact

    @property
    def level(self) -> str:
        """low (1–4), medium (5–9), high (10–16), critical (20–25)."""
        score = self.score
        if score <= 4:
            return "low"
        if score <= 9:
            return "medium"
        if score <= 16:
            return "high"
        return "critical"

    @property
    def is_closed(self) -> bool:
        return self.status == RiskStatus.CLOSED


class WorkspaceArea(models.TextChoices):
    RISKS = "risks", _("Risk register")
    RESOURCES = "resources", _("Resources")


class ExternalAccess(TimeStampedModel):
    """An external team member's invitation to one area of the project."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="external_access")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    area = models.CharField(_("area"), max_length=20, choices=WorkspaceArea.choices)

    class Meta:
        verbose_name = _("external access")
        verbose_name_plural = _("external access")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "user", "area"],
                name="externalaccess_unique",
                violation_error_message=_("The person is already invited to this area."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_area_display()}"


class FundingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    APPLIED = "applied", _("Applied for")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")


class FundingSource(TimeStampedModel):
    """Money for the project from outside the budget line of the buyer, e.g. Vinnova or an EU
    programme, with the conditions that come with it."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="funding_sources")
    name = models.CharField(_("funder"), max_length=200)
    programme = models.CharField(_("programme"), max_length=200, blank=True)
    amount = models.DecimalField(_("amount (SEK)"), max_digits=14, decimal_places=0)
    status = models.CharField(
        _("status"), max_length=20, choices=FundingStatus.choices, default=FundingStatus.PLANNED
    )
    conditions = models.TextField(
        _("conditions"),
        max_length=5000,
        blank=True,
        help_text=_("Co-financing, eligible costs, reporting, dissemination, deadlines."),
    )
    report_due = models.DateField(_("next report due"), null=True, blank=True)
    internal_only = models.BooleanField(_("internal only"), default=False)

    class Meta:
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        ordering = ["project", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="fundingsource_amount_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.programme}".strip()


class BudgetCategory(models.TextChoices):
    STAFF = "staff", _("Own staff")
    CONSULTANTS = "consultants", _("Consultants and advisors")
    DEVELOPMENT = "development", _("Development (R&D phases)")
    PURCHASE = "purchase", _("Purchase and maintenance")
    DIALOGUE = "dialogue", _("Market dialogue and communication")
    OTHER = "other", _("Other")


class BudgetLine(TimeStampedModel):
    """One line of the project's budget: planned and spent, and who pays for it."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="budget_lines")
    category = models.CharField(_("category"), max_length=20, choices=BudgetCategory.choices)
    description = models.CharField(_("description"), max_length=200)
    planned = models.DecimalField(_("planned (SEK)"), max_digits=14, decimal_places=0)
    spent = models.DecimalField(_("spent (SEK)"), max_digits=14, decimal_places=0, default=0)
    funding_source = models.ForeignKey(
        FundingSource,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="budget_lines",
        verbose_name=_("paid from"),
    )
    internal_only = models.BooleanField(_("internal only"), default=False)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["project", "category", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned__gte=0, spent__gte=0), name="budgetline_amounts_not_negative"
            )
        ]

    def __str__(self) -> str:
        return self.description


class EffortLine(TimeStampedModel):
    """Hours planned and spent, by a person or a role, optionally in one stage."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="effort_lines")
    who = models.CharField(
        _("who"), max_length=200, help_text=_("A person or a role, e.g. Upphandlare.")
    )
    stage = models.ForeignKey(
        Stage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("stage"),
    )
    hours_planned = models.DecimalField(_("hours planned"), max_digits=8, decimal_places=1)
    hours_spent = models.DecimalField(_("hours spent"), max_digits=8, decimal_places=1, default=0)
    internal_only = models.BooleanField(_("internal only"), default=False)

    class Meta:
        verbose_name = _("hours")
        verbose_name_plural = _("hours")
        ordering = ["project", "stage__order", "who", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours_planned__gte=0, hours_spent__gte=0),
                name="effortline_hours_not_negative",
            )
        ]

    def __str__(self) -> str:
        return self.who


class ThresholdCategory(models.TextChoices):
    """The categories of handslag.rules.thresholds.Category, with their labels."""

    CENTRAL_SUPPLIES_SERVICES = (
        "central_supplies_services",
        _("Supplies and services, central government authorities"),
    )
    OTHER_SUPPLIES_SERVICES = (
        "other_supplies_services",
        _("Supplies and services, other contracting authorities"),
    )
    WORKS = "works", _("Works, all contracting authorities")
    SOCIAL_SERVICES = (
        "social_services",
        _("Social and other specific services (annex 2 to the Public Procurement Act)"),
    )
    DIRECT_AWARD = "direct_award", _("Direct-award limit (supplies, services and works)")


class ThresholdValue(TimeStampedModel):
    """One EU threshold (or the direct-award limit) for one period, with its source.

    Data, not code: the shipped rows come from a data migration, and staff add the next
    period's values in the admin or with ``manage.py thresholds_import`` when the
    Commission and Upphandlingsmyndigheten publish them.
    """

    category = models.CharField(_("category"), max_length=40, choices=ThresholdCategory.choices)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), help_text=_("The last day the value applies."))
    sek_value = models.PositiveBigIntegerField(
        _("value in kronor"),
        null=True,
        blank=True,
        help_text=_("Excluding VAT. Empty until the value in kronor is published."),
    )
    eur_value = models.PositiveBigIntegerField(
        _("value in euro"),
        null=True,
        blank=True,
        help_text=_("Empty for a limit set in kronor only, such as the direct-award limit."),
    )
    source_title = models.CharField(_("source"), max_length=300)
    source_url = models.URLField(_("source address"), max_length=500)
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("threshold value")
        verbose_name_plural = _("threshold values")
        ordering = ["-valid_from", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "valid_from"],
                name="thresholdvalue_unique_start",
                violation_error_message=_("This category already has a value from that day."),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__gte=F("valid_from")),
                name="thresholdvalue_period_order",
                violation_error_message=_("The period must end on or after the day it starts."),
            ),
            models.CheckConstraint(
                condition=Q(sek_value__isnull=False) | Q(eur_value__isnull=False),
                name="thresholdvalue_has_a_value",
                violation_error_message=_("Enter the value in kronor, in euro or both."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.valid_from}–{self.valid_to}"

    def as_rule(self) -> thresholds.Threshold:
        return thresholds.Threshold(
            category=thresholds.Category(self.category),
            valid_from=self.valid_from,
            valid_to=self.valid_to,
            sek=self.sek_value,
            eur=self.eur_value,
            source_title=self.source_title,
            source_url=self.source_url,
        )

    def clean(self) -> None:
        super().clean()
        if not (self.category and self.valid_from and self.valid_to):
            return
        if self.valid_to < self.valid_from:
            raise ValidationError(
                {"valid_to": _("The period must end on or after the day it starts.")}
            )
        others = ThresholdValue.objects.filter(category=self.category).exclude(pk=self.pk)
        clash = thresholds.overlapping([o.as_rule() for o in others], self.as_rule())
        if clash:
            first = clash[0]
            raise ValidationError(
                _(
                    "The period overlaps the value that applies from %(start)s to %(end)s; "
                    "end that period first."
                )
                % {"start": first.valid_from.isoformat(), "end": first.valid_to.isoformat()}
            )
