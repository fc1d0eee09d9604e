"""The audit actions of knowledge: the names its services write to the audit log.

Named `<entity>.<verb>`; RENAMED keeps the names actions were stored under before
(handslag.audit.actions says why and reads them).
"""

from collections.abc import Mapping
from enum import StrEnum
from typing import Final


class KnowledgeAction(StrEnum):
    # A lesson learned was recorded (design, execution, results).
    LESSON_CREATE = "lesson.create"


# The name an action was stored under before -> its name now (none renamed yet).
RENAMED: Final[Mapping[str, KnowledgeAction]] = {}
