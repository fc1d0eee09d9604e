"""The audit actions of needs: the names its services write to the audit log.

Named `<entity>.<verb>`; RENAMED keeps the names actions were stored under before
(handslag.audit.actions says why and reads them).
"""

from collections.abc import Mapping
from enum import StrEnum
from typing import Final


class NeedsAction(StrEnum):
    # A challenge was raised for a buyer organisation.
    CHALLENGE_SUBMIT = "challenge.submit"
    # Triage: the challenge was refined into a need statement.
    CHALLENGE_REFINED = "challenge.refined"
    # Triage: the challenge was merged into another one.
    CHALLENGE_MERGED = "challenge.merged"
    # Triage: the challenge was parked in the idea bank.
    CHALLENGE_PARKED = "challenge.parked"
    # Triage: the challenge was handed to another process.
    CHALLENGE_MOVED = "challenge.moved"
    # Triage: the challenge was declined.
    CHALLENGE_DECLINED = "challenge.declined"
    # The challenge was shown to the market.
    CHALLENGE_PUBLISH = "challenge.publish"
    # The challenge was taken off the market.
    CHALLENGE_UNPUBLISH = "challenge.unpublish"
    # A colleague supported the challenge ("me too").
    CHALLENGE_SUPPORT = "challenge.support"
    # A colleague withdrew their support.
    CHALLENGE_UNSUPPORT = "challenge.unsupport"
    # A colleague commented on the challenge.
    CHALLENGE_COMMENT = "challenge.comment"
    # A file was attached to the challenge.
    CHALLENGE_ATTACH = "challenge.attach"
    # The challenge was shared with other buyers, or made private again.
    CHALLENGE_VISIBILITY = "challenge.visibility"
    # A need statement was written, directly or refined from a challenge.
    NEED_CREATE = "need.create"
    # A need statement's own fields were changed (before and after).
    NEED_UPDATE = "need.update"
    # A project owned with other buyers was started from the need statement.
    NEED_JOINT_PROJECT = "need.joint_project"
    # An expected effect was added to a need statement.
    EFFECT_ADD = "effect.add"
    # An expected effect was changed.
    EFFECT_UPDATE = "effect.update"
    # An expected effect was removed.
    EFFECT_REMOVE = "effect.remove"


# The name an action was stored under before -> its name now (none renamed yet).
RENAMED: Final[Mapping[str, NeedsAction]] = {}
