"""Who may read and keep a project's dialogue log, stakeholders and communication plan.

Built on the projects app's rules: staff of the buyers that own the project read; the
team writes; everyone else is told nothing exists (404).
"""

from handslag.accounts.models import User
from handslag.core.permissions import forbidden, not_found
from handslag.dialogue.models import ActionItem, CommunicationItem, Meeting, Stakeholder
from handslag.projects.models import Project
from handslag.projects.permissions import access_project, can_view_project, is_team_member


def can_view_dialogue(*, user: User, project: Project) -> bool:
    return can_view_project(user=user, project=project)


def can_edit_dialogue(*, user: User, project: Project) -> bool:
    """Team members keep the log; other staff of the owning buyers only read it."""
    return user.is_authenticated and is_team_member(user=user, project=project)


def _check_edit(user: User, project: Project) -> None:
    if not can_edit_dialogue(user=user, project=project):
        raise forbidden()


def access_project_dialogue(*, user: User, project_id: int, edit: bool = False) -> Project:
    """The project, if the user may read its dialogue (404); with edit=True, also keep it (403)."""
    project = access_project(user=user, project_id=project_id)
    if edit:
        _check_edit(user, project)
    return project


def _visible(user: User, project: Project, edit: bool) -> None:
    if not can_view_dialogue(user=user, project=project):
        raise not_found()
    if edit:
        _check_edit(user, project)


def access_meeting(*, user: User, meeting_id: int, edit: bool = False) -> Meeting:
    meeting = (
        Meeting.objects.select_related("project__organisation", "created_by")
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is None:
        raise not_found()
    _visible(user, meeting.project, edit)
    return meeting


def access_action(*, user: User, action_id: int, edit: bool = False) -> ActionItem:
    action = (
        ActionItem.objects.select_related("meeting__project__organisation", "owner")
        .filter(pk=action_id)
        .first()
    )
    if action is None:
        raise not_found()
    _visible(user, action.meeting.project, edit)
    return action


def access_stakeholder(*, user: User, stakeholder_id: int, edit: bool = False) -> Stakeholder:
    stakeholder = (
        Stakeholder.objects.select_related("project__organisation")
        .filter(pk=stakeholder_id)
        .first()
    )
    if stakeholder is None:
        raise not_found()
    _visible(user, stakeholder.project, edit)
    return stakeholder


def access_communication(*, user: User, item_id: int, edit: bool = False) -> CommunicationItem:
    item = (
        CommunicationItem.objects.select_related("project__organisation", "responsible")
        .filter(pk=item_id)
        .first()
    )
    if item is None:
        raise not_found()
    _visible(user, item.project, edit)
    return item
