"""The audit actions of projects: the names its services write to the audit log.

Named `<entity>.<verb>`; RENAMED keeps the names actions were stored under before
(handslag.audit.actions says why and reads them).
"""

from collections.abc import Mapping
from enum import StrEnum
from typing import Final


class ProjectsAction(StrEnum):
    # A project was started from need statements and a procedure template.
    PROJECT_CREATE = "project.create"
    # The project was stopped for good, with the reason.
    PROJECT_STOP = "project.stop"
    # The areas an external team member may see were chosen.
    PROJECT_EXTERNAL_ACCESS = "project.external_access"
    # Another buyer joined the project as a joint owner.
    PROJECT_PARTNER_ADD = "project.partner_add"
    # A person was given a role in the project.
    PROJECT_MEMBER_ADD = "project_member.add"
    # A person's role in the project was taken away.
    PROJECT_MEMBER_REMOVE = "project_member.remove"
    # An item of a stage's checklist was ticked done.
    CHECKLIST_ITEM_DONE = "checklist_item.done"
    # An item of a stage's checklist was unticked.
    CHECKLIST_ITEM_UNDONE = "checklist_item.undone"
    # The gate of the stage in progress was passed and the next stage opened.
    STAGE_GATE_PASS = "stage.gate_pass"
    # A stage's planned dates were changed.
    STAGE_DATES_UPDATE = "stage.dates_update"
    # A risk was registered.
    RISK_CREATE = "risk.create"
    # A risk was changed (field by field, before and after).
    RISK_UPDATE = "risk.update"
    # A budget line was added.
    BUDGET_LINE_CREATE = "budget_line.create"
    # A budget line was changed (before and after).
    BUDGET_LINE_UPDATE = "budget_line.update"
    # A budget line entered by mistake was removed (with what it said).
    BUDGET_LINE_DELETE = "budget_line.delete"
    # A line of planned and spent hours was added.
    EFFORT_LINE_CREATE = "effort_line.create"
    # A line of hours was changed (before and after).
    EFFORT_LINE_UPDATE = "effort_line.update"
    # A line of hours entered by mistake was removed (with what it said).
    EFFORT_LINE_DELETE = "effort_line.delete"
    # A funding source was added.
    FUNDING_SOURCE_CREATE = "funding_source.create"
    # A funding source was changed (before and after).
    FUNDING_SOURCE_UPDATE = "funding_source.update"
    # A funding source entered by mistake was removed (with what it said).
    FUNDING_SOURCE_DELETE = "funding_source.delete"
    # A procedure template was copied as the organisation's next version.
    PROCEDURE_TEMPLATE_COPY = "procedure_template.copy"
    # A procedure template's stages and checklists were saved as a new version.
    PROCEDURE_TEMPLATE_REVISE = "procedure_template.revise"
    # An EU threshold or the direct-award limit was entered or corrected (before and after).
    THRESHOLD_VALUE_SAVE = "threshold_value.save"


# The name an action was stored under before -> its name now.
RENAMED: Final[Mapping[str, ProjectsAction]] = {
    "resource.budget.create": ProjectsAction.BUDGET_LINE_CREATE,
    "resource.budget.update": ProjectsAction.BUDGET_LINE_UPDATE,
    "resource.budget.delete": ProjectsAction.BUDGET_LINE_DELETE,
    "resource.hours.create": ProjectsAction.EFFORT_LINE_CREATE,
    "resource.hours.update": ProjectsAction.EFFORT_LINE_UPDATE,
    "resource.hours.delete": ProjectsAction.EFFORT_LINE_DELETE,
    "resource.funding.create": ProjectsAction.FUNDING_SOURCE_CREATE,
    "resource.funding.update": ProjectsAction.FUNDING_SOURCE_UPDATE,
    "resource.funding.delete": ProjectsAction.FUNDING_SOURCE_DELETE,
}
