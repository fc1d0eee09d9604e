from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from handslag.audit.actions import register_actions
from handslag.benefits.audit_actions import RENAMED, BenefitsAction


class BenefitsConfig(AppConfig):
    name = "handslag.benefits"
    label = "benefits"
    verbose_name = _("Benefit")

    def ready(self) -> None:
        register_actions(BenefitsAction, renamed=RENAMED)
