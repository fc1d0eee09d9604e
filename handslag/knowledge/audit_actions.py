"""The audit actions of knowledge: the names its services write to the audit log.

One naming style, `<entity>.<verb>`. An entry keeps the name it was written with (the hash
chain covers it), so an action that is renamed keeps its old name in RENAMED: readers of
the log ask handslag.audit.actions for the name an action has now.
"""

from collections.abc import Mapping
from enum import StrEnum
from typing import Final


class KnowledgeAction(StrEnum):
    # A lesson learned was recorded (design, execution, results).
    LESSON_CREATE = "lesson.create"


# The name an action was stored under before -> its name now (none renamed yet).
RENAMED: Final[Mapping[str, KnowledgeAction]] = {}
