"""Challenges raised in operations and the need statements they become."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from handslag.core.models import TimeStampedModel


class ChallengeStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    REFINED = "refined", _("Refined into a need statement")
    MERGED = "merged", _("Merged into another challenge")
    PARKED = "parked", _("Parked in the idea bank")
    MOVED = "moved", _("Moved to another process")
    DECLINED = "declined", _("Declined")


class Visibility(models.TextChoices):
    """Who outside the owning organisation may find a challenge or need (similar needs)."""

    ORGANISATION = "organisation", _("Private to the organisation")
    BUYERS = "buyers", _("Shared with other buyers")


class Challenge(TimeStampedModel):
    """A problem raised by someone in a buyer's operations (utmaning), before triage."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="challenges"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what is hard today"), max_length=5000)
    affected = models.TextField(_("for whom"), max_length=2000, blank=True)
    frequency = models.CharField(_("how often"), max_length=200, blank=True)
    cost_today = models.TextField(_("what it costs today"), max_length=2000, blank=True)
    area = models.CharField(_("area"), max_length=100, blank=True)
    unit = models.CharField(_("unit"), max_length=100, blank=True)
    visibility = models.CharField(
        _("visibility"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.ORGANISATION,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="challenges_submitted"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ChallengeStatus.choices,
        default=ChallengeStatus.SUBMITTED,
    )
    triage_reason = models.TextField(_("reason"), max_length=2000, blank=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="challenges_triaged",
    )
    triaged_at = models.DateTimeField(null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_challenges"
    )
    is_published = models.BooleanField(_("published to the market"), default=False)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True) | ~Q(merged_into=F("id")),
                name="challenge_not_merged_into_itself",
                violation_error_message=_("A challenge cannot be merged into itself."),
            )
        ]

    def __str__(self) -> str:
        return self.title


class MarketCheck(models.TextChoices):
    UNKNOWN = "unknown", _("Not checked yet")
    NO_SOLUTION = "no_solution", _("No solution exists on the market")
    PARTIAL = "partial", _("Parts exist, but not the whole solution")
    SOLUTION_EXISTS = "solution_exists", _("A solution exists on the market")


class NeedStatement(TimeStampedModel):
    """A defined need (behovsbeskrivning): problem, target group, expected effects, requirements."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="need_statements"
    )
    challenge = models.ForeignKey(
        Challenge,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="need_statements",
        verbose_name=_("challenge"),
    )
    title = models.CharField(_("title"), max_length=200)
    problem = models.TextField(_("problem"), max_length=5000)
    target_group = models.TextField(_("target group"), max_length=2000, blank=True)
    stakeholders = models.TextField(_("stakeholders"), max_length=2000, blank=True)
    functional_requirements = models.TextField(
        _("functional requirements"), max_length=10000, blank=True
    )
    constraints = models.TextField(_("constraints"), max_length=5000, blank=True)
    strategy_links = models.TextField(
        _("links to strategies and goals"), max_length=2000, blank=True
    )
    market_check = models.CharField(
        _("market check"), max_length=20, choices=MarketCheck.choices, default=MarketCheck.UNKNOWN
    )
    market_check_notes = models.TextField(_("market check notes"), max_length=2000, blank=True)
    visibility = models.CharField(
        _("visibility"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.ORGANISATION,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="need_statements_created"
    )

    class Meta:
        verbose_name = _("need statement")
        verbose_name_plural = _("need statements")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class EffectDirection(models.TextChoices):
    """Which way the indicator should move from the baseline."""

    INCREASE = "increase", _("Increase")
    DECREASE = "decrease", _("Decrease")


class ExpectedEffect(TimeStampedModel):
    """An effect the solution should bring, with the indicator it is measured by."""

    need = models.ForeignKey(NeedStatement, on_delete=models.CASCADE, related_name="effects")
    description = models.CharField(_("expected effect"), max_length=500)
    indicator = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=50)
    baseline = models.DecimalField(_("baseline"), max_digits=16, decimal_places=4)
    target = models.DecimalField(_("target"), max_digits=16, decimal_places=4)
    direction = models.CharField(
        _("desired direction"), max_length=10, choices=EffectDirection.choices
    )
    measurement_method = models.CharField(_("how it is measured"), max_length=500, blank=True)
    measurement_frequency = models.CharField(
        _("how often it is measured"), max_length=100, blank=True
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("expected effect")
        verbose_name_plural = _("expected effects")
        ordering = ["need", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(baseline=F("target")),
                name="effect_target_differs_from_baseline",
                violation_error_message=_("The target must differ from the baseline."),
            )
        ]

    def __str__(self) -> str:
        return self.description


class ChallengeSupport(TimeStampedModel):
    """A colleague's "me too": the challenge hurts them as well (one per person)."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="challenge_supports"
    )

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "user"],
                name="challenge_support_once_per_person",
                violation_error_message=_("You already support this challenge."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} + {self.challenge}"


class ChallengeAttachment(TimeStampedModel):
    """A file a colleague attached to a challenge (a photo, a spreadsheet); never published."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="attachments")
    # The stored name is our own (a random name under needs/challenges/<id>/), never the
    # uploader's; the original name is kept only as a label and for the download.
    file = models.FileField(_("stored file"), max_length=300)
    filename = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("checksum (SHA-256)"), max_length=64)
    content_type = models.CharField(_("content type"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="challenge_attachments"
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["challenge", "created_at", "pk"]

    def __str__(self) -> str:
        return self.filename


class ChallengeComment(TimeStampedModel):
    """A colleague's comment on a challenge; internal to the organisation, never published."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="challenge_comments"
    )
    text = models.TextField(_("comment"), max_length=2000)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:50]


class SimilarityKind(models.TextChoices):
    CHALLENGE = "challenge", _("Challenge")
    NEED = "need", _("Need statement")


class SimilarityTerm(models.Model):
    """One stemmed term of a challenge or need shared with other buyers (similar-needs index).

    Only shared records are indexed, so the index itself holds nothing private. The
    weight is the document's log-scaled term frequency, cosine-normalised (SMART "lnc");
    inverse document frequency is applied on the query side ("ltc").
    """

    kind = models.CharField(max_length=10, choices=SimilarityKind.choices)
    object_id = models.PositiveIntegerField()
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    term = models.CharField(max_length=60)
    weight = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "term"], name="similarity_term_unique"
            )
        ]
        indexes = [
            # Covering: the lookup sums weights per record straight from the index,
            # without visiting the table (1.7 M rows for 100 000 records).
            models.Index(
                fields=["term", "organisation", "kind", "object_id", "weight"],
                name="similarity_term_cover_idx",
            ),
            models.Index(fields=["kind", "object_id"], name="similarity_object_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}:{self.term}"
