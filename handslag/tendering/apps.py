from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from handslag.audit.sealing import register_sealed_entries
from handslag.core.dashboard import register_dashboard_part
from handslag.market.extensions import (
    register_call_criteria,
    register_call_decided,
    register_supplier_tenders,
)


def _call_criteria(*, call):  # noqa: ANN001, ANN202
    from handslag.tendering.models import Criterion

    return Criterion.objects.filter(call=call).order_by("order", "pk")


def _call_decided(*, call) -> bool:  # noqa: ANN001
    from handslag.tendering.models import Award

    return Award.objects.filter(call=call).exists()


class TenderingConfig(AppConfig):
    name = "handslag.tendering"
    label = "tendering"
    verbose_name = _("Tenders and evaluation")

    def ready(self) -> None:
        from handslag.tendering.selectors import (
            dashboard_for,
            sealed_audit_entries,
            tender_list_for_supplier,
        )

        # The audit log hides entries about tenders that are still sealed (OSL 19:3).
        register_sealed_entries(sealed_audit_entries)
        register_dashboard_part(dashboard_for)
        # Market shows a call's criteria and a supplier's tenders, and keeps an awarded
        # call from being cancelled, without knowing tendering.
        register_call_criteria(_call_criteria)
        register_call_decided(_call_decided)
        register_supplier_tenders(tender_list_for_supplier)
