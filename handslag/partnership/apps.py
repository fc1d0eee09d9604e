from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from handslag.core.dashboard import register_dashboard_part


class PartnershipConfig(AppConfig):
    name = "handslag.partnership"
    label = "partnership"
    verbose_name = _("Partnership")

    def ready(self) -> None:
        from handslag.partnership.selectors import dashboard_for

        register_dashboard_part(dashboard_for)
