"""Changes to challenges, need statements and expected effects.

Every state change is one transaction with its own audit entry; nothing is deleted
except an expected effect that its editor removes (the audit log keeps what it said).

The services live in modules by subject; every name stays importable from here.
"""

from handslag.needs.services.challenges import (
    PUBLISHABLE,
    TRIAGEABLE,
    TriageOutcome,
    challenge_decline,
    challenge_merge,
    challenge_move,
    challenge_park,
    challenge_publish,
    challenge_refine,
    challenge_submit,
    challenge_triage,
    challenge_unpublish,
)
from handslag.needs.services.collaboration import (
    challenge_attachment_add,
    challenge_comment_add,
    challenge_set_visibility,
    challenge_support,
    challenge_unsupport,
)
from handslag.needs.services.statements import (
    EFFECT_FIELDS,
    NEED_FIELDS,
    effect_add,
    effect_remove,
    effect_update,
    need_create,
    need_update,
)

__all__ = [
    "EFFECT_FIELDS",
    "NEED_FIELDS",
    "PUBLISHABLE",
    "TRIAGEABLE",
    "TriageOutcome",
    "challenge_attachment_add",
    "challenge_comment_add",
    "challenge_decline",
    "challenge_merge",
    "challenge_move",
    "challenge_park",
    "challenge_publish",
    "challenge_refine",
    "challenge_set_visibility",
    "challenge_submit",
    "challenge_support",
    "challenge_triage",
    "challenge_unpublish",
    "challenge_unsupport",
    "effect_add",
    "effect_remove",
    "effect_update",
    "need_create",
    "need_update",
]
