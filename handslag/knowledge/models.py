"""What organisations learn: lessons captured at gates and at project close."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from handslag.accounts.models import NetworkMembership
from handslag.core.models import TimeStampedModel
from handslag.projects.models import LessonVisibility as Visibility
from handslag.projects.models import ProjectMember

__all__ = ["Lesson", "LessonQuerySet", "Visibility"]


class LessonQuerySet(models.QuerySet):
    def visible_to(self, user) -> "LessonQuerySet":
        """The lessons `user` may read: the one rule behind the list, the search and the
        single lesson, so they can never disagree.

        private: the author and the project's team; organisation: also the members of the
        lesson's organisation; network: also the members of organisations that share a
        buyer network with it; public: everyone signed in. Never anyone signed out:
        publishing lessons to anonymous visitors waits for a review step.
        """
        if not user.is_authenticated:
            return self.none()
        own_orgs = user.organisation_ids
        team = models.Exists(
            ProjectMember.objects.filter(project_id=models.OuterRef("project_id"), user=user)
        )
        networked = models.Exists(
            NetworkMembership.objects.filter(
                organisation_id=models.OuterRef("organisation_id"),
                network__memberships__organisation_id__in=own_orgs,
            )
        )
        same_org = models.Q(organisation_id__in=own_orgs)
        return self.filter(
            models.Q(created_by=user)
            | models.Q(visibility=Visibility.PRIVATE, project__isnull=False) & team
            | models.Q(visibility__in=(Visibility.ORGANISATION, Visibility.NETWORK)) & same_org
            | models.Q(visibility=Visibility.NETWORK) & networked
            | models.Q(visibility=Visibility.PUBLIC)
        )


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

    objects = LessonQuerySet.as_manager()

    class Meta:
        verbose_name = _("lesson learned")
        verbose_name_plural = _("lessons learned")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title
