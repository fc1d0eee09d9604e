"""Calls published to the market and the applications suppliers send to them."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from handslag.core.models import TimeStampedModel


class CallStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


class LegalProcedure(models.TextChoices):
    """The legal procedures a call can follow; the values are the legal clock's."""

    INNOVATION_PARTNERSHIP = "innovation_partnership", _("Innovation partnership")
    NEGOTIATED_WITH_PUBLICATION = (
        "negotiated_with_publication",
        _("Negotiated procedure with prior publication"),
    )
    COMPETITIVE_DIALOGUE = "competitive_dialogue", _("Competitive dialogue")
    RESTRICTED = "restricted", _("Restricted procedure")
    OPEN = "open", _("Open procedure")
    PRE_COMMERCIAL = "pre_commercial", _("Pre-commercial procurement")


class Call(TimeStampedModel):
    """The published call (annons) of a procurement: need, effects, criteria, timetable."""

    project = models.ForeignKey("projects.Project", on_delete=models.PROTECT, related_name="calls")
    reference = models.CharField(_("reference number"), max_length=50, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("what we want to achieve"), max_length=10000)
    partnership_description = models.TextField(
        _("how the partnership works"), max_length=10000, blank=True
    )
    legal_procedure = models.CharField(_("procedure"), max_length=40)
    status = models.CharField(
        _("status"), max_length=20, choices=CallStatus.choices, default=CallStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    application_deadline = models.DateTimeField(
        _("deadline for applications"), null=True, blank=True
    )
    tender_deadline = models.DateTimeField(_("deadline for tenders"), null=True, blank=True)
    max_partners = models.PositiveSmallIntegerField(_("maximum number of partners"), default=1)
    selection_criteria = models.TextField(
        _("selection criteria"),
        max_length=10000,
        blank=True,
        help_text=_(
            "What a supplier must show to be qualified, for example capacity and experience."
        ),
    )
    timetable = models.TextField(
        _("timetable"),
        max_length=5000,
        blank=True,
        help_text=_("The planned steps after the deadlines: dialogue, negotiation, award, start."),
    )
    internal_notes = models.TextField(
        _("internal notes"),
        max_length=10000,
        blank=True,
        help_text=_("Seen only by the buyer's staff; never published."),
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), max_length=5000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="calls_created"
    )

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(application_deadline__isnull=True)
                | Q(tender_deadline__isnull=True)
                | Q(tender_deadline__gt=F("application_deadline")),
                name="call_deadlines_in_order",
                violation_error_message=_(
                    "The deadline for tenders must come after the deadline for applications."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def legal_procedure_label(self) -> str:
        return str(dict(LegalProcedure.choices).get(self.legal_procedure, self.legal_procedure))

    @property
    def is_public(self) -> bool:
        """Published once: the call's page stays public, also after it closes or is cancelled."""
        return self.published_at is not None and self.status != CallStatus.DRAFT


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    QUALIFIED = "qualified", _("Qualified")
    INVITED = "invited", _("Invited to tender")
    REJECTED = "rejected", _("Not qualified")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Application(TimeStampedModel):
    """A supplier's request to participate, judged against the selection criteria."""

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="applications")
    supplier = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="applications"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="applications_submitted"
    )
    text = models.TextField(_("how you meet the selection criteria"), max_length=20000)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    invited_at = models.DateTimeField(_("invited to tender"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "supplier"],
                name="application_unique_supplier",
                violation_error_message=_("Your organisation has already applied to this call."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.supplier} → {self.call.reference}"
