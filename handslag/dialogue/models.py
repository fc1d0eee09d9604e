"""Dialogue inside the team and with suppliers: meetings, actions, stakeholders, communication."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from handslag.core.models import TimeStampedModel

SCALE = [MinValueValidator(1), MaxValueValidator(5)]


class MeetingKind(models.TextChoices):
    INTERNAL = "internal", _("Internal meeting")
    SUPPLIER = "supplier", _("Supplier dialogue")
    WORKSHOP = "workshop", _("Workshop")
    SPRINT = "innovation_sprint", _("Innovation sprint")
    CHECK_IN = "check_in", _("Check-in")
    RFI = "rfi_session", _("RFI session")


class Meeting(TimeStampedModel):
    """One meeting in a project's dialogue log: with the team, suppliers or end users."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="meetings"
    )
    kind = models.CharField(_("kind of meeting"), max_length=30, choices=MeetingKind.choices)
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    internal_participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="dialogue_meetings",
        verbose_name=_("participants from the buyers"),
    )
    supplier_organisations = models.ManyToManyField(
        "accounts.Organisation",
        blank=True,
        related_name="dialogue_meetings",
        verbose_name=_("supplier organisations"),
    )
    external_participants = models.TextField(_("other participants"), max_length=3000, blank=True)
    notes = models.TextField(_("notes"), max_length=20000, blank=True)
    decisions = models.TextField(_("decisions"), max_length=5000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def decision_list(self) -> list[str]:
        return [line.strip() for line in self.decisions.splitlines() if line.strip()]

    @property
    def external_participant_list(self) -> list[str]:
        return [line.strip() for line in self.external_participants.splitlines() if line.strip()]


class ActionItem(TimeStampedModel):
    """Something a meeting agreed that a named person does by a date."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    text = models.CharField(_("action"), max_length=500)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="dialogue_actions",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due date"))
    done = models.BooleanField(_("done"), default=False)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["done", "due_on", "pk"]

    def __str__(self) -> str:
        return self.text


class Stakeholder(TimeStampedModel):
    """A person or group the project affects or depends on, with interest and influence."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="stakeholders"
    )
    name = models.CharField(_("stakeholder"), max_length=200)
    description = models.TextField(
        _("who they are and what they want"), max_length=3000, blank=True
    )
    interest = models.PositiveSmallIntegerField(_("interest (1–5)"), validators=SCALE)
    influence = models.PositiveSmallIntegerField(_("influence (1–5)"), validators=SCALE)
    strategy = models.TextField(_("how we engage them"), max_length=3000, blank=True)

    class Meta:
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")
        ordering = ["-influence", "-interest", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(interest__gte=1, interest__lte=5),
                name="stakeholder_interest_1_to_5",
                violation_error_message=_("Interest is a number from 1 to 5."),
            ),
            models.CheckConstraint(
                condition=Q(influence__gte=1, influence__lte=5),
                name="stakeholder_influence_1_to_5",
                violation_error_message=_("Influence is a number from 1 to 5."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Channel(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    EMAIL = "email", _("E-mail")
    WEB = "web", _("Website or intranet")
    NEWSLETTER = "newsletter", _("Newsletter")
    PHONE = "phone", _("Phone")
    LETTER = "letter", _("Letter")
    SOCIAL = "social", _("Social media")
    PRESS = "press", _("Press release")
    OTHER = "other", _("Other")


class CommunicationItem(TimeStampedModel):
    """One line of the communication plan: who is told what, when, how and by whom."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="communication_items"
    )
    audience = models.CharField(_("who is told"), max_length=200)
    stakeholder = models.ForeignKey(
        Stakeholder,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="communication_items",
        verbose_name=_("stakeholder"),
    )
    message = models.TextField(_("what they are told"), max_length=3000)
    planned_on = models.DateField(_("when"))
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="communication_items",
        verbose_name=_("responsible"),
    )
    done = models.BooleanField(_("done"), default=False)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("communication item")
        verbose_name_plural = _("communication plan")
        ordering = ["done", "planned_on", "pk"]

    def __str__(self) -> str:
        return f"{self.audience}: {self.message[:60]}"


class ParkedIdea(TimeStampedModel):
    """An idea from the dialogue that falls outside the scope, kept in the idea bank."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="parked_ideas"
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="parked_ideas"
    )
    challenge = models.OneToOneField(
        "needs.Challenge", on_delete=models.CASCADE, related_name="parked_from_dialogue"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("parked idea")
        verbose_name_plural = _("parked ideas")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return str(self.challenge)
