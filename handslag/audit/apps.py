from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "handslag.audit"
    label = "audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        if getattr(settings, "AUDIT_LOCK_ORDER_CHECK", False):
            from handslag.audit import lockorder

            lockorder.enable()
