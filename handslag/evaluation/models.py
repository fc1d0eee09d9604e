"""Award criteria, scores and consensus, the evaluation model and the award decision.

These models were part of tendering and keep their tables (``tendering_<model>``): the
evaluation reads opened tenders, it never holds sealed content itself.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from handslag.core.models import TimeStampedModel


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

    # Moved from tendering with its table; older audit entries name it by that label.
    audit_former_labels = ("tendering.criterion",)

    class Meta:
        db_table = "tendering_criterion"
        verbose_name = _("award criterion")
        verbose_name_plural = _("award criteria")
        ordering = ["call", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.weight} %)"


class Score(TimeStampedModel):
    """An evaluator's score (or the team's consensus score) of one tender on one criterion."""

    tender = models.ForeignKey("tendering.Tender", on_delete=models.CASCADE, related_name="scores")
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

    # Moved from tendering with its table; older audit entries name it by that label.
    audit_former_labels = ("tendering.score",)

    class Meta:
        db_table = "tendering_score"
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
    tender = models.ForeignKey("tendering.Tender", on_delete=models.PROTECT, related_name="awards")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"))
    justification = models.TextField(_("justification"))
    notice_sent_on = models.DateField(_("award notice sent"))
    sent_electronically = models.BooleanField(_("sent electronically"), default=True)
    standstill_end = models.DateField(_("end of the standstill period"))
    contract_signed_on = models.DateField(_("contract signed"), null=True, blank=True)

    # Moved from tendering with its table; older audit entries name it by that label.
    audit_former_labels = ("tendering.award",)

    class Meta:
        db_table = "tendering_award"
        verbose_name = _("award decision")
        verbose_name_plural = _("award decisions")

    def __str__(self) -> str:
        return f"{self.call.reference} → {self.tender.supplier}"


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

    # Moved from tendering with its table; older audit entries name it by that label.
    audit_former_labels = ("tendering.evaluationmodel",)

    class Meta:
        db_table = "tendering_evaluationmodel"
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
