from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from handslag.audit.actions import register_actions
from handslag.dialogue.audit_actions import RENAMED, DialogueAction


class DialogueConfig(AppConfig):
    name = "handslag.dialogue"
    label = "dialogue"
    verbose_name = _("Dialogue and stakeholders")

    def ready(self) -> None:
        register_actions(DialogueAction, renamed=RENAMED)
