from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from handslag.audit.actions import register_actions
from handslag.core.dashboard import register_dashboard_part
from handslag.evaluation.audit_actions import RENAMED, EvaluationAction
from handslag.market.extensions import (
    register_call_criteria,
    register_call_decided,
    register_call_status_fact,
    register_demo_call_setup,
    register_publication_requirements,
)


class EvaluationConfig(AppConfig):
    name = "handslag.evaluation"
    label = "evaluation"
    verbose_name = _("Evaluation and award")

    def ready(self) -> None:
        """Tell the apps below about the evaluation without their importing it: tendering
        must stop negotiating once a call is awarded and show a tenderer its award notice;
        market shows a call's criteria, keeps an awarded call from being cancelled and a call
        without criteria or evaluation model from being published; the
        start page lists the calls waiting to be scored, agreed or awarded."""
        from handslag.evaluation import hooks
        from handslag.evaluation.selectors import dashboard_for

        register_actions(EvaluationAction, renamed=RENAMED)
        hooks.register()
        # After tendering's part (INSTALLED_APPS order), as on the start page before.
        register_dashboard_part(dashboard_for)
        register_call_criteria(hooks.call_criteria)
        register_call_decided(hooks.call_decided)
        # Market refuses to publish a call without criteria and an evaluation model.
        register_publication_requirements(hooks.publication_missing)
        register_demo_call_setup(hooks.demo_call_setup)
        register_call_status_fact("awarded", hooks.call_awarded_expression)
