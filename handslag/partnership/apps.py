from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from handslag.audit.actions import register_actions
from handslag.core.dashboard import register_dashboard_part
from handslag.partnership.audit_actions import RENAMED, PartnershipAction


class PartnershipConfig(AppConfig):
    name = "handslag.partnership"
    label = "partnership"
    verbose_name = _("Partnership")

    def ready(self) -> None:
        from handslag.partnership.selectors.contracts import dashboard_for

        register_actions(PartnershipAction, renamed=RENAMED)
        register_dashboard_part(dashboard_for)
