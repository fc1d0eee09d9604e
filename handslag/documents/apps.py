from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from handslag.audit.actions import register_actions
from handslag.documents.audit_actions import RENAMED, DocumentsAction


class DocumentsConfig(AppConfig):
    name = "handslag.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        register_actions(DocumentsAction, renamed=RENAMED)
