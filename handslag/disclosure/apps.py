from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from handslag.audit.actions import register_actions
from handslag.disclosure.audit_actions import RENAMED, DisclosureAction


class DisclosureConfig(AppConfig):
    name = "handslag.disclosure"
    label = "disclosure"
    verbose_name = _("Confidentiality and document requests")

    def ready(self) -> None:
        register_actions(DisclosureAction, renamed=RENAMED)
