from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from handslag.core.dashboard import register_dashboard_part


class ProjectsConfig(AppConfig):
    name = "handslag.projects"
    label = "projects"
    verbose_name = _("Projects")

    def ready(self) -> None:
        from handslag.projects.selectors import dashboard_for

        register_dashboard_part(dashboard_for)
