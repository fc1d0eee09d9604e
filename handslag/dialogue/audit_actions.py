"""The audit actions of dialogue: the names its services write to the audit log.

Named `<entity>.<verb>`; RENAMED keeps the names actions were stored under before
(handslag.audit.actions says why and reads them).
"""

from collections.abc import Mapping
from enum import StrEnum
from typing import Final


class DialogueAction(StrEnum):
    # A meeting of the project was logged, with who took part.
    MEETING_CREATE = "meeting.create"
    # What the log says about a meeting was changed.
    MEETING_UPDATE = "meeting.update"
    # An action agreed in a meeting was recorded, with its owner and date.
    ACTION_ITEM_ADD = "action_item.add"
    # An action's text, owner or date was changed.
    ACTION_ITEM_UPDATE = "action_item.update"
    # An action was marked done.
    ACTION_ITEM_DONE = "action_item.done"
    # A done action was opened again.
    ACTION_ITEM_REOPEN = "action_item.reopen"
    # A stakeholder was added to the project's analysis.
    STAKEHOLDER_CREATE = "stakeholder.create"
    # A stakeholder's interest, influence or strategy was changed.
    STAKEHOLDER_UPDATE = "stakeholder.update"
    # A stakeholder was removed (the entry keeps the name).
    STAKEHOLDER_REMOVE = "stakeholder.remove"
    # A line of the communication plan was planned.
    COMMUNICATION_ITEM_CREATE = "communication_item.create"
    # A line of the communication plan was changed.
    COMMUNICATION_ITEM_UPDATE = "communication_item.update"
    # A line of the communication plan was marked done.
    COMMUNICATION_ITEM_DONE = "communication_item.done"
    # A done line of the communication plan was opened again.
    COMMUNICATION_ITEM_REOPEN = "communication_item.reopen"
    # A line of the communication plan was removed.
    COMMUNICATION_ITEM_REMOVE = "communication_item.remove"
    # An idea outside the project's scope was kept in the idea bank.
    IDEA_PARK = "idea.park"


# The name an action was stored under before -> its name now.
RENAMED: Final[Mapping[str, DialogueAction]] = {
    "dialogue.meeting.create": DialogueAction.MEETING_CREATE,
    "dialogue.meeting.update": DialogueAction.MEETING_UPDATE,
    "dialogue.action.add": DialogueAction.ACTION_ITEM_ADD,
    "dialogue.action.update": DialogueAction.ACTION_ITEM_UPDATE,
    "dialogue.action.done": DialogueAction.ACTION_ITEM_DONE,
    "dialogue.action.reopen": DialogueAction.ACTION_ITEM_REOPEN,
    "dialogue.stakeholder.create": DialogueAction.STAKEHOLDER_CREATE,
    "dialogue.stakeholder.update": DialogueAction.STAKEHOLDER_UPDATE,
    "dialogue.stakeholder.remove": DialogueAction.STAKEHOLDER_REMOVE,
    "dialogue.communication.create": DialogueAction.COMMUNICATION_ITEM_CREATE,
    "dialogue.communication.update": DialogueAction.COMMUNICATION_ITEM_UPDATE,
    "dialogue.communication.done": DialogueAction.COMMUNICATION_ITEM_DONE,
    "dialogue.communication.reopen": DialogueAction.COMMUNICATION_ITEM_REOPEN,
    "dialogue.communication.remove": DialogueAction.COMMUNICATION_ITEM_REMOVE,
    "dialogue.idea.park": DialogueAction.IDEA_PARK,
}
