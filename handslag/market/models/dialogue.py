"""Dialogue events and innovation sprints."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from handslag.core.models import TimeStampedModel

# --- Dialogue events and innovation sprints ------------------------------------------------


class EventKind(models.TextChoices):
    DIALOGUE = "dialogue", _("Dialogue meeting")
    SPRINT = "sprint", _("Innovation sprint")
    WORKSHOP = "workshop", _("Workshop")


class DialogueEvent(TimeStampedModel):
    """A market dialogue meeting, workshop or innovation sprint with invited suppliers."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.PROTECT, related_name="dialogue_events"
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=EventKind.choices, default=EventKind.DIALOGUE
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("date and time"))
    description = models.TextField(_("description"), max_length=5000, blank=True)
    notes = models.TextField(
        _("notes"), max_length=20000, blank=True, help_text=_("What was said and agreed.")
    )
    invited = models.ManyToManyField(
        "accounts.Organisation", related_name="dialogue_invitations", blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("dialogue event")
        verbose_name_plural = _("dialogue events")
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return self.title
