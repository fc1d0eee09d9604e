from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from handslag.audit.actions import register_actions
from handslag.audit.sealing import register_sealed_entries
from handslag.core.dashboard import register_dashboard_part
from handslag.market.extensions import (
    register_call_status_fact,
    register_call_tenderers,
    register_supplier_tenders,
)
from handslag.tendering.audit_actions import RENAMED, TenderingAction


class TenderingConfig(AppConfig):
    name = "handslag.tendering"
    label = "tendering"
    verbose_name = _("Tenders")

    def ready(self) -> None:
        from handslag.tendering.selectors import (
            call_opened_expression,
            call_tenderer_ids,
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
        # A call's stage on every list: "opened" once its tenders are opened; and the
        # tenderers to tell when the call is cancelled (LOU 12 kap. 12 §).
        register_call_status_fact("opened", call_opened_expression)
        register_call_tenderers(call_tenderer_ids)
