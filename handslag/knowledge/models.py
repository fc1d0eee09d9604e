"""What organisations learn: lessons captured at gates and at project close."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from handslag.core.models import TimeStampedModel


class Visibility(models.TextChoices):
    PRIVATE = "private", _("Only the project")
    ORGANISATION = "organisation", _("My organisation")
    NETWORK = "network", _("Our buyer networks")
    PUBLIC = "public", _("Everyone")


class Lesson(TimeStampedModel):
    """A lesson learned, under the study's three questions: design, execution, results."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="lessons"
    )
    project = models.ForeignKey(
        "projects.Project", on_delete=models.SET_NULL, null=True, blank=True, related_name="lessons"
    )
    stage = models.ForeignKey(
        "projects.Stage", on_delete=models.SET_NULL, null=True, blank=True, related_name="lessons"
    )
    title = models.CharField(_("title"), max_length=200)
    design = models.TextField(_("design: how was it set up?"), max_length=5000, blank=True)
    execution = models.TextField(
        _("execution: what worked, what did not, what would we do differently?"),
        max_length=5000,
        blank=True,
    )
    results = models.TextField(_("results: what did it achieve?"), max_length=5000, blank=True)
    tags = models.CharField(_("tags"), max_length=300, blank=True)
    visibility = models.CharField(
        _("who may read it"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.ORGANISATION,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("lesson learned")
        verbose_name_plural = _("lessons learned")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title
