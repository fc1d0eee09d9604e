"""Pages for challenges, triage, the idea bank, need statements and published challenges.

The views live in modules by subject; every view stays reachable as `views.<name>`.
"""

from handslag.needs.views.challenges import (
    challenge_create,
    challenge_detail,
    challenge_list,
    challenge_publish,
    challenge_triage,
    challenge_unpublish,
    idea_bank,
    public_challenge_detail,
    public_challenge_list,
)
from handslag.needs.views.collaboration import (
    challenge_attachment_download,
    challenge_attachment_upload,
    challenge_comment,
    challenge_support,
    challenge_unsupport,
    challenge_visibility,
)
from handslag.needs.views.common import PER_PAGE
from handslag.needs.views.networks import (
    need_network_invite,
    network_detail,
    network_invitation_answer,
    network_list,
)
from handslag.needs.views.statements import (
    DRAFT_FIELDS,
    effect_add,
    effect_delete,
    effect_edit,
    need_detail,
    need_edit,
    need_export,
    need_list,
    need_similar,
)

__all__ = [
    "DRAFT_FIELDS",
    "PER_PAGE",
    "challenge_attachment_download",
    "challenge_attachment_upload",
    "challenge_comment",
    "challenge_create",
    "challenge_detail",
    "challenge_list",
    "challenge_publish",
    "challenge_support",
    "challenge_triage",
    "challenge_unpublish",
    "challenge_unsupport",
    "challenge_visibility",
    "effect_add",
    "effect_delete",
    "effect_edit",
    "idea_bank",
    "need_detail",
    "need_edit",
    "need_export",
    "need_list",
    "need_network_invite",
    "need_similar",
    "network_detail",
    "network_invitation_answer",
    "network_list",
    "public_challenge_detail",
    "public_challenge_list",
]
