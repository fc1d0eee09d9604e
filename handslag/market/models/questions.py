"""Questions on a call and their answers, and the versions of a published call."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from handslag.core.models import TimeStampedModel
from handslag.market.models.calls import Call

# --- Questions and answers -----------------------------------------------------------------


class Question(TimeStampedModel):
    """A supplier's private question on a call; the answer is published to all, anonymously."""

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="questions")
    supplier = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="call_questions"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="questions_asked"
    )
    asked_at = models.DateTimeField(_("asked"))
    text = models.TextField(_("question"), max_length=5000)
    published_question = models.TextField(
        _("question as published"),
        max_length=5000,
        blank=True,
        help_text=_("The question as all suppliers will read it, without names."),
    )
    answer = models.TextField(_("answer"), max_length=10000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["asked_at", "pk"]

    def __str__(self) -> str:
        return f"{self.call.reference}: {self.text[:50]}"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None


# --- Versions of a published call ------------------------------------------------------------


class CallVersion(TimeStampedModel):
    """One change to a published call: what changed, when and by whom (a field diff)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed"))
    reason = models.TextField(_("reason for the change"), max_length=5000)
    changes = models.JSONField(_("changes"), default=dict)
    significant = models.BooleanField(
        _("significant change to the documents"),
        default=False,
        help_text=_("The deadlines must again give the full minimum from the change."),
    )

    class Meta:
        verbose_name = _("call version")
        verbose_name_plural = _("call versions")
        ordering = ["call", "number"]
        constraints = [
            models.UniqueConstraint(fields=["call", "number"], name="callversion_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.call.reference} v{self.number}"
