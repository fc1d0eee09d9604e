from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "handslag.evaluation"
    label = "evaluation"
    verbose_name = _("Evaluation and award")

    def ready(self) -> None:
        """Tell tendering about awards: it must stop negotiating once a call is awarded and
        show a tenderer its award notice, but may not import this app (it is below it)."""
        from handslag.evaluation import hooks

        hooks.register()
