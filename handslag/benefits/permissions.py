"""Who may see and change a project's benefit models.

A benefit model is the buyer's own appraisal: the project's viewers read it, its lead and
procurement officers change it. Suppliers, even the project's partners, do not see it.
"""

from handslag.accounts.models import User
from handslag.benefits.models import BenefitLine, BenefitModel
from handslag.core.permissions import forbidden, not_found
from handslag.projects.permissions import can_manage_project, can_view_project


def can_view_benefit_model(*, user: User, model: BenefitModel) -> bool:
    return can_view_project(user=user, project=model.project)


def can_manage_benefit_model(*, user: User, model: BenefitModel) -> bool:
    return can_manage_project(user=user, project=model.project)


def access_benefit_model(*, user: User, model_id: int, manage: bool = False) -> BenefitModel:
    """The model if the user may see it (404 otherwise); with manage=True, change it (403)."""
    model = BenefitModel.objects.select_related("project").filter(pk=model_id).first()
    if model is None or not can_view_benefit_model(user=user, model=model):
        raise not_found()
    if manage and not can_manage_benefit_model(user=user, model=model):
        raise forbidden()
    return model


def access_benefit_line(*, user: User, line_id: int, manage: bool = False) -> BenefitLine:
    line = BenefitLine.objects.filter(pk=line_id).only("pk", "model_id").first()
    if line is None:
        raise not_found()
    model = access_benefit_model(user=user, model_id=line.model_id, manage=manage)
    line = BenefitLine.objects.get(pk=line_id)
    line.model = model
    return line
