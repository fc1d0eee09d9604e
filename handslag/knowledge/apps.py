from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from handslag.audit.actions import register_actions
from handslag.knowledge.audit_actions import RENAMED, KnowledgeAction
from handslag.projects.pages import register_project_page_part
from handslag.projects.signals import gate_passed


class KnowledgeConfig(AppConfig):
    name = "handslag.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge")

    def ready(self) -> None:
        from handslag.knowledge.receivers import lesson_from_gate, project_lessons

        register_actions(KnowledgeAction, renamed=RENAMED)
        gate_passed.connect(lesson_from_gate, dispatch_uid="knowledge.lesson_from_gate")
        register_project_page_part(project_lessons)
