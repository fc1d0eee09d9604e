"""The partnership contract and its R&D phases with their gate decisions."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from handslag.core.models import TimeStampedModel
from handslag.needs.models import EffectDirection
from handslag.partnership.terms import IpModel, RiskModel


class Contract(TimeStampedModel):
    """The innovation-partnership contract with one supplier, signed after the standstill."""

    award = models.OneToOneField(
        "evaluation.Award", on_delete=models.PROTECT, related_name="contract"
    )
    project = models.ForeignKey(
        "projects.Project", on_delete=models.PROTECT, related_name="contracts"
    )
    supplier = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="contracts"
    )
    signed_on = models.DateField(_("signed"))
    ip_model = models.CharField(
        _("intellectual property model"), max_length=30, choices=IpModel.choices, blank=True
    )
    ip_terms = models.TextField(_("intellectual property"), blank=True)
    risk_model = models.CharField(
        _("risk-sharing model"), max_length=30, choices=RiskModel.choices, blank=True
    )
    risk_sharing = models.TextField(_("risk sharing"), blank=True)
    acquisition_terms = models.TextField(_("acquisition terms (volumes, prices)"), blank=True)
    maintenance_terms = models.TextField(_("maintenance and service terms"), blank=True)

    class Meta:
        verbose_name = _("partnership contract")
        verbose_name_plural = _("partnership contracts")

    def __str__(self) -> str:
        return f"{self.project} – {self.supplier}"


class PhaseStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("In progress")
    COMPLETED = "completed", _("Completed")
    TERMINATED = "terminated", _("Terminated")


class PhaseDecision(models.TextChoices):
    CONTINUE = "continue", _("Continue")
    TERMINATE = "terminate", _("Terminate")
    REDUCE = "reduce", _("Reduce the number of partners")


class Phase(TimeStampedModel):
    """An R&D phase of the partnership with its goal, payment and end-of-phase gate decision."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="phases")
    order = models.PositiveSmallIntegerField()
    name = models.CharField(_("name"), max_length=200)
    goal = models.TextField(_("intermediate target"), max_length=5000)
    planned_start = models.DateField(_("planned start"))
    planned_end = models.DateField(_("planned end"))
    payment = models.DecimalField(_("payment (SEK)"), max_digits=14, decimal_places=2, default=0)
    status = models.CharField(
        _("status"), max_length=20, choices=PhaseStatus.choices, default=PhaseStatus.PLANNED
    )
    started_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(
        _("decision"), max_length=20, choices=PhaseDecision.choices, blank=True
    )
    decision_reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["contract", "order"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "order"], name="phase_unique_order"),
            models.CheckConstraint(
                condition=Q(planned_end__gte=F("planned_start")),
                name="phase_dates_in_order",
                violation_error_message=_("The planned end cannot be before the planned start."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Milestone(TimeStampedModel):
    """A milestone inside an R&D phase: a dated deliverable the phase's goal is checked by."""

    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="milestones")
    name = models.CharField(_("name"), max_length=200)
    due_on = models.DateField(_("due"))
    completed_on = models.DateField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["phase", "due_on", "pk"]

    def __str__(self) -> str:
        return self.name


class PilotKpi(TimeStampedModel):
    """A KPI of the testbed pilot: an expected effect of the need, measured in the buyer's operations.

    Indicator, unit, baseline and target are copied from the need statement's expected
    effect when the KPI is set up, so later edits of the need do not rewrite a running
    pilot. Volume and unit value turn a change of the KPI into money (realised benefit =
    change against the baseline × volume per year × unit value).
    """

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="kpis")
    effect = models.ForeignKey(
        "needs.ExpectedEffect",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pilot_kpis",
        verbose_name=_("expected effect"),
    )
    indicator = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=50)
    baseline = models.DecimalField(_("baseline"), max_digits=16, decimal_places=4)
    target = models.DecimalField(_("target"), max_digits=16, decimal_places=4)
    #: Copied from the effect with the baseline and target: which way is better is what
    #: the need says, not something the KPI may guess from where its target lies.
    direction = models.CharField(
        _("desired direction"), max_length=10, choices=EffectDirection.choices
    )
    category = models.CharField(_("benefit category"), max_length=30, default="other")
    volume = models.DecimalField(
        _("volume per year"), max_digits=16, decimal_places=4, default=Decimal("1")
    )
    unit_value = models.DecimalField(
        _("value per unit (SEK)"), max_digits=14, decimal_places=2, default=Decimal("0")
    )
    unit_value_source = models.CharField(_("source of the unit value"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("pilot KPI")
        verbose_name_plural = _("pilot KPIs")
        ordering = ["contract", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "indicator"],
                name="pilotkpi_unique_indicator",
                violation_error_message=_("The pilot already measures this indicator."),
            ),
            models.CheckConstraint(
                condition=~Q(baseline=F("target")),
                name="pilotkpi_target_differs_from_baseline",
                violation_error_message=_("The target must differ from the baseline."),
            ),
        ]

    def __str__(self) -> str:
        return self.indicator

    def improvement(self, value: Decimal) -> Decimal:
        """How far ``value`` has moved from the baseline in the desired direction
        (negative if the wrong way)."""
        if self.direction == EffectDirection.INCREASE:
            return value - self.baseline
        return self.baseline - value


class Measurement(TimeStampedModel):
    """One measured value of a pilot KPI on a date, in the KPI's unit."""

    kpi = models.ForeignKey(PilotKpi, on_delete=models.CASCADE, related_name="measurements")
    measured_on = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["kpi", "measured_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["kpi", "measured_on"],
                name="measurement_unique_date",
                violation_error_message=_("There is already a measurement on this date."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.kpi}: {self.value} ({self.measured_on})"


class SolutionMember(TimeStampedModel):
    """Another buyer organisation that joined the finished solution in the acquisition stage."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="joined_solutions"
    )
    joined_on = models.DateField(_("joined"))

    class Meta:
        verbose_name = _("organisation using the solution")
        verbose_name_plural = _("organisations using the solution")
        ordering = ["contract", "joined_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "organisation"],
                name="solutionmember_unique",
                violation_error_message=_("The organisation has already joined."),
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class Order(TimeStampedModel):
    """A purchase of the finished solution against the contract's agreed acquisition terms."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="orders")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="solution_orders"
    )
    ordered_on = models.DateField(_("ordered"))
    description = models.CharField(_("what is ordered"), max_length=300)
    quantity = models.DecimalField(_("quantity"), max_digits=14, decimal_places=2)
    unit_price = models.DecimalField(_("unit price (SEK)"), max_digits=14, decimal_places=2)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["contract", "-ordered_on", "-pk"]

    def __str__(self) -> str:
        return self.description

    @property
    def total(self) -> Decimal:
        return self.quantity * self.unit_price


class ServiceReview(TimeStampedModel):
    """A follow-up of the maintenance and service terms: availability and incidents."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField(_("reviewed"))
    availability = models.DecimalField(_("availability (%)"), max_digits=5, decimal_places=2)
    incidents = models.PositiveIntegerField(_("incidents"))
    notes = models.TextField(_("notes"), max_length=5000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("service review")
        verbose_name_plural = _("service reviews")
        ordering = ["contract", "-reviewed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.contract} {self.reviewed_on}"
