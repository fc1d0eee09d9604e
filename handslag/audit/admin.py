import json

from django.contrib import admin
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from handslag.audit.actions import action_current, action_stored_names
from handslag.audit.models import AuditEntry
from handslag.audit.selectors import audit_entries_visible


class ActionFilter(admin.SimpleListFilter):
    """Filter by action under its name now: an entry keeps the name it was written with
    (the hash chain covers it), so a renamed action's older entries are listed with it."""

    title = _("action")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        # Only the names of entries the list may show: a sealed entry's action is not offered.
        stored = model_admin.get_queryset(request).order_by().values_list("action", flat=True)
        stored = stored.distinct()
        return [(name, name) for name in sorted({action_current(a) for a in stored})]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(action__in=action_stored_names(self.value()))
        return queryset


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only, and a list only: the log cannot be edited from the application.

    Entries about sealed tenders are left out until the opening, and nothing shown lets
    anyone count them: no row id (in a column, a link, a change page's address or a
    filter in the query string), no hashes (an entry's previous hash would show that
    some entry came in between), no selection checkboxes (they carry the id). The
    counts on the page are counts of the visible rows.
    """

    list_display = ("created_at", "actor_label", "action", "target_type", "target_label", "details")
    list_display_links = None
    list_filter = (ActionFilter,)
    search_fields = ("target_label", "actor_label", "action")
    ordering = ("-created_at",)
    actions = None
    _allowed_lookups = frozenset({"action", "action__exact"})

    def get_queryset(self, request):
        return audit_entries_visible()

    def get_urls(self):
        # Only the list: a change or history page would be addressed by the entry's id.
        return [url for url in super().get_urls() if url.name and url.name.endswith("_changelist")]

    def lookup_allowed(self, lookup, value, request=None):
        # ?id__lte=… (or pk, hash) would count visible rows up to an id, and so the gaps.
        return lookup in self._allowed_lookups

    @admin.display(description=_("data"))
    def details(self, obj: AuditEntry) -> str:
        return Truncator(json.dumps(obj.data, ensure_ascii=False, sort_keys=True)).chars(300)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
