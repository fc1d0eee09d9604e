"""Applications to take part in a call, and the files sent with them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from handslag.core.models import PublicIdModel, TimeStampedModel
from handslag.market.models.calls import Call


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


class AttachmentKind(models.TextChoices):
    ESPD = "espd", _("ESPD response")
    REFERENCE = "reference", _("Reference")
    CERTIFICATE = "certificate", _("Certificate")
    OTHER = "other", _("Other attachment")


class ApplicationAttachment(PublicIdModel, TimeStampedModel):
    """A file sent with an application: the ESPD response, a reference, a certificate.

    Checked like a tender's files (size, type from its content, no programs) and kept in
    storage under a random name of its own; `name` is the supplier's own file name, made
    safe, and is only ever a label. Like the application it is secret (OSL 19 kap. 3 §):
    its supplier sees it, the buyer's team only once the application deadline has passed.
    """

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("kind of attachment"), max_length=20, choices=AttachmentKind.choices)
    name = models.CharField(_("file name"), max_length=200)
    blob = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("application attachment")
        verbose_name_plural = _("application attachments")
        ordering = ["application", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.application_id})"
