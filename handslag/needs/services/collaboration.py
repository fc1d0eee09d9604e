"""Support, comments, attachments and visibility of challenges."""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from handslag.accounts.models import User
from handslag.audit.services import audit_record
from handslag.core.files import Upload, check_upload, rewound, store_then_record
from handslag.core.permissions import forbidden
from handslag.needs import similarity
from handslag.needs.audit_actions import NeedsAction
from handslag.needs.models import (
    Challenge,
    ChallengeAttachment,
    ChallengeComment,
    ChallengeSupport,
    Visibility,
)
from handslag.needs.permissions import (
    can_attach_to_challenge,
    can_set_challenge_visibility,
    can_support_challenge,
    can_view_challenge,
)
from handslag.needs.services.common import _clean


@transaction.atomic
def challenge_support(*, actor: User, challenge: Challenge) -> ChallengeSupport:
    """A colleague's "me too": once per person, not by the one who raised it."""
    if not can_view_challenge(user=actor, challenge=challenge):
        raise forbidden(_("Only colleagues in the organisation can support the challenge."))
    if challenge.submitted_by_id == actor.pk:
        raise ValidationError(_("You raised this challenge yourself."), code="own_challenge")
    if not can_support_challenge(user=actor, challenge=challenge):
        raise ValidationError(
            _("Only a challenge that is still open can be supported."), code="wrong_state"
        )
    if ChallengeSupport.objects.filter(challenge=challenge, user=actor).exists():
        raise ValidationError(_("You already support this challenge."), code="duplicate")
    support = ChallengeSupport(challenge=challenge, user=actor)
    support.full_clean()
    support.save()
    audit_record(
        actor=actor,
        action=NeedsAction.CHALLENGE_SUPPORT,
        target=challenge,
        organisation_id=challenge.organisation_id,
    )
    return support


@transaction.atomic
def challenge_unsupport(*, actor: User, challenge: Challenge) -> None:
    """Withdraw one's own support."""
    support = ChallengeSupport.objects.filter(challenge=challenge, user=actor).first()
    if support is None:
        raise ValidationError(_("You do not support this challenge."), code="not_supported")
    support.delete()
    audit_record(
        actor=actor,
        action=NeedsAction.CHALLENGE_UNSUPPORT,
        target=challenge,
        organisation_id=challenge.organisation_id,
    )


@transaction.atomic
def challenge_comment_add(*, actor: User, challenge: Challenge, text: str) -> ChallengeComment:
    """A colleague's comment; comments stay inside the organisation and are never deleted."""
    if not can_view_challenge(user=actor, challenge=challenge):
        raise forbidden(_("Only colleagues in the organisation can comment on the challenge."))
    text = _clean(text or "")
    if not text:
        raise ValidationError({"text": _("Write a comment.")})
    comment = ChallengeComment(challenge=challenge, author=actor, text=text)
    comment.full_clean()
    comment.save()
    audit_record(
        actor=actor,
        action=NeedsAction.CHALLENGE_COMMENT,
        target=challenge,
        organisation_id=challenge.organisation_id,
        data={"comment_id": comment.pk, "text": text},
    )
    return comment


def challenge_attachment_add(
    *, actor: User, challenge: Challenge, upload: Upload, max_bytes: int | None = None
) -> ChallengeAttachment:
    """Check the file (type from its content, size, SHA-256), store it under a name of our
    own, then record it; if recording fails, the stored file is removed again."""
    if not can_attach_to_challenge(user=actor, challenge=challenge):
        raise forbidden(_("Only colleagues in the organisation can attach files."))
    checked = check_upload(upload, max_bytes=max_bytes)

    def record(stored: str) -> ChallengeAttachment:
        attachment = ChallengeAttachment(
            challenge=challenge,
            file=stored,
            filename=checked.filename,
            size=checked.size,
            sha256=checked.sha256,
            content_type=checked.content_type,
            uploaded_by=actor,
        )
        attachment.full_clean()
        attachment.save()
        audit_record(
            actor=actor,
            action=NeedsAction.CHALLENGE_ATTACH,
            target=challenge,
            organisation_id=challenge.organisation_id,
            data={
                "attachment_id": attachment.pk,
                "filename": checked.filename,
                "size": checked.size,
                "sha256": checked.sha256,
                "content_type": checked.content_type,
            },
        )
        return attachment

    return store_then_record(
        name=f"needs/challenges/{challenge.pk}/{uuid.uuid4().hex}.{checked.extension}",
        content=rewound(upload),
        record=record,
    )


def _check_visibility(value: str) -> None:
    if value not in Visibility.values:
        raise ValidationError({"visibility": _("Choose who may find it.")})


@transaction.atomic
def challenge_set_visibility(*, actor: User, challenge: Challenge, visibility: str) -> Challenge:
    """Share the challenge with other buyers (similar needs), or make it private again."""
    if not can_set_challenge_visibility(user=actor, challenge=challenge):
        raise forbidden(
            _("Only the submitter, need owners and procurement officers can change this.")
        )
    _check_visibility(visibility)
    previous = challenge.visibility
    if previous == visibility:
        return challenge
    challenge.visibility = visibility
    challenge.full_clean()
    challenge.save()
    similarity.index_challenge(challenge)
    audit_record(
        actor=actor,
        action=NeedsAction.CHALLENGE_VISIBILITY,
        target=challenge,
        organisation_id=challenge.organisation_id,
        data={"from": previous, "to": visibility},
    )
    return challenge
