"""Changes to projects: creation from need statements, checklists, gates, dates, team, stop,
the risk register, procedure templates and resources.

The services are split by responsibility (lifecycle, team, risks, templates, resources);
every public name is re-exported here so ``services.gate_pass(...)`` keeps working.
"""

from handslag.projects.services.joint_projects import need_joint_project_start
from handslag.projects.services.lifecycle import (
    checklist_item_set_done,
    gate_pass,
    project_create,
    project_stop,
    stage_dates_update,
)
from handslag.projects.services.resources import (
    NOT_NEGATIVE,
    RESOURCE_FIELDS,
    RESOURCE_MODELS,
    resource_delete,
    resource_save,
)
from handslag.projects.services.risks import RISK_FIELDS, risk_create, risk_update
from handslag.projects.services.team import (
    EXTERNAL_ROLES,
    external_access_set,
    project_member_add,
    project_member_remove,
    project_partner_add,
)
from handslag.projects.services.templates import (
    MAX_TYPICAL_DAYS,
    template_copy,
    template_revise,
    template_structure,
)
from handslag.projects.services.thresholds import (
    threshold_value_save,
    threshold_values_import,
)

__all__ = [
    "threshold_value_save",
    "threshold_values_import",
    "EXTERNAL_ROLES",
    "MAX_TYPICAL_DAYS",
    "NOT_NEGATIVE",
    "RESOURCE_FIELDS",
    "RESOURCE_MODELS",
    "RISK_FIELDS",
    "checklist_item_set_done",
    "external_access_set",
    "gate_pass",
    "need_joint_project_start",
    "project_create",
    "project_member_add",
    "project_member_remove",
    "project_partner_add",
    "project_stop",
    "resource_delete",
    "resource_save",
    "risk_create",
    "risk_update",
    "stage_dates_update",
    "template_copy",
    "template_revise",
    "template_structure",
]
