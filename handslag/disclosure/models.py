"""Confidentiality claims on tenders, requests for public documents and their redaction.

Claims are stored sealed with the call's tender key (see sealing.py), so before the
opening nobody at the buyer can read them, nor learn from the application how many
there are. Passages the official masks are sealed the same way: a tender's text never
lies in clear in the database.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from handslag.core.models import PublicIdModel, TimeStampedModel


class ClaimSet(TimeStampedModel):
    """A supplier's confidentiality claims on one tender, sealed as one blob."""

    tender = models.OneToOneField(
        "tendering.Tender", on_delete=models.CASCADE, related_name="confidentiality_claims"
    )
    ciphertext = models.BinaryField()

    class Meta:
        verbose_name = _("confidentiality claims")
        verbose_name_plural = _("confidentiality claims")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Being handled")
    DECIDED = "decided", _("Decided")


class DocumentRequest(TimeStampedModel):
    """A request for public documents (begäran om allmän handling) about a call's tenders.

    A request made while the tenders are under absolute secrecy (before the award) is
    registered all the same, names no tender and is refused (``before_award``).
    """

    call = models.ForeignKey(
        "market.Call", on_delete=models.PROTECT, related_name="document_requests"
    )
    requester_name = models.CharField(_("requester's name"), max_length=200)
    # Blank only for a request refused before the award: its decision needs no link.
    requester_email = models.EmailField(_("requester's e-mail"), blank=True)
    subject = models.TextField(_("what is asked for"))
    received_on = models.DateField(_("received"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    decision_text = models.TextField(_("decision"), blank=True)
    before_award = models.BooleanField(_("made before the award"), default=False)
    # Only the SHA-256 of the requester's link token is kept, like API tokens.
    token_digest = models.CharField(max_length=64, unique=True, null=True, blank=True)

    class Meta:
        verbose_name = _("document request")
        verbose_name_plural = _("document requests")
        ordering = ["-received_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.call.reference}: {self.requester_name}"


class Outcome(models.TextChoices):
    RELEASE = "release", _("Release")
    RELEASE_REDACTED = "release_redacted", _("Release redacted")
    REFUSE = "refuse", _("Refuse")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Being handled")
    CONSULTING = "consulting", _("Supplier consulted")
    DECIDED = "decided", _("Decided")


class RedactionCase(PublicIdModel, TimeStampedModel):
    """The secrecy review of one requested tender: claims, masks, consultation, decision."""

    request = models.ForeignKey(DocumentRequest, on_delete=models.CASCADE, related_name="cases")
    tender = models.ForeignKey(
        "tendering.Tender", on_delete=models.PROTECT, related_name="redaction_cases"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    consultation_message = models.TextField(_("message to the supplier"), blank=True)
    consultation_deadline = models.DateField(_("comments due"), null=True, blank=True)
    consultation_sent_at = models.DateTimeField(null=True, blank=True)
    supplier_comment = models.TextField(_("the supplier's comment"), blank=True)
    supplier_commented_at = models.DateTimeField(null=True, blank=True)
    text_outcome = models.CharField(
        _("decision on the tender text"), max_length=20, choices=Outcome.choices, blank=True
    )
    reason = models.TextField(_("reasons"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("redaction case")
        verbose_name_plural = _("redaction cases")
        ordering = ["request", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "tender"], name="redactioncase_unique")
        ]


class ClaimDecision(TimeStampedModel):
    """The official's ruling on one of the supplier's claims: mask it or release it."""

    case = models.ForeignKey(RedactionCase, on_delete=models.CASCADE, related_name="claim_rulings")
    claim_id = models.CharField(max_length=32)
    mask = models.BooleanField(_("mask"))
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("ruling on a claim")
        verbose_name_plural = _("rulings on claims")
        constraints = [
            models.UniqueConstraint(fields=["case", "claim_id"], name="claimdecision_unique")
        ]


class OfficialMask(TimeStampedModel):
    """A passage the official masks on its own initiative (OSL 31 kap. 16 §), sealed."""

    case = models.ForeignKey(RedactionCase, on_delete=models.CASCADE, related_name="masks")
    mask_id = models.CharField(max_length=32, unique=True)
    ciphertext = models.BinaryField()
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("official's mask")
        verbose_name_plural = _("official's masks")
        ordering = ["case", "pk"]


class FileDecision(PublicIdModel, TimeStampedModel):
    """The decision on one of the tender's files: release, release redacted or refuse."""

    case = models.ForeignKey(RedactionCase, on_delete=models.CASCADE, related_name="file_rulings")
    tender_file = models.ForeignKey(
        "tendering.TenderFile", on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(_("decision"), max_length=20, choices=Outcome.choices)
    reason = models.TextField(_("reason"), blank=True)
    # The redacted copy the official made of the file (release redacted); public material.
    redacted_blob = models.CharField(max_length=255, blank=True)
    redacted_name = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = _("decision on a file")
        verbose_name_plural = _("decisions on files")
        constraints = [
            models.UniqueConstraint(fields=["case", "tender_file"], name="filedecision_unique")
        ]
