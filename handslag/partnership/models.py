"""The partnership contract and its R&D phases with their gate decisions."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from handslag.core.models import TimeStampedModel


class Contract(TimeStampedModel):
    """The innovation-partnership contract with one supplier, signed after the standstill."""

    award = models.OneToOneField(
        "tendering.Award", on_delete=models.PROTECT, related_name="contract"
    )
    project = models.ForeignKey(
        "projects.Project", on_delete=models.PROTECT, related_name="contracts"
    )
    supplier = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="contracts"
    )
    signed_on = models.DateField(_("signed"))
    ip_terms = models.TextField(_("intellectual property"), blank=True)
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
