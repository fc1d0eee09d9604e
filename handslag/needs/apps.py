from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from handslag.audit.actions import register_actions
from handslag.core.dashboard import register_dashboard_part, register_landing_part
from handslag.needs.audit_actions import RENAMED, NeedsAction


class NeedsConfig(AppConfig):
    name = "handslag.needs"
    label = "needs"
    verbose_name = _("Challenges and needs")

    def ready(self) -> None:
        from handslag.needs.selectors import dashboard_for, public_challenge_list

        register_actions(NeedsAction, renamed=RENAMED)
        register_dashboard_part(dashboard_for)
        register_landing_part("challenges", public_challenge_list)
