"""Helpers shared by the project services: the clock, and the check that a project can still
be changed."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from handslag.projects.models import Project, ProjectStatus


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def _today(now: datetime | None) -> date:
    return timezone.localdate(_now(now))


def _ensure_active(project: Project) -> None:
    if project.status == ProjectStatus.STOPPED:
        raise ValidationError(_("The project is stopped; it can no longer be changed."))
    if project.status == ProjectStatus.COMPLETED:
        raise ValidationError(_("The project is completed; it can no longer be changed."))
