from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from handslag.accounts.audit_actions import RENAMED, AccountsAction
from handslag.audit.actions import register_actions


class AccountsConfig(AppConfig):
    name = "handslag.accounts"
    label = "accounts"
    verbose_name = _("Accounts and organisations")

    def ready(self) -> None:
        register_actions(AccountsAction, renamed=RENAMED)
