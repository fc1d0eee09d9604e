"""Sealed tenders, their opening, evaluation and the award decision."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from handslag.core.models import PublicIdModel, TimeStampedModel


class CallKey(TimeStampedModel):
    """A call's tender key, stored only wrapped by the key-encryption key from configuration."""

    call = models.OneToOneField("market.Call", on_delete=models.PROTECT, related_name="tender_key")
    wrapped_key = models.BinaryField()
    kek_id = models.CharField(max_length=16)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)

    class Meta:
        verbose_name = _("tender key")
        verbose_name_plural = _("tender keys")


class TenderStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    REPLACED = "replaced", _("Replaced")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Tender(PublicIdModel, TimeStampedModel):
    """A supplier's tender: sealed (encrypted) until the call's opening."""

    call = models.ForeignKey("market.Call", on_delete=models.PROTECT, related_name="tenders")
    supplier = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="tenders"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="tenders_submitted"
    )
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    status = models.CharField(
        _("status"), max_length=20, choices=TenderStatus.choices, default=TenderStatus.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("submitted"))
    ciphertext = models.BinaryField()
    content_sha256 = models.CharField(max_length=64)
    receipt = models.CharField(_("receipt"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("tender")
        verbose_name_plural = _("tenders")
        ordering = ["submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "supplier", "round"],
                condition=Q(status="submitted"),
                name="tender_one_active_per_supplier_round",
            )
        ]

    def __str__(self) -> str:
        return f"{self.receipt[:8]} ({self.call.reference})"


class OpeningConfirmation(TimeStampedModel):
    """One appointed official's confirmation of the opening of a call's tenders."""

    call = models.ForeignKey(
        "market.Call", on_delete=models.PROTECT, related_name="opening_confirmations"
    )
    official = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Round 1 is the original call; later numbers are negotiation rounds.
    round = models.PositiveSmallIntegerField(_("round"), default=1)

    class Meta:
        verbose_name = _("opening confirmation")
        verbose_name_plural = _("opening confirmations")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "round", "official"],
                name="openingconfirmation_unique_official",
                violation_error_message=_("You have already confirmed this opening."),
            )
        ]


class CriterionKind(models.TextChoices):
    QUALITY = "quality", _("Quality")
    PRICE = "price", _("Price or life-cycle cost")


class Criterion(TimeStampedModel):
    """An award criterion with its weight in percent and an anchored 0–5 scale."""

    call = models.ForeignKey("market.Call", on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("what is assessed"), blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=CriterionKind.choices, default=CriterionKind.QUALITY
    )
    weight = models.PositiveSmallIntegerField(
        _("weight (%)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("award criterion")
        verbose_name_plural = _("award criteria")
        ordering = ["call", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.weight} %)"


class Score(TimeStampedModel):
    """An evaluator's score (or the team's consensus score) of one tender on one criterion."""

    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    is_consensus = models.BooleanField(default=False)
    score = models.PositiveSmallIntegerField(
        _("score (0–5)"), validators=[MinValueValidator(0), MaxValueValidator(5)]
    )
    justification = models.TextField(_("justification"), blank=True)
    external_justification = models.TextField(_("justification to the tenderer"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["tender", "criterion", "evaluator", "is_consensus"],
                name="score_unique_per_evaluator",
            ),
            models.UniqueConstraint(
                fields=["tender", "criterion"],
                condition=Q(is_consensus=True),
                name="score_one_consensus_per_criterion",
                violation_error_message=_("The tender already has a consensus score here."),
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=5),
                name="score_in_range",
                violation_error_message=_("A score must be between 0 and 5."),
            ),
        ]


class Award(TimeStampedModel):
    """The award decision (tilldelningsbeslut), its standstill period and the contract date."""

    call = models.OneToOneField("market.Call", on_delete=models.PROTECT, related_name="award")
    tender = models.ForeignKey(Tender, on_delete=models.PROTECT, related_name="awards")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"))
    justification = models.TextField(_("justification"))
    notice_sent_on = models.DateField(_("award notice sent"))
    sent_electronically = models.BooleanField(_("sent electronically"), default=True)
    standstill_end = models.DateField(_("end of the standstill period"))
    contract_signed_on = models.DateField(_("contract signed"), null=True, blank=True)

    class Meta:
        verbose_name = _("award decision")
        verbose_name_plural = _("award decisions")

    def __str__(self) -> str:
        return f"{self.call.reference} → {self.tender.supplier}"


class TenderFile(PublicIdModel, TimeStampedModel):
    """A file sent with a tender, stored only as ciphertext (see crypto.encrypt_file_stream).

    The file's name is sealed too: a name can say as much as the content. What stays in
    clear is what the receipt shows: size and the SHA-256 of the plaintext.
    """

    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="files")
    file_id = models.CharField(max_length=32, unique=True)
    position = models.PositiveSmallIntegerField(default=0)
    sealed_name = models.BinaryField()
    blob = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        verbose_name = _("tender file")
        verbose_name_plural = _("tender files")
        ordering = ["tender", "position", "pk"]


class ConflictDeclaration(TimeStampedModel):
    """A person's declaration of conflict of interest (jäv) for a call's evaluation.

    Evaluators and those who record consensus must declare that they have no conflict
    before they can read any tender or score; a declared conflict keeps them out.
    """

    call = models.ForeignKey(
        "market.Call", on_delete=models.PROTECT, related_name="conflict_declarations"
    )
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    has_conflict = models.BooleanField(_("I have a conflict of interest"))
    statement = models.TextField(_("statement"), blank=True)
    declared_at = models.DateTimeField(_("declared"))

    class Meta:
        verbose_name = _("conflict-of-interest declaration")
        verbose_name_plural = _("conflict-of-interest declarations")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "person"],
                name="conflictdeclaration_one_per_person",
                violation_error_message=_("You have already declared for this call."),
            )
        ]


class NegotiationRound(TimeStampedModel):
    """A negotiation round: revised tenders invited from everyone who tendered in the last one.

    Round 1 is the original call (its deadline is the call's, its opening the call key's);
    rows here are rounds 2, 3, ... Each is sealed with the call's key and opened by two
    appointed officials like the first.
    """

    call = models.ForeignKey(
        "market.Call", on_delete=models.PROTECT, related_name="negotiation_rounds"
    )
    number = models.PositiveSmallIntegerField(_("round"), validators=[MinValueValidator(2)])
    deadline = models.DateTimeField(_("deadline for revised tenders"))
    change_text = models.TextField(_("what changed in the documents"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)

    class Meta:
        verbose_name = _("negotiation round")
        verbose_name_plural = _("negotiation rounds")
        ordering = ["call", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "number"],
                name="negotiationround_unique_number",
                violation_error_message=_("The call already has a round with this number."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=2),
                name="negotiationround_number_from_2",
                violation_error_message=_("Negotiation rounds are numbered from 2."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.call.reference} round {self.number}"


class NegotiationMessage(PublicIdModel, TimeStampedModel):
    """A message in the confidential channel between the buyer's team and one tenderer."""

    call = models.ForeignKey(
        "market.Call", on_delete=models.PROTECT, related_name="negotiation_messages"
    )
    supplier = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="negotiation_messages"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_buyer = models.BooleanField(default=False)
    body = models.TextField(_("message"))

    class Meta:
        verbose_name = _("negotiation message")
        verbose_name_plural = _("negotiation messages")
        ordering = ["call", "supplier", "created_at", "pk"]


class EvaluationKind(models.TextChoices):
    WEIGHTED_POINTS = "weighted_points", _("Weighted points")
    QUALITY_PRICE_RATIO = "quality_price_ratio", _("Quality/price ratio")
    ADDED_VALUE = "added_value", _("Added value (comparison price)")


class EvaluationModel(TimeStampedModel):
    """How a call's tenders are ranked: the evaluation model published with the criteria.

    ``max_deductions`` maps a quality criterion's name to its maximum deduction in SEK
    (added-value model); names, not ids, because the criteria are replaced when edited.
    """

    call = models.OneToOneField(
        "market.Call", on_delete=models.CASCADE, related_name="evaluation_model"
    )
    kind = models.CharField(
        _("evaluation model"),
        max_length=30,
        choices=EvaluationKind.choices,
        default=EvaluationKind.WEIGHTED_POINTS,
    )
    price_ceiling = models.DecimalField(
        _("price ceiling (SEK)"), max_digits=15, decimal_places=2, null=True, blank=True
    )
    relative_price = models.BooleanField(_("relative price scoring"), default=False)
    max_deductions = models.JSONField(_("maximum deductions (SEK)"), default=dict, blank=True)

    class Meta:
        verbose_name = _("evaluation model")
        verbose_name_plural = _("evaluation models")
        constraints = [
            models.CheckConstraint(
                condition=Q(price_ceiling__isnull=True) | Q(price_ceiling__gt=0),
                name="evaluationmodel_ceiling_positive",
                violation_error_message=_("The price ceiling must be above zero."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.call_id}: {self.kind}"
