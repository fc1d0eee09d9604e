from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from handslag.audit.actions import register_actions
from handslag.core.dashboard import register_dashboard_part
from handslag.needs.readers import NeedReaders, register_need_readers
from handslag.projects.audit_actions import RENAMED, ProjectsAction


class ProjectsConfig(AppConfig):
    name = "handslag.projects"
    label = "projects"
    verbose_name = _("Projects")

    def ready(self) -> None:
        from handslag.projects.permissions import (
            can_view_need_through_project,
            needs_visible_through_projects,
        )
        from handslag.projects.selectors import dashboard_for

        register_actions(ProjectsAction, renamed=RENAMED)
        register_dashboard_part(dashboard_for)
        # A project's team may read the need statements the project carries.
        register_need_readers(
            NeedReaders(
                may_read=can_view_need_through_project, visible=needs_visible_through_projects
            )
        )
