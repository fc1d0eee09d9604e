"""JSON API for challenges, triage, need statements and expected effects (/api/v1/needs/).

Thin: every operation goes through the same permissions, selectors and services as
the pages, so no rule exists twice.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import File, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate

from handslag.accounts import selectors as account_selectors
from handslag.accounts import services as account_services
from handslag.accounts.models import Organisation
from handslag.accounts.permissions import access_invitation, access_network
from handslag.core.files import download_response
from handslag.core.permissions import not_found
from handslag.needs import selectors, services
from handslag.needs.models import ChallengeAttachment, ChallengeStatus, NeedStatement
from handslag.needs.permissions import (
    access_challenge,
    access_challenge_attachment,
    access_effect,
    access_need,
    access_public_challenge,
    access_submit_organisation,
)
from handslag.needs.schemas import (
    ChallengeIn,
    ChallengeOut,
    CommentIn,
    CommentOut,
    CompletenessOut,
    EffectIn,
    EffectOut,
    EffectPatch,
    ExportLinksOut,
    InvitationIn,
    InvitationOut,
    NeedIn,
    NeedOut,
    NeedPatch,
    NeedSummaryOut,
    NetworkIn,
    NetworkOut,
    PublicChallengeOut,
    SimilarOut,
    SupportOut,
    TriageIn,
    TriageOut,
    VisibilityIn,
)

router = Router(tags=["needs"])


class ChallengeFilters(Schema):
    status: ChallengeStatus | None = None
    area: str = ""
    sort: str = "newest"


# --- Challenges ---------------------------------------------------------------------------


@router.get("/challenges", response=list[ChallengeOut], summary="Challenges of my organisations")
@paginate
def challenge_list(request: HttpRequest, filters: Query[ChallengeFilters]):
    return selectors.challenge_list_visible(
        user=request.user,
        status=filters.status or "",
        area=filters.area,
        sort=filters.sort,
    ).prefetch_related("need_statements")


@router.post("/challenges", response={201: ChallengeOut}, summary="Submit a challenge")
def challenge_create(request: HttpRequest, payload: ChallengeIn):
    data = payload.dict()
    organisation = access_submit_organisation(
        user=request.user, organisation_id=data.pop("organisation_id")
    )
    return 201, services.challenge_submit(actor=request.user, organisation=organisation, **data)


@router.get("/challenges/{challenge_id}", response=ChallengeOut, summary="One challenge")
def challenge_get(request: HttpRequest, challenge_id: int):
    return access_challenge(user=request.user, challenge_id=challenge_id)


@router.post(
    "/challenges/{challenge_id}/triage",
    response=TriageOut,
    summary="Triage: refine, merge, park, move to another process, or decline",
)
def challenge_triage(request: HttpRequest, challenge_id: int, payload: TriageIn):
    challenge = access_challenge(user=request.user, challenge_id=challenge_id, triage=True)
    merge_into = None
    if payload.merge_into_id is not None:
        merge_into = access_challenge(user=request.user, challenge_id=payload.merge_into_id)
    result = services.challenge_triage(
        actor=request.user,
        challenge=challenge,
        outcome=payload.outcome,
        reason=payload.reason,
        merge_into=merge_into,
    )
    need_id = result.pk if isinstance(result, NeedStatement) else None
    challenge.refresh_from_db()
    return {"challenge": challenge, "need_id": need_id}


@router.post(
    "/challenges/{challenge_id}/publish", response=ChallengeOut, summary="Publish to the market"
)
def challenge_publish(request: HttpRequest, challenge_id: int):
    challenge = access_challenge(user=request.user, challenge_id=challenge_id, triage=True)
    return services.challenge_publish(actor=request.user, challenge=challenge)


@router.post("/challenges/{challenge_id}/unpublish", response=ChallengeOut, summary="Unpublish")
def challenge_unpublish(request: HttpRequest, challenge_id: int):
    challenge = access_challenge(user=request.user, challenge_id=challenge_id, triage=True)
    return services.challenge_unpublish(actor=request.user, challenge=challenge)


# --- Published challenges -----------------------------------------------------------------


@router.get(
    "/public/challenges",
    response=list[PublicChallengeOut],
    auth=None,
    summary="Challenges published to the market",
)
@paginate
def public_challenge_list(request: HttpRequest):
    return selectors.public_challenge_list()


@router.get(
    "/public/challenges/{challenge_id}",
    response=PublicChallengeOut,
    auth=None,
    summary="One published challenge",
)
def public_challenge_get(request: HttpRequest, challenge_id: int):
    return access_public_challenge(challenge_id=challenge_id)


# --- Need statements ----------------------------------------------------------------------


@router.get("/statements", response=list[NeedSummaryOut], summary="Need statements I may read")
@paginate
def need_list(request: HttpRequest):
    return selectors.need_list_visible(user=request.user)


@router.post("/statements", response={201: NeedOut}, summary="Write a need statement directly")
def need_create(request: HttpRequest, payload: NeedIn):
    data = payload.dict()
    organisation_id = data.pop("organisation_id")
    if organisation_id not in request.user.buyer_organisation_ids:
        raise not_found()
    organisation = Organisation.objects.get(pk=organisation_id)
    return 201, services.need_create(actor=request.user, organisation=organisation, **data)


@router.get(
    "/statements/{need_id}", response=NeedOut, summary="One need statement with its effects"
)
def need_get(request: HttpRequest, need_id: int):
    return access_need(user=request.user, need_id=need_id)


@router.patch("/statements/{need_id}", response=NeedOut, summary="Change a need statement")
def need_update(request: HttpRequest, need_id: int, payload: NeedPatch):
    need = access_need(user=request.user, need_id=need_id, edit=True)
    fields = payload.dict(exclude_unset=True)
    if not fields:
        raise ValidationError(_("Send at least one field to change."))
    return services.need_update(actor=request.user, need=need, **fields)


@router.get(
    "/statements/{need_id}/completeness",
    response=CompletenessOut,
    summary="What is still missing from a need statement",
)
def need_completeness(request: HttpRequest, need_id: int):
    need = access_need(user=request.user, need_id=need_id)
    completeness = selectors.need_completeness(need)
    return {
        "percent": completeness.percent,
        "missing": completeness.missing,
        "ready": completeness.complete,
        "market_advice": selectors.market_check_advice(need),
        "wording_warnings": selectors.requirement_wording_warnings(need.functional_requirements),
    }


# --- Expected effects ---------------------------------------------------------------------


@router.post(
    "/statements/{need_id}/effects", response={201: EffectOut}, summary="Add an expected effect"
)
def effect_create(request: HttpRequest, need_id: int, payload: EffectIn):
    need = access_need(user=request.user, need_id=need_id, edit=True)
    effect = services.effect_add(actor=request.user, need=need, **payload.dict())
    effect.refresh_from_db()  # answer with the stored precision, as a later GET would
    return 201, effect


@router.patch("/effects/{effect_id}", response=EffectOut, summary="Change an expected effect")
def effect_update(request: HttpRequest, effect_id: int, payload: EffectPatch):
    effect = access_effect(user=request.user, effect_id=effect_id, edit=True)
    fields = payload.dict(exclude_unset=True)
    if not fields:
        raise ValidationError(_("Send at least one field to change."))
    effect = services.effect_update(actor=request.user, effect=effect, **fields)
    effect.refresh_from_db()
    return effect


@router.delete("/effects/{effect_id}", response={204: None}, summary="Remove an expected effect")
def effect_delete(request: HttpRequest, effect_id: int):
    effect = access_effect(user=request.user, effect_id=effect_id, edit=True)
    services.effect_remove(actor=request.user, effect=effect)
    return 204, None


# --- Support, comments, visibility, similar needs ------------------------------------------


@router.post(
    "/challenges/{challenge_id}/support", response={201: SupportOut}, summary="Me too: support"
)
def challenge_support(request: HttpRequest, challenge_id: int):
    challenge = access_challenge(user=request.user, challenge_id=challenge_id)
    services.challenge_support(actor=request.user, challenge=challenge)
    return 201, selectors.challenge_support_summary(user=request.user, challenge=challenge)


@router.delete(
    "/challenges/{challenge_id}/support", response=SupportOut, summary="Withdraw my support"
)
def challenge_unsupport(request: HttpRequest, challenge_id: int):
    challenge = access_challenge(user=request.user, challenge_id=challenge_id)
    services.challenge_unsupport(actor=request.user, challenge=challenge)
    return selectors.challenge_support_summary(user=request.user, challenge=challenge)


@router.get("/challenges/{challenge_id}/comments", response=list[CommentOut], summary="Comments")
@paginate
def challenge_comments(request: HttpRequest, challenge_id: int):
    challenge = access_challenge(user=request.user, challenge_id=challenge_id)
    return selectors.challenge_comments(challenge=challenge)


@router.post(
    "/challenges/{challenge_id}/comments", response={201: CommentOut}, summary="Add a comment"
)
def challenge_comment_add(request: HttpRequest, challenge_id: int, payload: CommentIn):
    challenge = access_challenge(user=request.user, challenge_id=challenge_id)
    return 201, services.challenge_comment_add(
        actor=request.user, challenge=challenge, text=payload.text
    )


@router.post(
    "/challenges/{challenge_id}/visibility",
    response=ChallengeOut,
    summary="Share with other buyers, or keep private to the organisation",
)
def challenge_visibility(request: HttpRequest, challenge_id: int, payload: VisibilityIn):
    challenge = access_challenge(user=request.user, challenge_id=challenge_id)
    return services.challenge_set_visibility(
        actor=request.user, challenge=challenge, visibility=payload.visibility
    )


def _similar_out(items: list) -> list[dict]:
    return [
        {
            "kind": i.kind,
            "id": i.object.pk,
            "title": i.object.title,
            "organisation_id": i.object.organisation_id,
            "organisation": i.object.organisation.name,
            "excerpt": i.excerpt,
            "score": round(i.score, 4),
        }
        for i in items
    ]


@router.get(
    "/challenges/{challenge_id}/similar",
    response=list[SimilarOut],
    summary="Similar challenges and needs other buyers shared",
)
def challenge_similar(request: HttpRequest, challenge_id: int):
    challenge = access_challenge(user=request.user, challenge_id=challenge_id)
    return _similar_out(selectors.similar_for_challenge(user=request.user, challenge=challenge))


@router.get(
    "/statements/{need_id}/similar",
    response=list[SimilarOut],
    summary="Similar challenges and needs other buyers shared",
)
def need_similar(request: HttpRequest, need_id: int, text: str = ""):
    need = access_need(user=request.user, need_id=need_id)
    return _similar_out(
        selectors.similar_for_need(user=request.user, need=need, text=text[:20000] or None)
    )


@router.get("/statements/{need_id}/exports", response=ExportLinksOut, summary="DOCX and PDF links")
def need_exports(request: HttpRequest, need_id: int):
    need = access_need(user=request.user, need_id=need_id)
    return {
        kind: request.build_absolute_uri(reverse("needs:need_export", args=[need.pk, kind]))
        for kind in ("docx", "pdf")
    }


# --- Buyer networks -----------------------------------------------------------------------


@router.get("/networks", response=list[NetworkOut], summary="My buyer networks")
@paginate
def network_list(request: HttpRequest):
    return account_selectors.network_list_for(user=request.user).prefetch_related("memberships")


@router.post("/networks", response={201: NetworkOut}, summary="Start a buyer network")
def network_create(request: HttpRequest, payload: NetworkIn):
    organisation = Organisation.objects.filter(
        pk=payload.organisation_id, pk__in=request.user.buyer_organisation_ids
    ).first()
    if organisation is None:
        raise not_found()
    return 201, account_services.network_create(
        actor=request.user,
        organisation=organisation,
        name=payload.name,
        description=payload.description,
    )


@router.post(
    "/networks/{network_id}/invitations",
    response={201: InvitationOut},
    summary="Invite a buyer organisation into the network",
)
def network_invite(request: HttpRequest, network_id: int, payload: InvitationIn):
    network = access_network(user=request.user, network_id=network_id, invite=True)
    organisation = Organisation.objects.filter(pk=payload.organisation_id).first()
    if organisation is None:
        raise not_found()
    return 201, account_services.network_invite(
        actor=request.user, network=network, organisation=organisation, message=payload.message
    )


@router.get(
    "/networks/invitations", response=list[InvitationOut], summary="Invitations to my organisations"
)
@paginate
def invitation_list(request: HttpRequest):
    return account_selectors.invitations_received(user=request.user)


@router.post(
    "/networks/invitations/{invitation_id}/{answer}",
    response=InvitationOut,
    summary="Accept or decline an invitation (answer: accept or decline)",
)
def invitation_answer(request: HttpRequest, invitation_id: int, answer: str):
    invitation = access_invitation(user=request.user, invitation_id=invitation_id)
    if answer == "accept":
        return account_services.network_invitation_accept(actor=request.user, invitation=invitation)
    if answer == "decline":
        return account_services.network_invitation_decline(
            actor=request.user, invitation=invitation
        )
    raise not_found()


# --- Attachments on challenges ----------------------------------------------------------------


class ChallengeAttachmentOut(Schema):
    id: int
    challenge_id: int
    filename: str
    size: int
    sha256: str
    content_type: str
    uploaded_by: str
    created_at: datetime
    download_url: str


def _attachment_out(attachment: ChallengeAttachment) -> dict:
    return {
        "id": attachment.pk,
        "challenge_id": attachment.challenge_id,
        "filename": attachment.filename,
        "size": attachment.size,
        "sha256": attachment.sha256,
        "content_type": attachment.content_type,
        "uploaded_by": str(attachment.uploaded_by),
        "created_at": attachment.created_at,
        "download_url": reverse("needs:challenge_attachment_download", args=[attachment.pk]),
    }


@router.get(
    "/challenges/{challenge_id}/attachments",
    response=list[ChallengeAttachmentOut],
    summary="A challenge's attachments (never public)",
)
def challenge_attachment_list(request: HttpRequest, challenge_id: int) -> list[dict]:
    challenge = access_challenge(user=request.user, challenge_id=challenge_id)
    attachments = challenge.attachments.select_related("uploaded_by").order_by("-created_at")
    return [_attachment_out(a) for a in attachments]


@router.post(
    "/challenges/{challenge_id}/attachments",
    response={201: ChallengeAttachmentOut},
    summary="Attach a file to a challenge (multipart: file); type checked from its content",
)
def challenge_attachment_upload(
    request: HttpRequest, challenge_id: int, file: File[UploadedFile]
) -> tuple[int, dict]:
    challenge = access_challenge(user=request.user, challenge_id=challenge_id)
    attachment = services.challenge_attachment_add(
        actor=request.user, challenge=challenge, upload=file
    )
    return 201, _attachment_out(attachment)


@router.get(
    "/challenge-attachments/{attachment_id}",
    summary="Download one attachment (always as a file, never rendered)",
)
def challenge_attachment_download(request: HttpRequest, attachment_id: int):
    attachment = access_challenge_attachment(user=request.user, attachment_id=attachment_id)
    return download_response(
        attachment.file, filename=attachment.filename, content_type=attachment.content_type
    )
