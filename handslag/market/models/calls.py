"""Calls published to the market: their procedure, deadlines, stage and cancellation."""

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from handslag.core.models import TimeStampedModel
from handslag.market import extensions


class CallStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


class CallStage(models.TextChoices):
    """Where a call stands, as every list shows it: computed, never stored (see
    `Call.stage`). The values are stable, so an export (OCDS) can map them."""

    DRAFT = "draft", pgettext_lazy("call stage", "Draft")
    PUBLISHED = "published", pgettext_lazy("call stage", "Open for applications")
    CLOSED_FOR_APPLICATIONS = (
        "closed_for_applications",
        pgettext_lazy("call stage", "Closed for applications"),
    )
    CLOSED_FOR_TENDERS = "closed_for_tenders", pgettext_lazy("call stage", "Closed for tenders")
    OPENED = "opened", pgettext_lazy("call stage", "Tenders opened")
    AWARDED = "awarded", pgettext_lazy("call stage", "Awarded")
    CANCELLED = "cancelled", pgettext_lazy("call stage", "Cancelled")


# The stages in which a supplier can still act on the call, shown first on the market.
OPEN_STAGES = (CallStage.PUBLISHED, CallStage.CLOSED_FOR_APPLICATIONS)


class CancelGround(models.TextChoices):
    """The usual grounds for cancelling a procurement (avbrytande); the free-text reason
    says what happened in this one (LOU 12 kap. 12 §: the decision and its reasons)."""

    NO_TENDERS = "no_tenders", _("No applications or tenders were received")
    NO_ACCEPTABLE = "no_acceptable", _("No application or tender met the requirements")
    OVER_BUDGET = "over_budget", _("The tenders exceed the funds available")
    LITTLE_COMPETITION = "little_competition", _("Too little competition")
    NEED_CHANGED = "need_changed", _("The need has changed or no longer exists")
    DOCUMENT_ERRORS = "document_errors", _("Errors in the procurement documents")
    OTHER = "other", _("Another reason")


class CallQuerySet(QuerySet):
    def with_stage(self, *, now=None) -> "CallQuerySet":
        """Each call with its stage as `stage_value`, in SQL, so lists filter and sort by it.

        Whether the tenders are opened or the call awarded is told by the apps above
        market (market.extensions); a fact nobody registered is false.
        """
        now = now or timezone.now()
        facts = {
            f"fact_{name}": extensions.call_status_fact(name) or Value(False)
            for name in extensions.STATUS_FACTS
        }
        stage = Case(
            When(status=CallStatus.DRAFT, then=Value(CallStage.DRAFT.value)),
            When(status=CallStatus.CANCELLED, then=Value(CallStage.CANCELLED.value)),
            When(fact_awarded=True, then=Value(CallStage.AWARDED.value)),
            When(fact_opened=True, then=Value(CallStage.OPENED.value)),
            When(tender_deadline__lte=now, then=Value(CallStage.CLOSED_FOR_TENDERS.value)),
            When(
                Q(application_deadline__lte=now) | Q(status=CallStatus.CLOSED),
                then=Value(CallStage.CLOSED_FOR_APPLICATIONS.value),
            ),
            default=Value(CallStage.PUBLISHED.value),
            output_field=models.CharField(),
        )
        rank = Case(
            *(
                When(stage_value=value, then=Value(position))
                for position, value in enumerate(
                    (
                        CallStage.PUBLISHED,
                        CallStage.CLOSED_FOR_APPLICATIONS,
                        CallStage.CLOSED_FOR_TENDERS,
                        CallStage.OPENED,
                        CallStage.AWARDED,
                        CallStage.CANCELLED,
                        CallStage.DRAFT,
                    )
                )
            ),
            output_field=models.IntegerField(),
        )
        annotated = self.alias(**facts).annotate(stage_value=stage)
        return annotated.annotate(stage_rank=rank)


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


class ShortLimitGround(models.TextChoices):
    """A documented ground for a shorter time limit (the legal clock's ``Shortening``)."""

    NONE = "", _("None: the ordinary time limits")
    PRIOR_INFORMATION_NOTICE = (
        "prior_information_notice",
        _("Prior information notice (LOU 11 kap. 5 §)"),
    )
    URGENCY = "urgency", _("Urgency stated by the buyer (LOU 11 kap. 7 §)")


class Area(models.TextChoices):
    """Areas of interest a supplier follows and a call belongs to."""

    CARE = "care", _("Health, care and welfare")
    EDUCATION = "education", _("Schools and education")
    ENVIRONMENT = "environment", _("Environment, water and parks")
    ENERGY = "energy", _("Energy and buildings")
    TRANSPORT = "transport", _("Streets, transport and winter maintenance")
    FOOD = "food", _("Meals and food")
    WASTE = "waste", _("Waste and recycling")
    DIGITAL = "digital", _("Digital services and IT")
    SHARING = "sharing", _("Sharing and circular economy")


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
    area = models.CharField(_("area"), max_length=20, choices=Area.choices, blank=True, default="")
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
    short_limit_ground = models.CharField(
        _("shorter time limit"),
        max_length=30,
        choices=ShortLimitGround.choices,
        blank=True,
        default="",
        help_text=_("Only with a ground the law allows for the procedure, and its reason."),
    )
    short_limit_reason = models.TextField(
        _("reason for the shorter time limit"),
        max_length=5000,
        blank=True,
        help_text=_(
            "For urgency: why the ordinary limits cannot be kept. For a prior information "
            "notice: its publication reference."
        ),
    )
    prior_notice_sent_on = models.DateField(
        _("prior information notice sent"),
        null=True,
        blank=True,
        help_text=_("At least 35 days and at most 12 months before the call is published."),
    )
    answers_deadline_day_counts = models.BooleanField(
        _("the deadline day counts among the six days for answers"),
        default=False,
        help_text=_(
            "By default the stricter reading is used: answers are given at least six full "
            "days before the deadline day. Tick only with a reason."
        ),
    )
    answers_reading_reason = models.TextField(
        _("reason for counting the deadline day"), max_length=2000, blank=True
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), max_length=5000, blank=True)
    cancel_ground = models.CharField(
        _("ground for cancelling"),
        max_length=30,
        choices=CancelGround.choices,
        blank=True,
        default="",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="calls_created"
    )

    objects = CallQuerySet.as_manager()

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
    def area_label(self) -> str:
        return str(dict(Area.choices).get(self.area, self.area))

    @property
    def stage(self) -> str:
        """The call's stage (CallStage): the one answer every list and page shows.

        Read from the list's query when it asked for it (`Call.objects.with_stage()`),
        otherwise asked of the database for this call alone.
        """
        value = self.__dict__.get("stage_value")
        if value is None:
            if self.pk is None:
                return CallStage.DRAFT.value
            value = (
                Call.objects.filter(pk=self.pk)
                .with_stage()
                .values_list("stage_value", flat=True)
                .first()
            ) or CallStage.DRAFT.value
            self.__dict__["stage_value"] = value
        return value

    def refresh_from_db(self, *args, **kwargs) -> None:
        self.__dict__.pop("stage_value", None)
        super().refresh_from_db(*args, **kwargs)

    @property
    def stage_label(self) -> str:
        return str(CallStage(self.stage).label)

    @property
    def cancel_ground_label(self) -> str:
        return str(dict(CancelGround.choices).get(self.cancel_ground, ""))

    @property
    def is_cancelled(self) -> bool:
        return self.status == CallStatus.CANCELLED

    @property
    def is_public(self) -> bool:
        """Published once: the call's page stays public, also after it closes or is cancelled."""
        return self.published_at is not None and self.status != CallStatus.DRAFT
