"""The threshold table in the Django admin: staff with the model's permissions enter the next
period's values and correct a wrong one. Saving goes through the service, so the overlap
check and the audit entry are the same as for ``manage.py thresholds_import``."""

from django.contrib import admin
from django.db import models

from handslag.projects import services
from handslag.projects.models import ThresholdValue


@admin.register(ThresholdValue)
class ThresholdValueAdmin(admin.ModelAdmin):
    list_display = ("category", "valid_from", "valid_to", "sek_value", "eur_value", "source_title")
    list_filter = ("category",)
    ordering = ("-valid_from", "category")
    fields = (
        "category",
        "valid_from",
        "valid_to",
        "sek_value",
        "eur_value",
        "source_title",
        "source_url",
        "legal_basis",
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):  # noqa: ANN001, ANN201
        if isinstance(db_field, models.URLField):
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):  # noqa: ANN001, ANN201
        services.threshold_value_save(actor=request.user, row=obj)

    def has_delete_permission(self, request, obj=None):  # noqa: ANN001, ANN201
        # A period that applied stays in the table: advice given under it names it.
        return False
