"""The action list as a spreadsheet, for teams that follow up in Excel."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from handslag.core.render import to_xlsx
from handslag.dialogue.selectors import action_list
from handslag.projects.models import Project


def action_list_rows(*, project: Project) -> tuple[list[str], list[list[object]]]:
    header = [
        pgettext("dialogue", "Action"),
        pgettext("dialogue", "Owner"),
        pgettext("dialogue", "Due date"),
        _("Status"),
        _("Meeting"),
        _("Meeting date"),
        _("Done on"),
    ]
    rows = []
    for action in action_list(project=project):
        if action.done:
            status = pgettext("dialogue status", "Done")
        elif action.is_overdue:
            status = pgettext("dialogue status", "Overdue")
        else:
            status = pgettext("dialogue status", "Open")
        rows.append(
            [
                action.text,
                str(action.owner),
                action.due_on,
                status,
                action.meeting.title,
                action.meeting.held_on,
                timezone.localtime(action.done_at).date() if action.done_at else None,
            ]
        )
    return header, rows


def action_list_xlsx(*, project: Project) -> bytes:
    header, rows = action_list_rows(project=project)
    return to_xlsx([(_("Actions"), header, rows)])
