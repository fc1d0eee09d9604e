"""Requests for information (RFI): questions to the market before a call."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from handslag.core.models import TimeStampedModel
from handslag.market.models.calls import Area

# --- Requests for information (RFI) ------------------------------------------------------


class RfiStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")


class Rfi(TimeStampedModel):
    """A request for information (RFI): questions to the market before a call."""

    project = models.ForeignKey("projects.Project", on_delete=models.PROTECT, related_name="rfis")
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), max_length=10000)
    area = models.CharField(_("area"), max_length=20, choices=Area.choices, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RfiStatus.choices, default=RfiStatus.DRAFT
    )
    deadline = models.DateTimeField(_("last day to answer"))
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("request for information")
        verbose_name_plural = _("requests for information")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class RfiQuestion(TimeStampedModel):
    """One question of an RFI questionnaire."""

    rfi = models.ForeignKey(Rfi, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("question"), max_length=2000)

    class Meta:
        verbose_name = _("RFI question")
        verbose_name_plural = _("RFI questions")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class RfiResponse(TimeStampedModel):
    """A supplier's answers to an RFI; one per supplier organisation."""

    rfi = models.ForeignKey(Rfi, on_delete=models.PROTECT, related_name="responses")
    supplier = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="rfi_responses"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"))

    class Meta:
        verbose_name = _("RFI response")
        verbose_name_plural = _("RFI responses")
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["rfi", "supplier"],
                name="rfiresponse_unique_supplier",
                violation_error_message=_("Your organisation has already answered this RFI."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.supplier} → {self.rfi}"


class RfiAnswer(models.Model):
    """A supplier's answer to one RFI question."""

    response = models.ForeignKey(RfiResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(RfiQuestion, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(_("answer"), max_length=10000, blank=True)

    class Meta:
        verbose_name = _("RFI answer")
        verbose_name_plural = _("RFI answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="rfianswer_unique")
        ]

    def __str__(self) -> str:
        return self.text[:60]
