"""The supplier registry: profiles and the calls suppliers follow."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from handslag.core.models import TimeStampedModel
from handslag.market.models.calls import Area, Call

# --- Supplier registry ---------------------------------------------------------------------


class SupplierProfile(TimeStampedModel):
    """A supplier organisation's page in the supplier registry: what it can do, what it follows."""

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="supplier_profile"
    )
    capabilities = models.TextField(
        _("capabilities"),
        max_length=5000,
        blank=True,
        help_text=_("What your organisation can deliver or develop, in a few sentences."),
    )
    areas = models.JSONField(_("areas of interest"), default=list, blank=True)

    class Meta:
        verbose_name = _("supplier profile")
        verbose_name_plural = _("supplier profiles")

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def area_labels(self) -> list[str]:
        labels = dict(Area.choices)
        return [str(labels[a]) for a in self.areas if a in labels]


class CallFollow(TimeStampedModel):
    """A supplier organisation that follows a call, to be told about changes and answers."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="follows")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="call_follows"
    )
    followed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("followed call")
        verbose_name_plural = _("followed calls")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "organisation"],
                name="callfollow_unique_organisation",
                violation_error_message=_("Your organisation already follows this call."),
            )
        ]
