from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from handslag.audit.sealing import register_sealed_entries
from handslag.core.dashboard import register_dashboard_part


class TenderingConfig(AppConfig):
    name = "handslag.tendering"
    label = "tendering"
    verbose_name = _("Tenders and evaluation")

    def ready(self) -> None:
        from handslag.tendering.selectors import dashboard_for, sealed_audit_entries

        # The audit log hides entries about tenders that are still sealed (OSL 19:3).
        register_sealed_entries(sealed_audit_entries)
        register_dashboard_part(dashboard_for)
