from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from handslag.audit.actions import register_actions
from handslag.core.dashboard import register_dashboard_part, register_landing_part
from handslag.market.audit_actions import RENAMED, MarketAction


class MarketConfig(AppConfig):
    name = "handslag.market"
    label = "market"
    verbose_name = _("Market dialogue and calls")

    def ready(self) -> None:
        from handslag.market.selectors import call_list_published, dashboard_for

        register_actions(MarketAction, renamed=RENAMED)
        register_dashboard_part(dashboard_for)
        register_landing_part("calls", call_list_published)
