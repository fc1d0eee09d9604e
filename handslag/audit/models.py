"""The append-only, hash-chained audit log."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove an audit entry."""


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit entries cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit entries cannot be deleted.")


class AuditEntry(models.Model):
    """One change that matters: who did what to which record, when, with before/after data."""

    created_at = models.DateTimeField(_("time"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
    )
    actor_label = models.CharField(_("actor"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=100, db_index=True)
    target_type = models.CharField(_("record type"), max_length=100, blank=True)
    target_id = models.CharField(_("record id"), max_length=64, blank=True)
    target_label = models.CharField(_("record"), max_length=300, blank=True)
    organisation_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["id"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target_idx")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit entries cannot be deleted.")


class AuditHead(models.Model):
    """The chain's newest link, signed with a key kept outside the database.

    One row. Every audit write locks it (the lock that serialises the chain's writers),
    appends its entry and moves the head on, in the same transaction. A log cut at the
    end, or emptied, no longer matches the signed head; a head rolled back or made up
    does not carry a valid signature (see services.audit_verify).
    """

    SINGLETON = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=SINGLETON)
    count = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)
    updated_at = models.DateTimeField()
    signature = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("audit log head")
        verbose_name_plural = _("audit log heads")
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="audithead_single_row"),
        ]

    def __str__(self) -> str:
        return f"{self.count} {self.last_hash}"
