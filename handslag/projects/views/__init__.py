"""The project workspace: list, create, stage board, checklist, gates, team, stop, the risk
register, procedure templates, external access and resources.

The views are split by responsibility (lifecycle, team, risks, templates, resources);
every view is re-exported here so the URLconf's ``views.project_detail`` keeps working.
"""

from handslag.projects.views.lifecycle import (
    checklist_item_update,
    gate_pass,
    procedure_advisor,
    project_create,
    project_detail,
    project_list,
    project_stop,
    project_timeline_view,
    stage_edit,
    threshold_list_view,
)
from handslag.projects.views.resources import (
    RESOURCE_TITLES,
    resource_create,
    resource_delete,
    resource_edit,
    resources,
    resources_export,
)
from handslag.projects.views.risks import (
    risk_create,
    risk_detail,
    risk_edit,
    risk_export,
    risk_list,
)
from handslag.projects.views.team import (
    external_access,
    member_remove,
    partner_add,
    project_team,
)
from handslag.projects.views.templates import (
    template_copy,
    template_detail,
    template_edit,
    template_list,
)

__all__ = [
    "RESOURCE_TITLES",
    "checklist_item_update",
    "external_access",
    "gate_pass",
    "member_remove",
    "partner_add",
    "procedure_advisor",
    "project_create",
    "project_detail",
    "project_list",
    "project_stop",
    "project_team",
    "project_timeline_view",
    "resource_create",
    "resource_delete",
    "resource_edit",
    "resources",
    "resources_export",
    "risk_create",
    "risk_detail",
    "risk_edit",
    "risk_export",
    "risk_list",
    "stage_edit",
    "template_copy",
    "template_detail",
    "template_edit",
    "template_list",
    "threshold_list_view",
]
