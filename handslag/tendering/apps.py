from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from handslag.audit.actions import register_actions
from handslag.audit.sealing import register_sealed_entries
from handslag.core.dashboard import register_dashboard_part
from handslag.market.extensions import register_supplier_tenders
from handslag.tendering.audit_actions import RENAMED, TenderingAction


class TenderingConfig(AppConfig):
    name = "handslag.tendering"
    label = "tendering"
    verbose_name = _("Tenders")

    def ready(self) -> None:
        from handslag.tendering.selectors import (
            dashboard_for,
            sealed_audit_entries,
            tender_list_for_supplier,
        )

        register_actions(TenderingAction, renamed=RENAMED)
        # The audit log hides entries about tenders that are still sealed (OSL 19:3).
        register_sealed_entries(sealed_audit_entries)
        register_dashboard_part(dashboard_for)
        # Market shows a supplier's tenders without knowing tendering. The call's criteria
        # and whether it is decided are the evaluation's to register (evaluation/apps.py).
        register_supplier_tenders(tender_list_for_supplier)
