"""Stored files and generated documents of a procurement project, and the template library."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from handslag.core.models import TimeStampedModel


class Attachment(TimeStampedModel):
    """A file the project team keeps with the project (bilaga), in one or more versions."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.PROTECT, related_name="attachments"
    )
    name = models.CharField(_("file name"), max_length=255)
    description = models.CharField(_("description"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["-updated_at", "-pk"]

    def __str__(self) -> str:
        return self.name


class AttachmentVersion(models.Model):
    """One uploaded version of an attachment with its checksum; earlier versions are kept."""

    attachment = models.ForeignKey(Attachment, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), max_length=300)
    filename = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment version")
        verbose_name_plural = _("attachment versions")
        ordering = ["attachment", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["attachment", "number"],
                name="attachmentversion_unique_number",
                violation_error_message=_("This version number already exists."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.filename} (v{self.number})"


class DocumentKind(models.TextChoices):
    NEED_STATEMENT = "need_statement", _("Need statement")
    PROCUREMENT = "procurement", _("Procurement documents")
    LEADERSHIP_REPORT = "leadership_report", _("Leadership report")


class DocumentTemplate(TimeStampedModel):
    """An organisation's own copy of a shipped document template, edited in versions."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="document_templates"
    )
    kind = models.CharField(_("document"), max_length=30, choices=DocumentKind.choices)
    shipped_version = models.PositiveIntegerField(_("copied from shipped version"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("document template")
        verbose_name_plural = _("document templates")
        ordering = ["organisation", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind"],
                name="documenttemplate_one_copy_per_kind",
                violation_error_message=_(
                    "The organisation already has its own copy of this template."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.organisation}"

    @property
    def current(self) -> "DocumentTemplateVersion | None":
        return self.versions.order_by("-number").first()


class DocumentTemplateVersion(models.Model):
    """One saved version of an organisation's template: a title and its sections."""

    template = models.ForeignKey(
        DocumentTemplate, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("document title"), max_length=300)
    sections = models.JSONField(_("sections"), default=list)
    note = models.CharField(_("what changed"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("saved"), default=timezone.now)

    class Meta:
        verbose_name = _("document template version")
        verbose_name_plural = _("document template versions")
        ordering = ["template", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "number"],
                name="documenttemplateversion_unique_number",
                violation_error_message=_("This version number already exists."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.template} v{self.number}"


class DocumentFormat(models.TextChoices):
    DOCX = "docx", "DOCX"
    PDF = "pdf", "PDF"


class GeneratedDocument(models.Model):
    """A document generated from a project's data, kept as a numbered version."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.PROTECT, related_name="generated_documents"
    )
    kind = models.CharField(_("document"), max_length=30, choices=DocumentKind.choices)
    fmt = models.CharField(_("format"), max_length=10, choices=DocumentFormat.choices)
    number = models.PositiveIntegerField(_("version"))
    template_version = models.ForeignKey(
        DocumentTemplateVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="generated_documents",
    )
    template_label = models.CharField(_("template"), max_length=300)
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), max_length=300)
    filename = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("generated"), default=timezone.now)

    class Meta:
        verbose_name = _("generated document")
        verbose_name_plural = _("generated documents")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "kind", "fmt", "number"],
                name="generateddocument_unique_number",
                violation_error_message=_("This version number already exists."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.number}, {self.fmt.upper()})"
