"""Who may claim confidentiality, handle document requests and fetch released material.

Everything is decided here (one place). Before the opening the buyer gets 404 for a
tender and its claims, exactly as tendering.permissions does for the tender itself, so
nobody at the buyer can read the claims or learn how many there are. After the opening
the claims are shown to those who may read the tender (access_tender_content). Document
requests are handled by the project's own team (external advisors and other staff at the
buyer are refused); the requester reaches the released material only through the link
token sent to them, whose SHA-256 is all that is stored.
"""

import hashlib
import uuid

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from handslag.accounts.models import User
from handslag.core.models import as_public_id
from handslag.core.permissions import forbidden, not_found
from handslag.disclosure.models import DocumentRequest, RedactionCase, RequestStatus
from handslag.evaluation.models import Award
from handslag.market.models import Call, CallStatus
from handslag.projects.permissions import (
    can_manage_project,
    can_view_project,
    is_internal_member,
)
from handslag.tendering.models import Tender, TenderStatus
from handslag.tendering.permissions import (
    access_call_for_team,
    access_tender,
    is_tender_supplier,
    require_tender_readable,
)
from handslag.tendering.services.submission import _check_tender_period

TOKEN_PREFIX = "hsr_"  # noqa: S105 - a public prefix, not a secret


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def claims_open(*, tender: Tender, now=None) -> bool:
    """Claims can be changed while the tender is submitted and its round still takes
    tenders: before that round's deadline and opening (the rule of the submit service)."""
    now = now or timezone.now()
    if tender.status != TenderStatus.SUBMITTED:
        return False
    try:
        _check_tender_period(tender.call, now, tender.round)
    except ValidationError:
        return False
    return True


def access_tender_for_claims(*, user: User, public_id: uuid.UUID | str) -> Tender:
    """A tender whose claims `user` may see: its supplier always; the team once it may
    read the tender (after the opening, with a declaration where one is needed).

    404 to everybody else, and to the buyer before the opening.
    """
    tender = access_tender(user=user, public_id=public_id)
    if not is_tender_supplier(user=user, tender=tender):
        require_tender_readable(user=user, tender=tender)
    return tender


def can_edit_claims(*, user: User, tender: Tender) -> bool:
    return is_tender_supplier(user=user, tender=tender) and claims_open(tender=tender)


def can_handle_requests(*, user: User, call: Call) -> bool:
    return user.is_authenticated and is_internal_member(user=user, project=call.project)


def can_decide_requests(*, user: User, call: Call) -> bool:
    """The decision on release is the project lead's or a procurement officer's."""
    return can_handle_requests(user=user, call=call) and can_manage_project(
        user=user, project=call.project
    )


def access_call_for_requests(*, user: User, call_id: int) -> Call:
    """The call for its team: 404 to those who may not see the project, 403 to other
    staff at the buyer and to external advisors."""
    return access_call_for_team(user=user, call_id=call_id)


def has_award(call: Call) -> bool:
    return Award.objects.filter(call=call).exists()


def under_absolute_secrecy(call: Call) -> bool:
    """Whether the call's tenders are under absolute secrecy (OSL 19 kap. 3 § andra
    stycket): until the award decision, or until the procurement is cancelled."""
    return call.status != CallStatus.CANCELLED and not has_award(call)


def access_request(*, user: User, request_id: int) -> DocumentRequest:
    request = (
        DocumentRequest.objects.select_related("call__project", "registered_by")
        .filter(pk=request_id)
        .first()
    )
    if request is None or not user.is_authenticated:
        raise not_found()
    if not can_view_project(user=user, project=request.call.project):
        raise not_found()
    if not can_handle_requests(user=user, call=request.call):
        raise forbidden(_("Only the project team handles requests for documents."))
    return request


def access_case(*, user: User, public_id: uuid.UUID | str) -> RedactionCase:
    """A redaction case for the team; reading it means reading the tender, so the rule of
    access_tender_content applies too (a declared conflict of interest keeps one out)."""
    case = (
        RedactionCase.objects.select_related(
            "request__call__project", "tender__call__project", "tender__supplier"
        )
        .filter(public_id=as_public_id(public_id))
        .first()
    )
    if case is None:
        raise not_found()
    access_request(user=user, request_id=case.request_id)
    require_tender_readable(user=user, tender=case.tender)
    return case


def access_consultation(*, user: User, public_id: uuid.UUID | str) -> RedactionCase:
    """A consultation for the supplier whose tender is asked for; 404 for anyone else."""
    if not user.is_authenticated:
        raise not_found()
    case = (
        RedactionCase.objects.select_related("tender__call", "tender__supplier", "request")
        .filter(
            public_id=as_public_id(public_id),
            consultation_sent_at__isnull=False,
            tender__supplier_id__in=user.supplier_organisation_ids,
        )
        .first()
    )
    if case is None:
        raise not_found()
    return case


def access_request_by_token(*, raw: str) -> DocumentRequest:
    """The decided request behind a requester's link; 404 for any other string."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        raise not_found()
    request = (
        DocumentRequest.objects.select_related("call__project__organisation")
        .filter(token_digest=token_digest(raw), status=RequestStatus.DECIDED)
        .first()
    )
    if request is None:
        raise not_found()
    return request
