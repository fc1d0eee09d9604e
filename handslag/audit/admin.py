from django.contrib import admin

from handslag.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the log cannot be edited from the application."""

    list_display = ("id", "created_at", "actor_label", "action", "target_label")
    list_filter = ("action",)
    search_fields = ("target_label", "actor_label", "action")

    def get_queryset(self, request):  # noqa: ANN001, ANN201
        # Entries about sealed tenders would let an administrator count the tenders
        # before the opening; they appear once the call is opened.
        from handslag.tendering.selectors import sealed_tender_ids

        return (
            super()
            .get_queryset(request)
            .exclude(target_type="tendering.tender", target_id__in=sealed_tender_ids())
        )

    def has_add_permission(self, request):  # noqa: ANN001
        return False

    def has_change_permission(self, request, obj=None):  # noqa: ANN001
        return False

    def has_delete_permission(self, request, obj=None):  # noqa: ANN001
        return False
